import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
