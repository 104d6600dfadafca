import type { Comparison, SimResult } from './result.js';

export type { Comparison } from './result.js';

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
