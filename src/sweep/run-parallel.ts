import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../config/user-error.js';
import type { SweepRow } from './evaluate-point.js';
import type { Shard } from './run-sweep.js';

type WorkerMessage = { row: SweepRow } | { finished: true } | { userError: Problem[] } | { crash: string };

/** Running workers, so a caller can stop them (Ctrl-C). */
export interface WorkerRun {
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a sweep on `workers` threads, each taking every `workers`-th point of the shard. Rows
 * arrive in whatever order the threads finish them; the caller sorts them when it writes the
 * outputs. Needs the compiled worker (dist/), as the CLI has.
 */
export function runSweepInWorkers(
  file: string,
  options: { workers: number; shard?: Shard; done: readonly string[]; onRow: (row: SweepRow) => void; onProgress?: () => void },
): WorkerRun {
  const url = new URL('./sweep-worker.js', import.meta.url);
  const threads: Worker[] = [];
  const jobs = Array.from(
    { length: options.workers },
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url, {
          workerData: { file, shard: options.shard, split: { k: i + 1, n: options.workers }, done: options.done },
        });
        threads.push(worker);
        worker.on('message', (m: WorkerMessage) => {
          if ('row' in m) {
            options.onRow(m.row);
            options.onProgress?.();
          } else if ('finished' in m) resolve();
          else if ('userError' in m) reject(new UserError(m.userError));
          else reject(new Error(`sweep worker ${i + 1} crashed: ${m.crash}`));
        });
        worker.on('error', reject);
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
