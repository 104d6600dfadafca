import { loadWorkload } from '../load/load-workload.js';
import type { Graph } from '../workload/graph.js';
import { simulateWhatIf } from '../sim/simulate-what-if.js';
import { fail } from '../config/user-error.js';
import type { Sweep } from './load-sweep.js';

/** One simulated (point, workload) pair: what a sweep writes, one JSON line each. */
export interface SweepRow {
  readonly point: number;
  readonly workload: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly seconds: number;
  readonly cycles: number;
  readonly energyJoules: number;
  readonly averagePowerWatts: number;
  readonly opsPerWatt: number;
  readonly utilization: number;
  readonly dramBytes: number;
  readonly energyBreakdownJoules: Readonly<Record<string, number>>;
}

/** Which share of the points this run takes: shard k of n (1-based), points with index % n = k − 1. */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/** Parses "k/n" (1 ≤ k ≤ n); a bad value is the --shard flag's error. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) fail('--shard', undefined, `expected k/n with 1 ≤ k ≤ n, e.g. 2/8; got "${text}"`);
  return { k, n };
}

/** The key of a row, for resuming and merging. */
export const rowKey = (point: number, workload: string): string => `${point}\u0000${workload}`;

/**
 * Runs a sweep's (point, workload) pairs in order, skipping those in `done`, and hands each row
 * to `onRow` as soon as it exists (so a killed run keeps what it finished). Deterministic: the
 * same sweep and shard give the same rows in the same order.
 */
export function runSweep(
  sweep: Sweep,
  options: {
    shard?: Shard;
    /** Of this shard's points, take every n-th from the k-th (how a run splits across workers). */
    split?: Shard;
    done?: ReadonlySet<string>;
    onRow: (row: SweepRow) => void;
    onProgress?: (finished: number, total: number) => void;
  },
): void {
  const shard = options.shard ?? { k: 1, n: 1 };
  const split = options.split ?? { k: 1, n: 1 };
  const mine = sweep.points.filter((p) => p.index % shard.n === shard.k - 1).filter((_, i) => i % split.n === split.k - 1);
  const graphs = new Map<string, Graph>(sweep.workloads.map((w) => [w, loadWorkload(w)]));
  const total = mine.length * sweep.workloads.length;
  let finished = 0;
  for (const point of mine) {
    for (const workload of sweep.workloads) {
      if (!options.done?.has(rowKey(point.index, workload))) {
        const r = simulateWhatIf(point.arch, graphs.get(workload)!, sweep.whatIf);
        const t = r.totals;
        options.onRow({
          point: point.index,
          workload,
          parameters: point.parameters,
          seconds: t.seconds,
          cycles: t.cycles,
          energyJoules: t.energyJoules,
          averagePowerWatts: t.averagePowerWatts,
          opsPerWatt: t.opsPerWatt,
          utilization: t.utilization,
          dramBytes: t.dramBytes.read + t.dramBytes.write,
          energyBreakdownJoules: t.energyBreakdownJoules,
        });
      }
      options.onProgress?.(++finished, total);
    }
  }
}
