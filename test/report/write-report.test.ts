import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { writeReport } from '../../src/report/write-report.js';
import { renderReport } from '../../src/report/render-report.js';

const FILES = [
  'area-breakdown.svg',
  'energy-breakdown.svg',
  'index.html',
  'layers.csv',
  'layers.svg',
  'result.json',
  'roofline.svg',
  'timeline.svg',
];
const dir = mkdtempSync(join(tmpdir(), 'picojoule-write-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReport', () => {
  const result = simulate(loadArch('edge-tpu'), loadWorkload('tiny'));

  it('creates the folder with every file of the report, and leaves no temporary folder', async () => {
    const out = join(dir, 'fresh', 'report');
    const written = await writeReport(result, out);
    expect(written.dir).toBe(out);
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(readdirSync(join(dir, 'fresh'))).toEqual(['report']);
    const { files } = await renderReport(result);
    for (const name of FILES) expect(readFileSync(join(out, name), 'utf8')).toBe(files[name]);
  });

  it('replaces an older report in place and keeps other files in the folder', async () => {
    const out = join(dir, 'existing');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'old');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await writeReport(result, out);
    expect(readdirSync(out).sort()).toEqual([...FILES, 'notes.txt'].sort());
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes nothing when the report cannot be rendered', async () => {
    const out = join(dir, 'never');
    const broken: SimResult = { ...result, totals: { ...result.totals, opsPerWatt: Number.NaN } };
    await expect(writeReport(broken, out)).rejects.toThrow(/NaN/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
