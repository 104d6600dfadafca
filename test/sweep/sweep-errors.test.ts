import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'pj-sweep-errors-'));
const base = { version: 1, name: 'e', arch: 'edge-tpu', workloads: ['tiny'] };

// Each bad sweep exits 2 with one message naming the file, the JSON path and what was expected.
describe.each([
  [
    'a pointer to no arch field',
    { parameters: { '/compute/mxu/rowz': [16] } },
    /bad\.json: \/parameters: point 0 .* makes an invalid arch: \/compute\/mxu\/rowz unknown field "rowz" \(did you mean "rows"\?\)/,
  ],
  [
    'a range of no steps',
    { parameters: { '/compute/mxu/rows': { from: 8, to: 64, steps: 0 } } },
    /\/steps: a range needs at least 1 step; got 0/,
  ],
  [
    'a budget on a metric that does not exist',
    { parameters: { '/compute/mxu/rows': [16] }, constraints: { areaMm3: { max: 1 } } },
    /\/constraints.*areaMm3/,
  ],
  [
    'a random strategy without samples',
    { parameters: { '/compute/mxu/rows': [16, 32] }, strategy: 'random' },
    /\/samples: the random strategy needs "samples"/,
  ],
  [
    'budgets no point meets',
    { parameters: { '/compute/mxu/rows': [16, 32] }, constraints: { areaMm2: { max: 0.001 }, seconds: { max: 10 } } },
    /bad\.json: \/constraints: no design point is feasible: areaMm2 ≤ 0\.001 is broken by 2 of 2 runs; seconds ≤ 10 is broken by 0 of 2 runs/,
  ],
  [
    'extends (a sweep cannot extend another)',
    { parameters: { '/compute/mxu/rows': [16] }, extends: 'other.json' },
    /bad\.json: \/extends: a sweep cannot extend another/,
  ],
])('picojoule sweep with %s', (_what, doc, message) => {
  it('exits 2 with one message and no stack trace', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...base, ...doc }));
    const buf = { out: '', err: '' };
    const code = await main(['sweep', file, '--out', join(dir, 'out')], {
      out: (t) => (buf.out += t),
      err: (t) => (buf.err += t),
    });
    expect(code).toBe(2);
    expect(buf.err).toMatch(message);
    expect(buf.err).not.toMatch(/\n\s+at /);
  });
});

describe('picojoule sweep into a folder it cannot write', () => {
  it('exits 2 naming --out, not with an uncaught error', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ ...base, parameters: { '/compute/mxu/rows': [16] } }));
    const buf = { out: '', err: '' };
    // A folder inside a regular file cannot be made (ENOTDIR), even as root.
    const code = await main(['sweep', file, '--out', join(file, 'out')], {
      out: (t) => (buf.out += t),
      err: (t) => (buf.err += t),
    });
    expect(code).toBe(2);
    expect(buf.err).toMatch(/--out: cannot write .*ENOTDIR/);
    expect(buf.err).not.toMatch(/\n\s+at /);
  });
});

describe('paths in a sweep file', () => {
  it('resolve relative to the sweep file, not the working directory', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'my-arch.json'), JSON.stringify({ version: 1, name: 'mine', extends: 'edge-tpu' }));
    const file = join(sub, 's.json');
    writeFileSync(file, JSON.stringify({ ...base, arch: 'my-arch.json', parameters: { '/compute/mxu/rows': [16] } }));
    const buf = { out: '', err: '' };
    const code = await main(['sweep', file, '--out', join(dir, 'rel-out')], {
      out: (t) => (buf.out += t),
      err: (t) => (buf.err += t),
    });
    expect(buf.err).not.toMatch(/picojoule: .*(not found|cannot)/);
    expect(code ?? 0).toBe(0);
    expect(buf.out).toMatch(/1 runs in/);
  });
});
