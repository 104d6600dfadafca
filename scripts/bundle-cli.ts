/**
 * Part of `npm run build`, after tsc and write-validators: bundles the CLI and the sweep worker
 * into one CommonJS file each (`dist/bundle/cli/main.cjs`, `dist/bundle/sweep/sweep-worker.cjs`),
 * the precompiled validators inside, then runs the CLI on a few commands and saves V8's code cache
 * of what they compiled beside it (see src/cli/code-cache.ts).
 *
 * Why: loading ~430 separate ES modules (TypeBox alone is 200 files) cost every CLI start ~0.3 s,
 * and compiling the validators' 2 MB another ~0.1 s. The library entry (`dist/src/index.js`)
 * stays unbundled. What only some commands need (mathjs, d3-node, jsdom) stays outside and loads
 * when used.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { cacheFileOf, loadBundle } from '../src/cli/code-cache.js';
import type { Io } from '../src/cli/io.js';

const root = projectRoot();
const bundleDir = join(root, 'dist/bundle');

/** Each bundle: its compiled entry module, with the validators handed to it before anything runs. */
const entries = [
  {
    out: 'cli/main',
    entry: './dist/src/cli/main.js',
    reexport: true,
    also: `export { useEsmImporter } from './dist/src/report/svg-kit.js';`,
  },
  { out: 'sweep/sweep-worker', entry: './dist/src/sweep/sweep-worker.js', reexport: false, also: undefined },
];

/** Commands whose code the cache holds: the common paths of a first run. */
const WARM_UP = [
  ['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json'],
  ['simulate', '-a', 'eyeriss-like', '-w', 'resnet-50'],
  ['simulate', '-a', 'ethos-u55-128', '-w', 'mobilenet-v2', '--weight-density', '0.5'],
  ['presets'],
  ['workloads'],
  ['--help'],
  ['simulate', '--help'],
  ['validate', 'arch-configs/edge-tpu.json'],
];

async function main(): Promise<void> {
  rmSync(bundleDir, { recursive: true, force: true });
  for (const e of entries) {
    const contents = [
      `import validators from './dist/validators.cjs';`,
      `import { usePrecompiledValidators } from './dist/src/config/validate.js';`,
      `usePrecompiledValidators(validators);`,
      e.reexport ? `export * from '${e.entry}';` : `import '${e.entry}';`,
      e.also ?? '',
    ].join('\n');
    const result = await build({
      stdin: { contents, resolveDir: root, sourcefile: `${e.out}-entry.js`, loader: 'js' },
      outfile: join(bundleDir, `${e.out}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['mathjs', 'd3-node', 'd3', 'jsdom'],
      // CommonJS has no import.meta; the code finds its files (package root, mathjs, the worker) from it.
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'warning',
      metafile: true,
    });
    for (const [file, o] of Object.entries(result.metafile.outputs))
      console.log(`wrote ${file} (${Math.round(o.bytes / 1024)} KiB)`);
  }
  await warmUp(join(bundleDir, 'cli/main.cjs'));
}

async function warmUp(file: string): Promise<void> {
  rmSync(cacheFileOf(file), { force: true });
  const bundle = loadBundle<{ main(argv: readonly string[], io: Io): Promise<number> }>(file);
  const quiet: Io = { out: () => {}, err: () => {} };
  const cwd = process.cwd();
  process.chdir(root);
  try {
    for (const argv of WARM_UP) {
      const code = await bundle.exports.main(argv, quiet);
      if (code !== 0) throw new Error(`bundle-cli: warm-up run \`picojoule ${argv.join(' ')}\` exited with ${code}`);
    }
  } finally {
    process.chdir(cwd);
  }
  bundle.saveCache();
  console.log(`wrote ${cacheFileOf(file)} (V8 code cache after ${WARM_UP.length} warm-up runs)`);
}

await main();
