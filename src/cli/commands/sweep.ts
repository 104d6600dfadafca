import { SingleBar, Presets } from 'cli-progress';
import type { Command } from '../command.js';
import { loadSweep } from '../../sweep/load-sweep.js';
import { parseShard, rowKey, runSweep, type SweepRow } from '../../sweep/run-sweep.js';
import { runSweepInWorkers } from '../../sweep/run-parallel.js';
import { fail } from '../../config/user-error.js';
import { appendRow, readRows, rowsFile, writeSummary } from '../../sweep/sweep-store.js';
import { paretoByWorkload } from '../../sweep/sweep-store.js';
import { formatSI } from '../../report/format.js';
import { writingTo } from '../output-error.js';

interface SweepArgs {
  file: string;
  out?: string;
  shard?: string;
  workers?: number;
}

/** `picojoule sweep`: run every design point of a sweep file, resumably, and find the Pareto front. */
export const sweepCommand: Command<SweepArgs> = {
  command: 'sweep <file>',
  describe: 'Run a design-space sweep (arch parameters × workloads) into results.jsonl and pareto.json',
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'sweep JSON (schema: schemas/sweep.schema.json)' })
      .option('out', { alias: 'o', type: 'string', describe: 'output folder [default: reports/sweep-<name>/]' })
      .option('shard', {
        type: 'string',
        describe: 'run only shard k of n (e.g. 3/8), for a Slurm or Kubernetes job array; then `merge`',
      })
      .option('workers', { type: 'number', default: 1, describe: 'worker threads to run points on (one core each)' })
      .example(
        '$0 sweep sweeps/edge-array-and-bandwidth.json --workers 2',
        'every point, on two cores; rerunning resumes where a killed run stopped',
      )
      .example('$0 sweep sweeps/edge-array-and-bandwidth.json --shard 2/4 --out runs/s2', 'one of four shards')
      .example('$0 merge runs/s1 runs/s2 runs/s3 runs/s4 --out runs/all', 'combine the shards'),
  run: async (args, io) => {
    const sweep = loadSweep(args.file);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const out = args.out ?? `reports/sweep-${sweep.name}`;
    const done = new Set(readRows(out).map((r) => rowKey(r.point, r.workload)));
    const workers = args.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1) fail('--workers', undefined, `expected a whole number ≥ 1; got ${workers}`);
    const mine = sweep.points.filter((p) => !shard || p.index % shard.n === shard.k - 1).length * sweep.workloads.length;
    const bar = process.stderr.isTTY
      ? new SingleBar(
          { format: 'sweep [{bar}] {value}/{total} runs, {eta_formatted} left', stream: process.stderr },
          Presets.shades_classic,
        )
      : undefined;
    bar?.start(mine, done.size);
    const onRow = (row: SweepRow) => appendRow(out, row);
    await writingTo('--out', out, () =>
      workers > 1
        ? runSweepInWorkers(args.file, { workers, shard, done: [...done], onRow, onProgress: () => bar?.increment() })
        : runSweep(sweep, { shard, done, onRow, onProgress: (finished) => bar?.update(finished) }),
    );
    bar?.stop();
    const rows = readRows(out);
    writeSummary(out, rows);
    io.out(summary(rowsFile(out), rows.length, done.size, paretoByWorkload(rows)));
  },
};

/** `picojoule merge`: combine the output folders of sweep shards into one. */
export const mergeCommand: Command<{ dirs: string[]; out: string }> = {
  command: 'merge <dirs..>',
  describe: 'Merge the output folders of sweep shards (results.jsonl) and recompute the Pareto front',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, describe: 'sweep output folders' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for the merged results' })
      .example('$0 merge runs/s1 runs/s2 --out runs/all', 'one results.jsonl and pareto.json for the whole sweep'),
  run: async (args, io) => {
    const rows = args.dirs.flatMap((d) => readRows(d));
    await writingTo('--out', args.out, () => writeSummary(args.out, rows));
    io.out(summary(rowsFile(args.out), rows.length, 0, paretoByWorkload(rows)));
  },
};

function summary(file: string, rows: number, resumed: number, pareto: ReturnType<typeof paretoByWorkload>): string {
  const lines = [`${rows} runs in ${file}${resumed ? ` (${resumed} from an earlier run)` : ''}`];
  for (const [workload, front] of Object.entries(pareto)) {
    lines.push(`Pareto front for ${workload} (latency, energy):`);
    for (const p of front)
      lines.push(
        `  point ${p.point}: ${formatSI(p.seconds, 's')}, ${formatSI(p.energyJoules, 'J')}  ${JSON.stringify(p.parameters)}`,
      );
  }
  return lines.join('\n') + '\n';
}
