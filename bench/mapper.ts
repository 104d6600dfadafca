/**
 * `npm run bench:mapper`: what the mapper's search costs. Each run is a fresh process (the first
 * call, as a CLI user meets it) that simulates a network in process with the arch's mapping
 * searched, and again with `mapping: "fixed"` (the baseline: the same run without a search).
 * Reported: in-process milliseconds of both, their ratio, and the search's milliseconds per
 * distinct layer shape it searched (repeated shapes come from the memo), also as a multiple of
 * the fixed pure-JS "loop" (bench/baseline-loop.ts) timed first in this script, which travels
 * between machines better than milliseconds. Nothing is asserted; the aims are ≤ 5 ms
 * per distinct shape and ResNet-50 ≤ 60 ms in process on a preset.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainTable } from '../src/report/plain-table.js';
import { baselineLoop } from './baseline-loop.js';
import { timeRuns } from './time-runs.js';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const lib = (p: string) => JSON.stringify(pathToFileURL(resolve('dist/src', p)).href);

/** In-process ms of one first simulate() in a fresh process, and the distinct shapes it searched. */
function once(arch: string, workload: string, mapping: string): { ms: number; shapes: number } {
  const script = `const { loadArch } = await import(${lib('load/load-arch.js')});
const { loadWorkload } = await import(${lib('load/load-workload.js')});
const { simulate } = await import(${lib('sim/simulate.js')});
const a = loadArch(${JSON.stringify(arch)});
const g = loadWorkload(${JSON.stringify(workload)});
const arch = { ...a, options: { ...a.options, mapping: ${JSON.stringify(mapping)} } };
const t = performance.now();
const r = simulate(arch, g);
const ms = performance.now() - t;
const shapes = new Set(r.layers.filter((l) => l.mapping && !l.mapping.loopNest[0].startsWith('fixed')).map((l) => JSON.stringify([l.mapping.m, l.mapping.n, l.mapping.k, l.mapping.instances])));
process.stdout.write(JSON.stringify({ ms, shapes: shapes.size }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as {
    ms: number;
    shapes: number;
  };
}

const cases: [string, string][] = [
  ['edge-tpu', 'resnet-50'],
  ['apple-ane', 'resnet-50'],
  ['eyeriss-like', 'resnet-50'],
  ['eyeriss-like', 'mobilenet-v2'],
];
// A row-stationary array has no search-free baseline: under "fixed" it still picks its filters
// and channels per PE for each layer, so its two columns are both searches (shown, not divided).
const NO_BASELINE = new Set(['eyeriss-rs']);
cases.push(['eyeriss-rs', 'resnet-50']);
const loop = timeRuns(baselineLoop, { minSeconds: 1 }).medianMs;
const table = plainTable(
  ['arch', 'workload', 'fixed ms', 'search ms', 'ratio', 'shapes searched', 'ms per shape', 'per shape × loop'],
  [2, 3, 4, 5, 6, 7],
);
for (const [arch, workload] of cases) {
  const searched: number[] = [];
  const fixed: number[] = [];
  let shapes = 0;
  // Interleaved, so a noisy machine slows both alike.
  for (let i = 0; i < RUNS; i++) {
    const s = once(arch, workload, 'search');
    shapes = s.shapes;
    searched.push(s.ms);
    fixed.push(once(arch, workload, 'fixed').ms);
  }
  const [s, f] = [median(searched), median(fixed)];
  const perShape = shapes && !NO_BASELINE.has(arch) ? (s - f) / shapes : undefined;
  table.push([
    arch,
    workload,
    f.toFixed(1),
    s.toFixed(1),
    `${(s / f).toFixed(1)}×`,
    String(shapes),
    perShape === undefined ? '–' : perShape.toFixed(2),
    perShape === undefined ? '–' : (perShape / loop).toFixed(2),
  ]);
}
process.stdout.write(
  `Baseline "loop" (bench/baseline-loop.ts, warm median): ${loop.toFixed(3)} ms; the 5 ms aim is ${(5 / loop).toFixed(2)}× loop here.\n` +
    `${table.toString()}\n(medians of ${RUNS} fresh processes each, in-process time of the first simulate() call; eyeriss-rs's "fixed" chooses p and q per layer, so it has no search-free baseline)\n`,
);
