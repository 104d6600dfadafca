/**
 * Sweep throughput and memory (`npm run bench:sweep`, also the last part of `npm run bench`).
 * Each run is the CLI in a fresh Node process (bench/sweep-child.ts), so its peak RSS is its own.
 * Speed is reported against the ceiling measured here first: `simulate()` of the same network
 * called in a loop on one core, with nothing else to do.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArch } from '../src/load/load-arch.js';
import { loadWorkload } from '../src/load/load-workload.js';
import { formatCount } from '../src/report/format.js';
import { plainTable } from '../src/report/plain-table.js';
import { simulate } from '../src/sim/simulate.js';
import { runChild, type ChildRun } from './sweep-child.js';
import { timeRuns } from './time-runs.js';

const MB = 1024 * 1024;
/** The targets. */
const TARGET_PER_MINUTE = 20_000;
const TARGET_RSS_MB = 300;
/** Grid sizes: MobileNetV2 points for speed, tiny-network points for scale (its rows cost what any row does). */
const SPEED_POINTS = { rows: 20, cols: 20, bandwidths: 15 };
const SCALE_POINTS = { rows: 100, cols: 100, bandwidths: 10 };
const SMALL_SCALE_POINTS = { rows: 10, cols: 100, bandwidths: 10 };

const fixed = (x: number, digits: number) => x.toFixed(digits);
const mb = (r: ChildRun) => `${fixed(r.peakRssBytes / MB, 0)} MB`;

/** A sweep over the Edge TPU-like preset's array shape and DRAM bandwidth. */
function sweepFile(dir: string, name: string, network: string, g: typeof SPEED_POINTS): { file: string; points: number } {
  const doc = {
    version: 1,
    name,
    description: `Benchmark sweep: ${network} over array rows, columns and DRAM bandwidth`,
    arch: 'edge-tpu',
    workloads: [network],
    parameters: {
      '/compute/mxu/rows': { from: 8, to: 256, steps: g.rows },
      '/compute/mxu/cols': { from: 8, to: 256, steps: g.cols },
      '/memory/dram/bandwidth': Array.from({ length: g.bandwidths }, (_, i) => `${fixed(0.5 * 1.5 ** i, 3)} GB/s`),
    },
    objectives: ['seconds', 'energyJoules', 'areaMm2'],
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return { file, points: g.rows * g.cols * g.bandwidths };
}

/** Runs a command, failing the benchmark loudly if the command failed. */
function cli(args: readonly string[]): ChildRun {
  const r = runChild(args);
  if (r.code !== 0) throw new Error(`picojoule ${args.join(' ')} exited ${r.code}: ${r.err}`);
  return r;
}

const sameRows = (a: string, b: string) => readFileSync(join(a, 'results.jsonl')).equals(readFileSync(join(b, 'results.jsonl')));

function printSpeed(dir: string, ceiling: number): void {
  const { file, points } = sweepFile(dir, 'bench-mobilenet-v2', 'mobilenet-v2', SPEED_POINTS);
  console.log(
    `\nSweep speed: ${formatCount(points)} MobileNetV2 points on edge-tpu (array 8…256 × 8…256, ${SPEED_POINTS.bandwidths} DRAM bandwidths), fresh process per run.`,
  );
  console.log(
    `Ceiling: simulate(edge-tpu, mobilenet-v2) in a loop on one core, ${fixed(ceiling, 0)} calls/s (one fixed arch: no arch to build, no row to write).`,
  );
  const table = plainTable(
    ['workers', 'points', 'wall s', 'points/s', 'points/min', '× 1 worker', '× ceiling', 'peak RSS'],
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  const outs: string[] = [];
  let one = 0;
  let two = 0;
  for (const workers of [1, 2]) {
    const out = join(dir, `speed-${workers}`);
    const r = cli(['sweep', file, '--out', out, '--workers', String(workers)]);
    outs.push(out);
    const rate = points / (r.ms / 1000);
    if (workers === 1) one = rate;
    else two = rate;
    table.push([
      String(workers),
      formatCount(points),
      fixed(r.ms / 1000, 1),
      fixed(rate, 0),
      formatCount(Math.round(rate * 60)),
      `${fixed(rate / one, 2)}×`,
      `${fixed(rate / ceiling, 2)}×`,
      mb(r),
    ]);
  }
  console.log(table.toString());
  console.log(`  1 and 2 workers wrote ${sameRows(outs[0], outs[1]) ? 'byte-identical' : 'DIFFERENT'} results.jsonl.`);
  const perMinute = two * 60;
  console.log(
    `Target: ≥ ${formatCount(TARGET_PER_MINUTE)} MobileNetV2 points/min with --workers 2 on ${availableParallelism()} cores: ` +
      `${perMinute >= TARGET_PER_MINUTE ? 'met' : 'MISSED'} (${formatCount(Math.round(perMinute))}/min, start-up and the outputs included).`,
  );
}

function printScale(dir: string): void {
  const big = sweepFile(dir, 'bench-scale', 'tiny', SCALE_POINTS);
  const small = sweepFile(dir, 'bench-scale-small', 'tiny', SMALL_SCALE_POINTS);
  console.log(
    `\nSweep scale: ${formatCount(big.points)} points (network "tiny": every row costs what any row does), --workers 2 unless said.`,
  );
  const table = plainTable(['step', 'rows', 'wall s', 'points/s', 'peak RSS'], [1, 2, 3, 4]);
  const row = (step: string, rows: number, r: ChildRun, ran = rows) =>
    table.push([step, formatCount(rows), fixed(r.ms / 1000, 1), ran ? fixed(ran / (r.ms / 1000), 0) : '—', mb(r)]);
  const whole = join(dir, 'scale-whole');
  const smallRun = cli(['sweep', small.file, '--out', join(dir, 'scale-small'), '--workers', '2']);
  row(`run ${formatCount(small.points)}`, small.points, smallRun);
  const runs: ChildRun[] = [];
  const first = cli(['sweep', big.file, '--out', whole, '--workers', '2']);
  runs.push(first);
  row(`run ${formatCount(big.points)}`, big.points, first);
  const one = cli(['sweep', big.file, '--out', join(dir, 'scale-one'), '--workers', '1']);
  runs.push(one);
  row(`run ${formatCount(big.points)}, 1 worker`, big.points, one);
  const resumed = cli(['sweep', big.file, '--out', whole, '--workers', '2']);
  runs.push(resumed);
  row('rerun (all resumed)', big.points, resumed, 0);
  const shards = [1, 2].map((k) => join(dir, `scale-shard-${k}`));
  shards.forEach((out, i) => {
    const r = cli(['sweep', big.file, '--out', out, '--shard', `${i + 1}/2`, '--workers', '2']);
    runs.push(r);
    row(`shard ${i + 1}/2`, big.points / 2, r);
  });
  const merged = join(dir, 'scale-merged');
  const merge = cli(['merge', ...shards, '--out', merged]);
  runs.push(merge);
  row('merge 2 shards', big.points, merge, 0);
  console.log(table.toString());
  console.log(
    `  merged shards ${sameRows(whole, merged) ? 'are byte-identical to' : 'DIFFER from'} the whole run's results.jsonl; ` +
      `peak RSS ${formatCount(big.points)} / ${formatCount(small.points)} points: ${fixed(first.peakRssBytes / smallRun.peakRssBytes, 2)}× (flat is 1×).`,
  );
  const worst = Math.max(...runs.map((r) => r.peakRssBytes)) / MB;
  console.log(
    `Target: a ${formatCount(big.points)}-point sweep completes, resumes and merges under ${TARGET_RSS_MB} MB RSS: ` +
      `${worst < TARGET_RSS_MB ? 'met' : 'MISSED'} (largest ${fixed(worst, 0)} MB).`,
  );
}

/** Prints the sweep benchmark. */
export function printSweepBench(): void {
  const [arch, graph] = [loadArch('edge-tpu'), loadWorkload('mobilenet-v2')];
  const ceiling = 1000 / timeRuns(() => simulate(arch, graph), { minSeconds: 2 }).medianMs;
  const dir = mkdtempSync(join(tmpdir(), 'pj-sweep-bench-'));
  try {
    printSpeed(dir, ceiling);
    printScale(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  console.log(`picojoule sweep benchmark; load average (1 min) at start ${fixed(loadavg()[0], 2)}`);
  printSweepBench();
  console.log(
    `\nWall time ${fixed((performance.now() - t0) / 1000, 0)} s; load average (1 min) at end ${fixed(loadavg()[0], 2)}.`,
  );
}
