import type { Arch } from '../hardware/arch.js';
import { simulate } from '../sim/simulate.js';
import type { Graph } from '../workload/graph.js';
import { applyWhatIf } from '../workload/what-if.js';

/** One published measurement of a real device running a model. */
export interface PublishedRow {
  /** Unique in the file (`<measurement set>/<workload>`): what a preset's calibration names. */
  readonly id: string;
  readonly device: string;
  /** The preset that stands for the device, and the built-in network that stands for the model. */
  readonly preset: string;
  readonly workload: string;
  readonly model: string;
  /** The precision the measured model ran at (e.g. fp16 for Core ML), applied to every layer; default: the workload's own. */
  readonly precision?: string;
  readonly latencyMs: number;
  readonly powerWatts?: number;
  readonly source: string;
  /** published (read on the source), recalled (to verify) or measured-3rd (a third party's measurement). */
  readonly status: string;
  /** Why the row may not measure the network named (kept in the table, and summarised apart). */
  readonly doubt?: string;
}

/** A published row beside what the simulator says. */
export interface ComparedRow extends PublishedRow {
  readonly simulatedMs: number;
  readonly simulatedWatts: number;
  /** (simulated − published) / published. */
  readonly latencyError: number;
  readonly powerError?: number;
  /** The preset's parameters were fitted to this row (its calibration names the row's id). */
  readonly fitted: boolean;
}

/** Simulates every row on its preset and network (loaded by the caller's functions). */
export function compareRows(
  rows: readonly PublishedRow[],
  loadArch: (name: string) => Arch,
  loadWorkload: (name: string) => Graph,
): ComparedRow[] {
  return rows.map((row) => {
    const arch = loadArch(row.preset);
    const graph = loadWorkload(row.workload);
    const r = simulate(arch, row.precision ? applyWhatIf(graph, { precision: row.precision }) : graph);
    const simulatedMs = r.totals.seconds * 1e3;
    const simulatedWatts = r.totals.averagePowerWatts;
    return {
      ...row,
      simulatedMs,
      simulatedWatts,
      latencyError: (simulatedMs - row.latencyMs) / row.latencyMs,
      ...(row.powerWatts !== undefined ? { powerError: (simulatedWatts - row.powerWatts) / row.powerWatts } : {}),
      fitted: arch.calibration?.rows.includes(row.id) ?? false,
    };
  });
}

/** Median and worst |error| of a set of rows, and the worst row's model. */
export interface ErrorStats {
  readonly rows: number;
  readonly medianAbsError: number;
  readonly worstAbsError: number;
  readonly worstModel: string;
}

/** Per preset: every row, and the held-out rows (not fitted to) that are not in doubt. */
export interface ErrorSummary extends ErrorStats {
  readonly preset: string;
  readonly heldOut: ErrorStats | null;
}

/** The median (the mean of the middle two for an even count) and the worst |error|. */
export function errorStats(rows: readonly ComparedRow[]): ErrorStats {
  const abs = rows.map((r) => Math.abs(r.latencyError)).sort((a, b) => a - b);
  const mid = abs.length >> 1;
  const worst = rows.reduce((a, b) => (Math.abs(b.latencyError) > Math.abs(a.latencyError) ? b : a));
  return {
    rows: rows.length,
    medianAbsError: abs.length % 2 ? abs[mid] : (abs[mid - 1] + abs[mid]) / 2,
    worstAbsError: Math.abs(worst.latencyError),
    worstModel: worst.model,
  };
}

/** Error statistics per preset, in first-seen order: over all its rows, and over the held-out rows not in doubt. */
export function summarizeErrors(rows: readonly ComparedRow[]): ErrorSummary[] {
  const presets = [...new Set(rows.map((r) => r.preset))];
  return presets.map((preset) => {
    const mine = rows.filter((r) => r.preset === preset);
    const held = mine.filter((r) => !r.fitted && r.doubt === undefined);
    return { preset, ...errorStats(mine), heldOut: held.length ? errorStats(held) : null };
  });
}
