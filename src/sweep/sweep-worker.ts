/**
 * A worker thread's share of a sweep: loads the sweep file itself (archs are not sent across
 * threads), runs its split, and posts each row back as it finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../config/user-error.js';
import { loadSweep } from './load-sweep.js';
import { runSweep, type Shard, type SweepRow } from './run-sweep.js';

interface Job {
  readonly file: string;
  readonly shard?: Shard;
  readonly split: Shard;
  readonly done: readonly string[];
}

const job = workerData as Job;
// Rows go back in batches (a message per row costs the main thread more than a small point does).
let batch: SweepRow[] = [];
let sent = Date.now();
const flush = () => {
  if (batch.length) parentPort!.postMessage({ rows: batch });
  batch = [];
  sent = Date.now();
};
try {
  runSweep(loadSweep(job.file), {
    shard: job.shard,
    split: job.split,
    done: new Set(job.done),
    onRow: (row) => {
      batch.push(row);
      if (batch.length >= 64 || Date.now() - sent > 200) flush();
    },
  });
  flush();
  parentPort!.postMessage({ finished: true });
} catch (err) {
  parentPort!.postMessage(
    err instanceof UserError
      ? { userError: err.problems }
      : { crash: err instanceof Error ? (err.stack ?? err.message) : String(err) },
  );
}
