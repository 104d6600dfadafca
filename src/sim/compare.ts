import type { SimResult } from './result.js';

/** How a what-if run compares with its dense int8 baseline. */
export interface Comparison {
  readonly baseline: {
    readonly description: string;
    readonly cycles: number;
    readonly seconds: number;
    readonly energyJoules: number;
    readonly dramBytes: number;
  };
  /** Baseline time ÷ this run's time (> 1 is faster). */
  readonly speedup: number;
  /** This run's energy ÷ the baseline's (< 1 is better). */
  readonly energyRatio: number;
  /** DRAM bytes the baseline moves that this run does not (read + write). */
  readonly dramBytesSaved: number;
  /** MACs this run skipped outright. */
  readonly macsSkipped: number;
}

/** Compares a run with a baseline run of the same network on the same arch. */
export function compareRuns(run: SimResult, baseline: SimResult, description: string): Comparison {
  const bytes = (r: SimResult) => r.totals.dramBytes.read + r.totals.dramBytes.write;
  return {
    baseline: {
      description,
      cycles: baseline.totals.cycles,
      seconds: baseline.totals.seconds,
      energyJoules: baseline.totals.energyJoules,
      dramBytes: bytes(baseline),
    },
    speedup: run.totals.cycles > 0 ? baseline.totals.cycles / run.totals.cycles : 1,
    energyRatio: baseline.totals.energyJoules > 0 ? run.totals.energyJoules / baseline.totals.energyJoules : 1,
    dramBytesSaved: bytes(baseline) - bytes(run),
    macsSkipped: run.layers.reduce((s, l) => s + l.macsSkipped, 0),
  };
}
