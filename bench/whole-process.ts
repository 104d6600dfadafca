/**
 * `node dist/bench/whole-process.js`: what a user waits for, whole process included (Node's own
 * start, module loading, reading the documents, simulating, printing), for a few CLI runs, as the
 * median of several runs and as a ratio to `node -e 0` measured in this same script. Nothing is
 * asserted: the ratios are for docs/benchmarks.md and the README.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainTable } from '../src/report/plain-table.js';

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

/** Median wall milliseconds of each case; the cases take turns, so a slow spell of the machine hits all alike. */
function medians(cases: readonly Case[]): number[] {
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++)
    cases.forEach((c, k) => {
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, c.args, { stdio: ['ignore', 'ignore', 'ignore'] });
      times[k].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
}

const ms = medians(CASES);
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
