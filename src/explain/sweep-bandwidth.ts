import type { Arch } from '../hardware/arch.js';
import type { Graph } from '../workload/graph.js';
import { simulate } from '../sim/simulate.js';
import type { Role } from './analyze-design.js';
import { memoryBoundLayers } from './analyze-design.js';

/** The DRAM bandwidths swept, as multiples of a design's own. */
export const SWEEP_FACTORS: readonly number[] = [1 / 4, 1 / 2, 1, 2, 4, 8];

/** One design at one DRAM bandwidth. */
export interface SweepPoint {
  /** Multiple of the design's nominal bandwidth. */
  readonly factor: number;
  readonly bytesPerSecond: number;
  readonly seconds: number;
  readonly energyJoules: number;
  /** The static part of energyJoules (leakage × time); the rest does not depend on time. */
  readonly staticJoules: number;
  readonly cycles: number;
  readonly stallCycles: number;
  readonly dramBytes: number;
  /** The memory-bound layers at this bandwidth, most stalled first, with transfer and compute time. */
  readonly memoryBound: readonly { readonly name: string; readonly transferSeconds: number; readonly computeSeconds: number }[];
}

/** One design's sweep, or why it was skipped. */
export type SweepSeries =
  | {
      readonly role: Role;
      readonly arch: string;
      readonly nominalBytesPerSecond: number;
      readonly latencySeconds: number;
      readonly points: readonly SweepPoint[];
    }
  | { readonly role: Role; readonly arch: string; readonly skipped: string };

/** The two sweeps, when one was run. */
export interface SweepPair {
  readonly npu: SweepSeries;
  readonly imc: SweepSeries;
}

/** The arch with its DRAM bandwidth replaced. */
export const withBandwidth = (arch: Arch, bytesPerSecond: number): Arch => ({ ...arch, dram: { ...arch.dram, bytesPerSecond } });

/**
 * Simulates `graph` on `arch` at each multiple of its DRAM bandwidth. An arch with ideal DRAM has
 * no bandwidth to vary: its series says so instead.
 */
export function sweepBandwidth(role: Role, arch: Arch, graph: Graph, factors: readonly number[] = SWEEP_FACTORS): SweepSeries {
  if (arch.dram.ideal)
    return { role, arch: arch.name, skipped: `${arch.name} has ideal DRAM (unlimited bandwidth), so there is nothing to sweep` };
  const nominal = arch.dram.bytesPerSecond;
  const points = factors.map((factor): SweepPoint => {
    const r = simulate(withBandwidth(arch, nominal * factor), graph);
    return {
      factor,
      bytesPerSecond: nominal * factor,
      seconds: r.totals.seconds,
      energyJoules: r.totals.energyJoules,
      staticJoules: r.totals.energyBreakdownJoules.static ?? 0,
      cycles: r.totals.cycles,
      stallCycles: r.totals.stallCycles,
      dramBytes: r.totals.dramBytes.read + r.totals.dramBytes.write,
      memoryBound: memoryBoundLayers(r).map((t) => ({
        name: t.name,
        transferSeconds: t.transferSeconds,
        computeSeconds: t.computeSeconds,
      })),
    };
  });
  return { role, arch: arch.name, nominalBytesPerSecond: nominal, latencySeconds: arch.dram.latencySeconds, points };
}

/** True for a series that ran. */
export const swept = (s: SweepSeries): s is Extract<SweepSeries, { points: readonly SweepPoint[] }> => 'points' in s;

/**
 * True when, across every swept series, the bytes moved and the energy other than static are the
 * same at every bandwidth: only leakage × time changes.
 */
export function onlyStaticVaries(series: readonly SweepSeries[]): boolean {
  const ran = series.filter(swept);
  return (
    ran.length > 0 &&
    ran.every((s) => {
      const dynamic = s.points.map((p) => p.energyJoules - p.staticJoules);
      return (
        dynamic.every((d) => Math.abs(d - dynamic[0]) <= 1e-9 * Math.abs(dynamic[0])) &&
        s.points.every((p) => p.dramBytes === s.points[0].dramBytes)
      );
    })
  );
}
