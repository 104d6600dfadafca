import { fail } from '../config/user-error.js';
import { Evaluator, type SweepRow } from './evaluate-point.js';
import type { Sweep } from './load-sweep.js';
import { pointAt, pointKey } from './sweep-point.js';

export type { SweepRow } from './evaluate-point.js';

/** Which share of the points a run takes: shard k of n (1-based), points with index % n = k − 1. */
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

/** The indices of the points a shard (and within it a worker's split) takes, in order. */
export function* shardPoints(sweep: Sweep, shard: Shard = { k: 1, n: 1 }, split: Shard = { k: 1, n: 1 }): Generator<number> {
  let mine = 0;
  for (let index = shard.k - 1; index < sweep.strategy.count; index += shard.n) {
    if (mine++ % split.n === split.k - 1) yield index;
  }
}

/** Every (point, workload) content key a shard runs (what its results may hold), with the point's number. */
export function shardKeys(sweep: Sweep, shard?: Shard): Map<string, number> {
  const keys = new Map<string, number>();
  for (const index of shardPoints(sweep, shard)) {
    const point = pointAt(sweep, index);
    for (const w of sweep.workloads) keys.set(pointKey(point, w), index);
  }
  return keys;
}

/** What a run of a shard (or of one split of it) is told. */
export interface RunOptions {
  shard?: Shard;
  /** Of this shard's points, take every n-th from the k-th (how a run splits across workers). */
  split?: Shard;
  done?: ReadonlySet<string>;
  onRow: (row: SweepRow) => void;
  onProgress?: (finished: number) => void;
  stop?: () => boolean;
}

/**
 * Runs a shard's (point, workload) pairs in order, skipping the content keys in `done`, and hands
 * each row to `onRow` as soon as it exists (so a killed run keeps what it finished). The same
 * sweep and shard give the same rows. `stop` is asked between points (for Ctrl-C).
 */
export function runSweep(sweep: Sweep, options: RunOptions): void {
  const evaluator = new Evaluator(sweep);
  let finished = 0;
  for (const index of shardPoints(sweep, options.shard, options.split)) {
    if (options.stop?.()) return;
    const point = pointAt(sweep, index);
    for (const w of sweep.workloads) {
      const key = pointKey(point, w);
      if (!options.done?.has(key)) options.onRow(evaluator.evaluate(point, w, key));
      options.onProgress?.(++finished);
    }
  }
}
