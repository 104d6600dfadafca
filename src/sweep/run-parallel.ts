import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../config/user-error.js';
import type { SweepRow } from './evaluate-point.js';
import type { Shard } from './run-sweep.js';

type WorkerMessage = { rows: SweepRow[] } | { finished: true } | { userError: Problem[] } | { crash: string };

/**
 * Heap caps of a worker. One holds ~25 MB live (a network, an arch, one result at a time);
 * uncapped, V8 lets each heap grow to ~150 MB of garbage before collecting, so RSS grew with the
 * worker count. A young generation of 16 MB costs ~10% speed against V8's default 48 MB.
 */
const WORKER_OLD_MB = 128;
const WORKER_YOUNG_MB = 16;

/** Running workers, so a caller can stop them (Ctrl-C). */
export interface WorkerRun {
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs splits of a sweep's shard on worker threads, one thread per split (split k of n takes
 * every n-th point of the shard from the k-th). Rows arrive in whatever order the threads finish
 * them; the caller sorts them when it writes the outputs. Needs the compiled worker (dist/), as
 * the CLI has.
 */
export function runSweepInWorkers(
  file: string,
  options: { splits: readonly Shard[]; shard?: Shard; done: readonly string[]; onRows: (rows: readonly SweepRow[]) => void },
): WorkerRun {
  // From the compiled tree (dist/src/sweep/) or the CLI's bundle (dist/bundle/cli/main.cjs).
  const url = new URL(import.meta.url.endsWith('.cjs') ? '../sweep/sweep-worker.cjs' : './sweep-worker.js', import.meta.url);
  const threads: Worker[] = [];
  const jobs = options.splits.map(
    (split, i) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url, {
          workerData: { file, shard: options.shard, split, done: options.done },
          resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
        });
        threads.push(worker);
        worker.on('message', (m: WorkerMessage) => {
          if ('rows' in m) options.onRows(m.rows);
          else if ('finished' in m) resolve();
          else if ('userError' in m) reject(new UserError(m.userError));
          else reject(new Error(`sweep worker ${i + 1} crashed: ${m.crash}`));
        });
        worker.on('error', (err: NodeJS.ErrnoException) =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new UserError({
                  file,
                  message: `a point needed more than a sweep worker's ${WORKER_OLD_MB} MB heap (a very large network?); rerun with --workers 1, which resumes where this stopped`,
                })
              : err,
          ),
        );
        worker.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`sweep worker ${i + 1} exited with code ${code}`)),
        );
      }),
  );
  return {
    done: Promise.all(jobs).then(() => undefined),
    stop: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
