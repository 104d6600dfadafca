import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { resultJson } from '../../src/report/result-json.js';

const dir = mkdtempSync(join(tmpdir(), 'picojoule-report-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('picojoule report', () => {
  it('a what-if report says it is one: its options, its baseline, its gains, and a rounded pattern', async () => {
    const out = join(dir, 'whatif');
    const r = await cli(
      'report',
      '-a',
      'edge-tpu-2to4',
      '-w',
      'tiny',
      '--prune',
      '0.1',
      '--sparsity-structure',
      '2:4',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain('<h2>A what-if</h2>');
    expect(page).toContain('weights kept 90.0%, pattern 2:4');
    expect(page).toContain('Against the same network, dense and int8 throughout');
    expect(page).toContain('2:4 keeps exactly 2 of every 4 weights: pruning 10 % runs as 50 % pruned');
    const plain = join(dir, 'plain');
    await cli('report', '-a', 'edge-tpu', '-w', 'tiny', '--out', plain);
    expect(readFileSync(join(plain, 'index.html'), 'utf8')).not.toContain('A what-if');
  });

  it('simulates with --arch and --workload, writes the report and prints where it is and the key numbers', async () => {
    const out = join(dir, 'sim');
    const r = await cli('report', '--arch', 'edge-tpu', '--workload', 'tiny', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`${join(out, 'index.html')}`);
    for (const label of [
      'latency',
      'energy per inference',
      'average power',
      'TOPS/W',
      'utilization',
      'DRAM traffic',
      'cost table',
    ])
      expect(r.out).toContain(label);
    expect(readdirSync(out)).toContain('timeline.svg');
  });

  it('charts a saved result.json', async () => {
    const file = join(dir, 'result.json');
    writeFileSync(file, resultJson(simulate(loadArch('edge-tpu'), loadWorkload('tiny'))));
    const r = await cli('report', file, '-o', join(dir, 'saved'));
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'saved')).sort()).toEqual([
      'area-breakdown.svg',
      'energy-breakdown.svg',
      'index.html',
      'layers.csv',
      'layers.svg',
      'result.json',
      'roofline.svg',
      'timeline.svg',
    ]);
  });

  it('exits 2 naming the file when the result is not a result document', async () => {
    const file = join(dir, 'not-a-result.json');
    writeFileSync(file, '{"schema": "something/else"}');
    const r = await cli('report', file, '--out', join(dir, 'bad'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `picojoule: ${file}: /schema: expected "picojoule/result@1" (a result from \`picojoule simulate --json\`), found "something/else"\n`,
    );
  });

  it('exits 2 when given neither a result nor both --arch and --workload, or both', async () => {
    expect((await cli('report')).err).toMatch(/^picojoule: --arch: expected a preset name/);
    expect((await cli('report', '-a', 'edge-tpu')).err).toMatch(/^picojoule: --workload: /);
    const both = await cli('report', 'r.json', '-a', 'edge-tpu', '-w', 'tiny');
    expect(both.code).toBe(2);
    expect(both.err).toContain('not both');
  });

  it('explains itself with examples in --help', async () => {
    const r = await cli('report', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('reports/<workload>-<arch>/');
  });
});
