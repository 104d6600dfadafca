/**
 * `node dist/bench/whole-process.js`: what a user waits for, whole process included (Node's own
 * start, module loading, reading the documents, simulating, printing), for a few CLI runs, as the
 * median of several runs and as a ratio to `node -e 0` measured in this same script. Nothing is
 * asserted: the ratios are for docs/benchmarks.md and the README.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { plainTable } from '../src/report/plain-table.js';

const RUNS = 7;
const CLI = resolve('bin/picojoule.js');

/** Median wall milliseconds of `node <args>`, the output thrown away. */
function medianMs(args: readonly string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const CASES: [string, string[], number?][] = [
  ['picojoule --version', [CLI, '--version']],
  ['simulate -a edge-tpu -w tiny --json', [CLI, 'simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json'], 0.25],
  ['simulate -a edge-tpu -w resnet-50 --json', [CLI, 'simulate', '-a', 'edge-tpu', '-w', 'resnet-50', '--json'], 0.35],
  ['simulate -a ethos-u55-128 -w resnet-50 --json', [CLI, 'simulate', '-a', 'ethos-u55-128', '-w', 'resnet-50', '--json'], 0.35],
];

const base = medianMs(['-e', '0']);
const table = plainTable(['command (whole process)', 'median ms', '× node -e 0', 'target'], [1, 2, 3]);
table.push(['node -e 0', base.toFixed(0), '1.00×', '']);
for (const [label, args, targetSeconds] of CASES) {
  const ms = medianMs(args);
  table.push([
    label,
    ms.toFixed(0),
    `${(ms / base).toFixed(2)}×`,
    targetSeconds === undefined ? '' : `${ms <= targetSeconds * 1000 ? 'met' : 'MISSED'} (≤ ${targetSeconds * 1000} ms)`,
  ]);
}
console.log(`Whole-process times, median of ${RUNS} runs each (node ${process.version}):`);
console.log(table.toString());
