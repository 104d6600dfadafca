import type { SweepRow } from './evaluate-point.js';
import type { Sweep } from './load-sweep.js';
import { runSweepInWorkers } from './run-parallel.js';
import { runSweep, shardKeys, type Shard } from './run-sweep.js';
import { pointAt } from './sweep-point.js';
import { writeOutputs, type ParetoFile } from './summarize.js';
import { claimFolder, dropTornLine, lockFolder, manifestOf, readKeys, readRows, RowWriter } from './sweep-store.js';

/** What a run into a folder did. */
export interface FolderRun {
  /** (Point, workload) pairs this run (or shard) has in all. */
  readonly total: number;
  /** Of those, already in the folder from an earlier run. */
  readonly resumed: number;
  /** Rows in the folder of points the sweep no longer has (left out of every output). */
  readonly stale: number;
  /** The folder's last line was cut short by a kill and was left out. */
  readonly tornLine: boolean;
  /** Stopped before the end (Ctrl-C): the outputs were not rewritten. */
  readonly interrupted: boolean;
  /** Rows in the outputs. */
  readonly rows: number;
  readonly pareto?: ParetoFile;
}

/**
 * Runs a sweep (or one shard) into a folder, resumably: one writer at a time (a lock), rows
 * appended as they finish, only the pairs whose content key the folder lacks are run, and rows of
 * points the sweep no longer has are left out. Then writes results.jsonl, results.csv,
 * pareto.json and index.html. With `workers` > 1 the points run on that many threads.
 */
export async function runSweepToFolder(
  sweep: Sweep,
  options: {
    readonly out: string;
    readonly shard?: Shard;
    readonly workers?: number;
    readonly onProgress?: (finished: number, total: number) => void;
    /** Asked between points: true stops the run (rerunning resumes). */
    readonly stop?: () => boolean;
  },
): Promise<FolderRun> {
  const release = lockFolder(options.out);
  try {
    const manifest = manifestOf(sweep, options.shard ?? null);
    claimFolder(options.out, manifest);
    const current = shardKeys(sweep, options.shard);
    // Only the earlier rows' keys are held while the sweep runs, not the rows.
    const { keys, tornLine } = readKeys(options.out);
    // A line cut short by a kill would run into the next row appended: cut it off first.
    if (tornLine) dropTornLine(options.out);
    const done = new Set([...keys].filter((k) => current.has(k)));
    const resumed = done.size;
    const stale = keys.size - resumed;
    keys.clear();
    const total = current.size;
    let finished = resumed;
    options.onProgress?.(finished, total);
    const writer = new RowWriter(options.out);
    const onRows = (rows: readonly SweepRow[]) => {
      writer.append(rows);
      finished += rows.length;
      options.onProgress?.(finished, total);
    };
    let interrupted = false;
    try {
      // With nothing left to run, no workers are started.
      if (resumed < total && (options.workers ?? 1) > 1) interrupted = await inWorkers(sweep, options, done, onRows);
      else if (resumed < total) {
        runSweep(sweep, {
          shard: options.shard,
          done,
          onRow: (row) => onRows([row]),
          stop: () => (interrupted = options.stop?.() ?? false),
        });
      }
    } finally {
      writer.close();
    }
    if (interrupted) return { total, resumed, stale, tornLine, interrupted, rows: finished };
    // A row kept from before an edit takes its point's number and labels in the sweep as it is now.
    const rows = readRows(options.out)
      .rows.filter((r) => current.has(r.key))
      .map((r) => {
        const index = current.get(r.key)!;
        return index === r.point ? r : { ...r, point: index, parameters: pointAt(sweep, index).parameters };
      });
    // What the outputs do not need is let go before they are written (a 100k-point sweep's keys are tens of MB).
    current.clear();
    done.clear();
    const pareto = await writeOutputs(options.out, rows, manifest);
    return { total, resumed, stale, tornLine, interrupted, rows: rows.length, pareto };
  } finally {
    release();
  }
}

/**
 * Runs on `workers` worker threads, each with a capped heap, while this thread only writes their
 * rows: memory stays bounded whatever the sweep's size. Polls `stop` and ends them when asked.
 * Resolves true if stopped.
 */
async function inWorkers(
  sweep: Sweep,
  options: { readonly shard?: Shard; readonly workers?: number; readonly stop?: () => boolean },
  done: ReadonlySet<string>,
  onRows: (rows: readonly SweepRow[]) => void,
): Promise<boolean> {
  const n = options.workers!;
  const splits = Array.from({ length: n }, (_, i) => ({ k: i + 1, n }));
  const run = runSweepInWorkers(sweep.file, { splits, shard: options.shard, done: [...done], onRows });
  let stopped = false;
  const poll = setInterval(() => {
    if (!stopped && options.stop?.()) {
      stopped = true;
      void run.stop();
    }
  }, 100);
  try {
    await run.done;
  } catch (err) {
    if (!stopped) throw err;
  } finally {
    clearInterval(poll);
  }
  return stopped;
}
