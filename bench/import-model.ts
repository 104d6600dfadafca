/**
 * `node dist/bench/import-model.js`: how long a whole `picojoule import onnx` process takes on a
 * large model, and its peak memory against the file's size. The model is ResNet-50 written as
 * ONNX with int8 weights (~25 MB, built here from the built-in network) and the same with fp32
 * weights of ResNet-18 (~47 MB). Reported against `node -e 0` in the same script; nothing is
 * asserted (the aim: under 2 s, and memory under 4× the file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainTable } from '../src/report/plain-table.js';
import { builtinAsOnnx } from '../test/helpers/onnx-builder.js';

const RUNS = 5;
const main = pathToFileURL(resolve('dist/bundle/cli/main.cjs')).href;
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

/** Wall ms and peak RSS (MB) of one whole import process. */
function importOnce(model: string, out: string): { ms: number; rssMb: number } {
  const script = `const { loadBundle } = await import(${JSON.stringify(pathToFileURL(resolve('dist/src/cli/code-cache.js')).href)});
const cli = loadBundle(${JSON.stringify(new URL(main).pathname)}).exports;
const code = await cli.main(['import', 'onnx', ${JSON.stringify(model)}, '--out', ${JSON.stringify(out)}], { out: () => {}, err: () => {} });
process.stdout.write(JSON.stringify({ code, rss: process.resourceUsage().maxRSS }));`;
  const start = process.hrtime.bigint();
  const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as {
    code: number;
    rss: number;
  };
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.code !== 0) throw new Error(`import of ${model} exited ${r.code}`);
  return { ms, rssMb: r.rss / 1024 };
}

function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const work = mkdtempSync(join(tmpdir(), 'pj-import-bench-'));
try {
  const models: [string, Uint8Array][] = [
    ['ResNet-50, int8 weights', builtinAsOnnx('resnet-50')],
    ['ResNet-18, fp32 weights', builtinAsOnnx('resnet-18', 'float32')],
  ];
  const base = median(Array.from({ length: RUNS }, () => wallMs(['-e', '0'])));
  // The CLI's own footprint: the same process importing a 0.3 MB model.
  const fixture = resolve('test/fixtures/models/hello_deepa.onnx');
  const small = median(Array.from({ length: RUNS }, () => importOnce(fixture, join(work, 'out')).rssMb));
  const table = plainTable(
    [
      'model (whole import process)',
      'file MB',
      'median ms',
      '× node -e 0',
      'peak RSS MB',
      'RSS / file',
      'RSS above a 0.3 MB import',
    ],
    [1, 2, 3, 4, 5, 6],
  );
  for (const [label, bytes] of models) {
    const file = join(work, `${label.replace(/\W+/g, '-')}.onnx`);
    writeFileSync(file, bytes);
    const mb = statSync(file).size / 2 ** 20;
    const runs = Array.from({ length: RUNS }, () => importOnce(file, join(work, 'out')));
    const ms = median(runs.map((r) => r.ms));
    const rss = median(runs.map((r) => r.rssMb));
    table.push([
      label,
      mb.toFixed(1),
      ms.toFixed(0),
      `${(ms / base).toFixed(1)}×`,
      rss.toFixed(0),
      `${(rss / mb).toFixed(1)}×`,
      `${(rss - small).toFixed(0)} MB`,
    ]);
  }
  console.log(
    `Importing ONNX models, whole process, median of ${RUNS} (node -e 0: ${base.toFixed(0)} ms; importing the 0.3 MB openWakeWord model: ${small.toFixed(0)} MB RSS; node ${process.version}):`,
  );
  console.log(table.toString());
} finally {
  rmSync(work, { recursive: true, force: true });
}
