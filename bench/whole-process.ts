/**
 * `node dist/bench/whole-process.js`: what a user waits for, whole process included (Node's own
 * start, module loading, reading the documents, simulating, printing), for a few CLI runs, as the
 * median of several runs and as a ratio to `node -e 0` measured in this same script. Nothing is
 * asserted: the ratios are for docs/benchmarks.md and the README.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatCount } from '../src/report/format.js';
import { plainTable } from '../src/report/plain-table.js';
import { SCALESIM_TOPOLOGY_FILES } from '../src/import/scalesim-reference.js';
import { configFor, readRuntimes } from './compare-scalesim.js';

const RUNS = 11;
const CLI = resolve('bin/picojoule.js');
// The same CLI loaded as separate ES modules, as before it was bundled and its code cached.
const UNBUNDLED = [
  '--input-type=module',
  '-e',
  `import { main } from ${JSON.stringify(pathToFileURL(resolve('dist/src/cli/main.js')).href)}; process.exitCode = await main(process.argv.slice(1));`,
];

/** The targets were set when `node -e 0` took 80 ms here; they are scaled by today's. */
const TARGET_BASE_MS = 80;

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly targetSeconds?: number;
}

const tiny = ['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json'];
const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'picojoule --version', args: [CLI, '--version'] },
  { label: 'simulate -a edge-tpu -w tiny --json', args: [CLI, ...tiny], targetSeconds: 0.25 },
  { label: '  the same, unbundled (dist/src)', args: [...UNBUNDLED, ...tiny] },
  {
    label: 'simulate -a edge-tpu -w resnet-50 --json',
    args: [CLI, 'simulate', '-a', 'edge-tpu', '-w', 'resnet-50', '--json'],
    targetSeconds: 0.35,
  },
  {
    label: 'simulate -a ethos-u55-128 -w resnet-50 --json',
    args: [CLI, 'simulate', '-a', 'ethos-u55-128', '-w', 'resnet-50', '--json'],
    targetSeconds: 0.35,
  },
];

/** Wall milliseconds of `node <args>`, the output thrown away. */
function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1];

/** Median wall milliseconds of each case; the cases take turns, so a slow spell of the machine hits all alike. */
function medians(cases: readonly Case[], runs: number): number[] {
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k].push(wallMs(c.args)));
  return times.map(median);
}

/**
 * SCALE-Sim v2's runs (reference/scalesim/runtimes.csv, whole `scale.py` processes) against
 * picojoule process to process: `picojoule simulate` on the imported documents (one process), and
 * with `picojoule import scalesim` before it (two), median of 3.
 */
function scalesimProcessToProcess(): void {
  const ref = resolve('reference/scalesim');
  const work = mkdtempSync(join(tmpdir(), 'picojoule-start-'));
  try {
    const rows = readRuntimes(join(ref, 'runtimes.csv')).filter((r) => SCALESIM_TOPOLOGY_FILES[r.topology] !== undefined);
    const both: number[] = [];
    const simulateOnly: number[] = [];
    for (const r of rows) {
      const out = join(work, `${r.config}_${r.dataflow}_${r.topology}`);
      const importArgs = [CLI, 'import', 'scalesim', '-c', configFor(ref, work, r.config, r.dataflow)];
      importArgs.push('-t', join(ref, 'topologies', SCALESIM_TOPOLOGY_FILES[r.topology]), '-o', out);
      const simulateArgs = [CLI, 'simulate', '-a', join(out, 'arch.json'), '-w', join(out, 'workload.json'), '--json'];
      const runs = [0, 1, 2].map(() => [wallMs(importArgs), wallMs(simulateArgs)]);
      both.push((r.seconds * 1000) / median(runs.map(([i, s]) => i + s)));
      simulateOnly.push((r.seconds * 1000) / median(runs.map(([, s]) => s)));
    }
    const spread = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      return `min ${formatCount(xs[0])}×, median ${formatCount(xs[xs.length >> 1])}×, max ${formatCount(xs[xs.length - 1])}×`;
    };
    console.log(
      `\nProcess to process against SCALE-Sim v2 (${rows.length} runs of reference/scalesim/runtimes.csv, each a whole scale.py process; ours median of 3):`,
    );
    console.log(`  picojoule simulate --json on the imported documents, one process: ${spread(simulateOnly)}`);
    console.log(`  picojoule import scalesim + picojoule simulate --json, two processes: ${spread(both)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ms = medians(CASES, RUNS);
const base = ms[0];
const scale = base / TARGET_BASE_MS;
const table = plainTable(['command (whole process)', 'median ms', '× node -e 0', 'target (scaled to this node -e 0)'], [1, 2]);
CASES.forEach((c, k) => {
  const target = c.targetSeconds === undefined ? undefined : c.targetSeconds * 1000 * scale;
  table.push([
    c.label,
    ms[k].toFixed(0),
    `${(ms[k] / base).toFixed(2)}×`,
    target === undefined
      ? ''
      : `${ms[k] <= target ? 'met' : 'MISSED'}: ≤ ${(c.targetSeconds! * 1000) / TARGET_BASE_MS}× (${target.toFixed(0)} ms; ${c.targetSeconds! * 1000} ms at 80 ms)`,
  ]);
});
console.log(`Whole-process times, median of ${RUNS} interleaved runs each (node ${process.version}):`);
console.log(table.toString());
scalesimProcessToProcess();
