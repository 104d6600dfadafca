import { availableParallelism } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { fail } from '../../config/user-error.js';
import { formatCount } from '../../report/format.js';
import { breaks, loadSweep } from '../../sweep/load-sweep.js';
import { mergeSweeps } from '../../sweep/merge-sweeps.js';
import { parseShard } from '../../sweep/run-sweep.js';
import { formatMetric } from '../../sweep/chart-pareto.js';
import type { ParetoFile } from '../../sweep/summarize.js';
import { pointAt } from '../../sweep/sweep-point.js';
import { readRows, rowsFile } from '../../sweep/sweep-store.js';
import { runSweepToFolder } from '../../sweep/sweep-to-folder.js';
import type { SweepMetric } from '../../config/schemas/sweep.js';
import { writingTo } from '../output-error.js';

interface SweepArgs {
  file: string;
  out?: string;
  shard?: string;
  workers?: number;
  exportPoint?: number;
}

/** `picojoule sweep`: run every design point of a sweep file, resumably, and find the Pareto front. */
export const sweepCommand: Command<SweepArgs> = {
  command: 'sweep <file>',
  describe: 'Run a design-space sweep into results.jsonl, results.csv, pareto.json and index.html',
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'sweep JSON (schema: schemas/sweep.schema.json)' })
      .option('out', { alias: 'o', type: 'string', describe: 'output folder [default: reports/sweep-<name>/]' })
      .option('shard', {
        type: 'string',
        describe: 'run only shard k of n (e.g. 3/8), for a Slurm or Kubernetes job array; then `merge`',
      })
      .option('workers', { type: 'number', default: 1, describe: 'worker threads to run points on (at most one per core)' })
      .option('export-point', { type: 'number', describe: 'print point N’s complete arch file (JSON) instead of running' })
      .example('$0 sweep sweeps/edge-array-and-bandwidth.json --workers 2', 'every point, on two cores; rerunning resumes')
      .example('$0 sweep sweeps/edge-array-and-bandwidth.json --shard 2/4 --out runs/s2', 'one of four shards')
      .example('$0 merge runs/s1 runs/s2 runs/s3 runs/s4 --out runs/all', 'combine the shards')
      .example(
        '$0 sweep sweeps/edge-array-and-bandwidth.json --export-point 7 > best.json',
        'the arch of point 7, to simulate or edit',
      ),
  run: async (args, io) => {
    const sweep = loadSweep(args.file);
    if (args.exportPoint !== undefined) return exportPoint(sweep, args.exportPoint, io);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const out = args.out ?? `reports/sweep-${sweep.name}`;
    const workers = workerCount(args.workers ?? 1, io);
    const progress = progressOf(io);
    let stop = false;
    const interrupt = () => (stop = true);
    process.on('SIGINT', interrupt);
    try {
      const r = await writingTo('--out', out, () =>
        runSweepToFolder(sweep, { out, shard, workers, onProgress: progress.update, stop: () => stop }),
      );
      progress.done();
      if (r.tornLine)
        io.err(
          `picojoule: the last line of ${rowsFile(out)} was cut short (a killed run) and was left out; its run is done again\n`,
        );
      if (r.stale)
        io.err(`picojoule: ${formatCount(r.stale)} rows of points this sweep no longer has are left out of the outputs\n`);
      if (r.interrupted) {
        io.err(
          `picojoule: interrupted after ${formatCount(r.rows)} of ${formatCount(r.total)} runs; rerun the same command to resume\n`,
        );
        return 130;
      }
      io.out(summary(rowsFile(out), r.rows, r.resumed, r.pareto!));
      if (r.rows > 0 && Object.values(r.pareto!.fronts).every((f) => f.length === 0)) return noFeasiblePoint(sweep, out);
    } finally {
      process.off('SIGINT', interrupt);
      progress.done();
    }
  },
};

/** `picojoule merge`: combine the output folders of sweep shards into one. */
export const mergeCommand: Command<{ dirs: string[]; out: string }> = {
  command: 'merge <dirs..>',
  describe: 'Merge the output folders of a sweep’s shards into the files one run would write',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, describe: 'the shards’ output folders' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for the merged results' })
      .example('$0 merge runs/s1 runs/s2 --out runs/all', 'one results.jsonl, results.csv, pareto.json and index.html'),
  run: async (args, io) => {
    const r = await writingTo('--out', args.out, () => mergeSweeps(args.dirs, args.out));
    io.out(summary(rowsFile(args.out), r.rows, 0, r.pareto));
  },
};

/** Fails naming the budgets that ruled out every point, most binding first. */
function noFeasiblePoint(sweep: ReturnType<typeof loadSweep>, out: string): never {
  const { rows } = readRows(out);
  const failed = rows.filter((r) => !r.metrics).length;
  const counts = sweep.constraints
    .map((c) => ({
      c,
      n: rows.filter((r) => r.metrics && breaks(c, r.metrics[c.metric])).length,
    }))
    .sort((a, b) => b.n - a.n);
  const parts = counts.map(
    ({ c, n }) =>
      `${c.metric}${c.min !== undefined ? ` ≥ ${c.min}` : ''}${c.max !== undefined ? ` ≤ ${c.max}` : ''} is broken by ${n} of ${rows.length} runs`,
  );
  if (failed) parts.push(`${failed} of ${rows.length} runs could not run at all (see "reason" in results.csv)`);
  return fail(sweep.file, counts.length ? '/constraints' : '/parameters', `no design point is feasible: ${parts.join('; ')}`);
}

function exportPoint(sweep: ReturnType<typeof loadSweep>, n: number, io: Io): void {
  if (!Number.isInteger(n) || n < 0 || n >= sweep.strategy.count) {
    fail('--export-point', undefined, `expected a point number from 0 to ${sweep.strategy.count - 1}; got ${n}`);
  }
  const p = pointAt(sweep, n);
  const doc = {
    ...p.archDoc,
    description: `Point ${n} of sweep "${sweep.name}" (${sweep.file}): ${JSON.stringify(p.parameters)}`,
  };
  io.out(JSON.stringify(doc, null, 2) + '\n');
}

/** At most one worker per core; asking for more is capped, with a note. */
function workerCount(asked: number, io: Io): number {
  if (!Number.isInteger(asked) || asked < 1) fail('--workers', undefined, `expected a whole number ≥ 1; got ${asked}`);
  const cores = availableParallelism();
  if (asked <= cores) return asked;
  io.err(`picojoule: --workers ${asked} capped at ${cores}, the cores this machine has\n`);
  return cores;
}

/** A progress bar on a terminal; otherwise a plain line every few seconds (for a batch log). */
function progressOf(io: Io): { update: (finished: number, total: number) => void; done: () => void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: 'sweep [{bar}] {value}/{total} runs, {eta_formatted} left', stream: process.stderr },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update: (finished, total) => {
        if (!started) bar.start(total, finished);
        started = true;
        bar.update(finished);
      },
      done: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  const t0 = Date.now();
  let last = t0;
  let first: number | undefined;
  return {
    update: (finished, total) => {
      first ??= finished;
      const now = Date.now();
      if (now - last < 5000 || finished === total) return;
      last = now;
      const rate = (finished - first) / ((now - t0) / 1000);
      const left = rate > 0 ? Math.round((total - finished) / rate) : undefined;
      io.err(
        `sweep: ${formatCount(finished)}/${formatCount(total)} runs (${Math.floor((100 * finished) / total)}%), ${rate.toFixed(1)} runs/s${left === undefined ? '' : `, about ${left} s left`}\n`,
      );
    },
    done: () => {},
  };
}

function summary(file: string, rows: number, resumed: number, pareto: ParetoFile): string {
  const lines = [`${rows} runs in ${file}${resumed ? ` (${resumed} from an earlier run)` : ''}`];
  const names = pareto.objectives.map((o) => o.metric as SweepMetric);
  for (const [workload, front] of Object.entries(pareto.fronts)) {
    lines.push(`Pareto front for ${workload} (${names.join(', ')}):`);
    for (const p of front) {
      const figures = names.map((m) => formatMetric(m, p.metrics![m] ?? NaN)).join(', ');
      lines.push(`  point ${p.point}: ${figures}  ${JSON.stringify(p.parameters)}`);
    }
  }
  return lines.join('\n') + '\n';
}
