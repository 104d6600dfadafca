import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';

// What `npm pack` ships is what a user installs: the tarball must carry its licence, presets,
// workloads, sweeps and docs but not the compiled tests, and work when installed elsewhere.
// (Needs `npm run build`, which `npm test` runs first; installs from npm's cache when it can.)
describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'pj-pack-'));
  const npm = (args: string[], cwd: string) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('ships LICENSE, the presets, workloads, sweeps and docs, and no dist/test', () => {
    const listing = JSON.parse(npm(['pack', '--dry-run', '--json'], projectRoot())) as { files: { path: string }[] }[];
    const files = listing[0].files.map((f) => f.path);
    for (const expected of [
      'LICENSE',
      'README.md',
      'bin/picojoule.js',
      'dist/src/index.js',
      'dist/validators.cjs',
      'arch-configs/edge-tpu.json',
      'workloads/tiny.json',
      'docs/presets.md',
    ])
      expect(files).toContain(expected);
    expect(files.some((f) => f.startsWith('sweeps/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('dist/test/') || f.startsWith('dist/bench/') || f.startsWith('test/'))).toEqual([]);
  });

  it('installs into an empty project, where `npx picojoule simulate` and a library import both run', () => {
    npm(['pack', '--pack-destination', work], projectRoot());
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], app);
    const out = execFileSync('npx', ['--no-install', 'picojoule', 'simulate', '-a', 'edge-tpu', '-w', 'tiny', '--json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({
      schema: 'picojoule/result@1',
      arch: { name: 'edge-tpu' },
      workload: { name: 'tiny' },
    });
    const lib = execFileSync(
      'node',
      [
        '--input-type=module',
        '-e',
        "const p = await import('picojoule'); const r = p.simulate(p.loadArch('ethos-u55-128'), p.loadWorkload('ds-cnn')); console.log(r.totals.cycles > 0);",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(lib.trim()).toBe('true');
    rmSync(work, { recursive: true, force: true });
  }, 180_000);
});
