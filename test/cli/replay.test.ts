import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { workloadDir } from '../../src/config/paths.js';

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('a result reproduces its run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pj-replay-'));

  it('carries the version, the arch as simulated, the workload and its hash, and the what-if', async () => {
    const r = await run([
      'simulate',
      '-a',
      'edge-tpu-2to4',
      '-w',
      'tiny',
      '--prune',
      '0.5',
      '--sparsity-structure',
      '2:4',
      '--json',
    ]);
    const doc = JSON.parse(r.out);
    expect(doc.run).toMatchObject({
      picojoule: JSON.parse(readFileSync('package.json', 'utf8')).version,
      workload: { ref: 'tiny', name: 'tiny', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      whatIf: { weightDensity: 0.5, structure: '2:4' },
      costTable: null,
    });
    // The arch with its extends merged in: the preset's own parameters with their sources.
    expect(doc.run.arch).toMatchObject({ name: 'edge-tpu-2to4', clock: { value: '480 MHz' } });
    expect(doc.run.arch.extends).toBeUndefined();
  });

  it('simulate --replay reruns it to the same document, byte for byte', async () => {
    const out = join(dir, 'first');
    expect((await run(['simulate', '-a', 'ethos-u55-128', '-w', 'ds-cnn', '--precision', 'w8a8', '--out', out])).code).toBe(0);
    const again = await run(['simulate', '--replay', join(out, 'result.json'), '--json']);
    expect(again.code).toBe(0);
    expect(again.out).toBe(readFileSync(join(out, 'result.json'), 'utf8'));
  });

  it('refuses to replay when the workload file has changed, or when the result records no run', async () => {
    const w = join(dir, 'w.json');
    writeFileSync(w, readFileSync(join(workloadDir(), 'tiny.json'), 'utf8'));
    const out = join(dir, 'second');
    expect((await run(['simulate', '-a', 'edge-tpu', '-w', w, '--out', out])).code).toBe(0);
    writeFileSync(w, readFileSync(w, 'utf8').replace('"outChannels": 16', '"outChannels": 32'));
    const changed = await run(['simulate', '--replay', join(out, 'result.json')]);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/--replay: the workload ".*w\.json" has changed since .* was written/);
    const bare = join(dir, 'bare.json');
    const doc = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    delete doc.run;
    writeFileSync(bare, JSON.stringify(doc));
    const noRun = await run(['simulate', '--replay', bare]);
    expect(noRun.code).toBe(2);
    expect(noRun.err).toContain('/run: the result carries no run record');
  });

  it('validate recognises a result document', async () => {
    const out = join(dir, 'third');
    await run(['simulate', '-a', 'edge-tpu', '-w', 'tiny', '--out', out]);
    const v = await run(['validate', join(out, 'result.json')]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/result of "tiny" on "edge-tpu" \(6 layers, replayable/);
  });

  it('writes fractions to 12 significant digits and counts as integers', async () => {
    const text = (await run(['simulate', '-a', 'edge-tpu', '-w', 'mobilenet-v2', '--json'])).out;
    const numbers = text.match(/-?\d+\.\d+(e-?\d+)?/g) ?? [];
    for (const n of numbers)
      expect(
        n
          .replace(/^-?0\.0*/, '')
          .replace(/e.*$/, '')
          .replace('.', '').length,
      ).toBeLessThanOrEqual(12);
    expect(JSON.parse(text).totals.cycles % 1).toBe(0);
  });
});
