import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pj from '../src/index.js';

describe('the library API', () => {
  it('exports the sweep functions the README promises', () => {
    for (const f of [pj.loadSweep, pj.runSweep, pj.runSweepToFolder, pj.mergeSweeps, pj.paretoFront, pj.rerenderSweep]) {
      expect(typeof f).toBe('function');
    }
  });

  it('buildArch takes an object that extends a preset', () => {
    const arch = pj.buildArch({ version: 1, name: 'wider', extends: 'edge-tpu', compute: { mxu: { rows: 32 } } });
    expect(arch.units.find((u) => u.name === 'mxu')).toMatchObject({ rows: 32, cols: 64 });
    expect(arch.energy.table).toBe('scaled-16nm');
    expect(pj.simulate(arch, pj.loadWorkload('tiny')).totals.areaMm2).toBeGreaterThan(0);
  });

  it('buildArch resolves a path in extends against the folder it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pj-index-'));
    writeFileSync(
      join(dir, 'base.json'),
      JSON.stringify({ version: 1, name: 'base', extends: 'ethos-u55-128', clock: '250 MHz' }),
    );
    const arch = pj.buildArch({ version: 1, name: 'child', extends: 'base.json' }, dir);
    expect(arch.clockHz).toBe(250e6);
  });

  it('buildArch names the object and the JSON path of a problem', () => {
    expect(() => pj.buildArch({ version: 1, name: 'bad', extends: 'edge-tpu', clock: 'fast' })).toThrow(/arch "bad": \/clock/);
    expect(() => pj.buildArch({ version: 1, name: 'bad', extends: 'no-such-preset' })).toThrow(
      /arch "bad": \/extends: unknown preset/,
    );
  });

  it('paretoFront takes any objectives', () => {
    const front = pj.paretoFront(
      [
        { s: 1, e: 3 },
        { s: 2, e: 1 },
        { s: 3, e: 3 },
      ],
      [{ value: (p) => p.s }, { value: (p) => p.e }],
    );
    expect(front).toEqual([
      { s: 1, e: 3 },
      { s: 2, e: 1 },
    ]);
  });
});
