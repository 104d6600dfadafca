import type { Arch } from '../hardware/arch.js';
import { simulate } from '../sim/simulate.js';
import type { Graph } from '../workload/graph.js';

/** One published measurement of a real device running a model. */
export interface PublishedRow {
  readonly device: string;
  /** The preset that stands for the device, and the built-in network that stands for the model. */
  readonly preset: string;
  readonly workload: string;
  readonly model: string;
  readonly latencyMs: number;
  readonly powerWatts?: number;
  readonly source: string;
  /** published (read on the source) or recalled (to verify). */
  readonly status: string;
}

/** A published row beside what the simulator says. */
export interface ComparedRow extends PublishedRow {
  readonly simulatedMs: number;
  readonly simulatedWatts: number;
  /** (simulated − published) / published. */
  readonly latencyError: number;
  readonly powerError?: number;
}

/** Simulates every row on its preset and network (loaded by the caller's functions). */
export function compareRows(
  rows: readonly PublishedRow[],
  loadArch: (name: string) => Arch,
  loadWorkload: (name: string) => Graph,
): ComparedRow[] {
  return rows.map((row) => {
    const r = simulate(loadArch(row.preset), loadWorkload(row.workload));
    const simulatedMs = r.totals.seconds * 1e3;
    const simulatedWatts = r.totals.averagePowerWatts;
    return {
      ...row,
      simulatedMs,
      simulatedWatts,
      latencyError: (simulatedMs - row.latencyMs) / row.latencyMs,
      ...(row.powerWatts !== undefined ? { powerError: (simulatedWatts - row.powerWatts) / row.powerWatts } : {}),
    };
  });
}

/** Per preset: how many rows, the median and the worst absolute latency error, and the worst row. */
export interface ErrorSummary {
  readonly preset: string;
  readonly rows: number;
  readonly medianAbsError: number;
  readonly worstAbsError: number;
  readonly worstModel: string;
}

/** The median (the mean of the middle two for an even count) and the worst |error| per preset, in first-seen order. */
export function summarizeErrors(rows: readonly ComparedRow[]): ErrorSummary[] {
  const presets = [...new Set(rows.map((r) => r.preset))];
  return presets.map((preset) => {
    const mine = rows.filter((r) => r.preset === preset);
    const abs = mine.map((r) => Math.abs(r.latencyError)).sort((a, b) => a - b);
    const mid = abs.length >> 1;
    const worst = mine.reduce((a, b) => (Math.abs(b.latencyError) > Math.abs(a.latencyError) ? b : a));
    return {
      preset,
      rows: mine.length,
      medianAbsError: abs.length % 2 ? abs[mid] : (abs[mid - 1] + abs[mid]) / 2,
      worstAbsError: Math.abs(worst.latencyError),
      worstModel: worst.model,
    };
  });
}
