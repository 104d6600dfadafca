import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { mergeSweeps } from '../../src/sweep/merge-sweeps.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { runSweepToFolder } from '../../src/sweep/sweep-to-folder.js';
import { dropTornLine, readKeys, readRows, rowsFile } from '../../src/sweep/sweep-store.js';

const dir = mkdtempSync(join(tmpdir(), 'pj-folder-'));
const write = (name: string, doc: object) => {
  writeFileSync(join(dir, name), JSON.stringify(doc));
  return join(dir, name);
};
const base = { version: 1, name: 'f', arch: 'edge-tpu', workloads: ['tiny'] };
const io = () => {
  const buf = { out: '', err: '' };
  return { buf, io: { out: (t: string) => (buf.out += t), err: (t: string) => (buf.err += t) } };
};
const run = (file: string, out: string) => runSweepToFolder(loadSweep(file), { out });
const files = (d: string) =>
  ['results.jsonl', 'results.csv', 'pareto.json', 'index.html'].map((f) => readFileSync(join(d, f), 'utf8'));

describe('a sweep folder across runs', () => {
  it('after an edit only the new points run, and rows of points the sweep lost are left out', async () => {
    const file = write('edit.json', { ...base, parameters: { '/compute/mxu/rows': [16, 32] } });
    const out = join(dir, 'edit');
    expect((await run(file, out)).resumed).toBe(0);
    write('edit.json', { ...base, parameters: { '/compute/mxu/rows': [32, 64] } });
    const second = await run(file, out);
    expect(second).toMatchObject({ total: 2, resumed: 1, stale: 1, rows: 2 });
    const rows = readRows(out).rows;
    expect(rows.map((r) => r.parameters['/compute/mxu/rows']).sort()).toEqual([32, 64]);
    // the same as a fresh run of the edited sweep
    const fresh = join(dir, 'edit-fresh');
    await run(file, fresh);
    expect(files(out)).toEqual(files(fresh));
  });

  it('refuses a folder that holds another sweep', async () => {
    const a = write('a.json', { ...base, name: 'sweep-a', parameters: { '/compute/mxu/rows': [16] } });
    const b = write('b.json', { ...base, name: 'sweep-b', parameters: { '/compute/mxu/rows': [16] } });
    const out = join(dir, 'shared');
    await run(a, out);
    const r = io();
    expect(await main(['sweep', b, '--out', out], r.io)).toBe(2);
    expect(r.buf.err).toMatch(/holds the rows of sweep "sweep-a", not "sweep-b"; give another --out/);
  });

  it('lets one writer at a time: a second exits 2 naming the process that holds the folder', async () => {
    const file = write('lock.json', { ...base, parameters: { '/compute/mxu/rows': [16] } });
    const out = join(dir, 'locked');
    await run(file, out);
    // this test process stands for a running sweep holding the lock
    writeFileSync(join(out, '.lock'), String(process.pid));
    const r = io();
    expect(await main(['sweep', file, '--out', out], r.io)).toBe(2);
    expect(r.buf.err).toMatch(new RegExp(`another picojoule \\(process ${process.pid}\\) is writing to this folder`));
    // a lock left by a process that is gone is taken over
    writeFileSync(join(out, '.lock'), '999999999');
    expect(await main(['sweep', file, '--out', out], io().io)).toBe(0);
  });

  it('skips a last line cut short by a kill, says so, runs that point again and ends as a clean run', async () => {
    const file = write('torn.json', { ...base, parameters: { '/compute/mxu/rows': [16, 32, 64] } });
    const clean = join(dir, 'torn-clean');
    await run(file, clean);
    const out = join(dir, 'torn');
    await run(file, out);
    const lines = readFileSync(rowsFile(out), 'utf8').split('\n').filter(Boolean);
    writeFileSync(rowsFile(out), lines.slice(0, 2).join('\n') + '\n' + lines[2].slice(0, 40));
    const r = io();
    expect(await main(['sweep', file, '--out', out], r.io)).toBe(0);
    expect(r.buf.err).toMatch(/last line of .*results\.jsonl was cut short .* left out; its run is done again/);
    expect(r.buf.out).toMatch(/3 runs in .* \(2 from an earlier run\)/);
    expect(files(out)).toEqual(files(clean));
  });

  it('fails on a damaged line that is not the last, naming the line', async () => {
    const file = write('bad-line.json', { ...base, parameters: { '/compute/mxu/rows': [16, 32] } });
    const out = join(dir, 'bad-line');
    await run(file, out);
    const text = readFileSync(rowsFile(out), 'utf8');
    writeFileSync(rowsFile(out), '{not json\n' + text);
    const r = io();
    expect(await main(['sweep', file, '--out', out], r.io)).toBe(2);
    expect(r.buf.err).toMatch(/results\.jsonl: line 1 is not JSON: the file is damaged/);
    appendFileSync(rowsFile(out), '');
  });
});

describe('picojoule report <sweep folder>', () => {
  it('draws the page, Pareto file and CSV again from the rows, running nothing', async () => {
    const file = write('again.json', { ...base, name: 'again', parameters: { '/compute/mxu/rows': [16, 32] } });
    const out = join(dir, 'again');
    await run(file, out);
    const before = files(out);
    for (const f of ['results.csv', 'pareto.json', 'index.html']) rmSync(join(out, f));
    const r = io();
    expect(await main(['report', out], r.io)).toBe(0);
    expect(r.buf.out).toMatch(/^Sweep page for "again" \(2 rows\): .*index\.html\n$/);
    expect(files(out)).toEqual(before);
    // into another folder
    expect(await main(['report', out, '--out', join(dir, 'again-copy')], io().io)).toBe(0);
    expect(files(join(dir, 'again-copy'))).toEqual(before);
  });
});

describe('merging shards', () => {
  const file = write('m.json', { ...base, name: 'm', parameters: { '/compute/mxu/rows': [8, 16, 32, 64] } });
  const shard = async (k: number, n: number, name = `m${k}of${n}`) => {
    const out = join(dir, name);
    await runSweepToFolder(loadSweep(file), { out, shard: { k, n } });
    return out;
  };

  it('gives the files one run gives', async () => {
    const whole = join(dir, 'm-whole');
    await run(file, whole);
    const merged = join(dir, 'm-merged');
    await mergeSweeps([await shard(1, 2), await shard(2, 2)], merged);
    expect(files(merged)).toEqual(files(whole));
  });

  it.each([
    ['a folder that does not exist', async () => [join(dir, 'nowhere')], /nowhere: folder not found/],
    ['a folder that is not a sweep’s', async () => [dir.replace(/\/?$/, '/') + '../'], /not a sweep folder \(no sweep\.json\)/],
    ['a missing shard', async () => [await shard(1, 3)], /shards? 2\/3, 3\/3 missing/],
    [
      'a shard given twice',
      async () => [await shard(1, 2), await shard(1, 2)],
      /is shard 1\/2, which .* is too: each shard once/,
    ],
    [
      'shards of a different version of the sweep',
      async () => {
        const one = await shard(1, 2, 'v-1');
        write('m.json', { ...base, name: 'm', parameters: { '/compute/mxu/rows': [8, 16, 32, 128] } });
        const two = await shard(2, 2, 'v-2');
        write('m.json', { ...base, name: 'm', parameters: { '/compute/mxu/rows': [8, 16, 32, 64] } });
        return [one, two];
      },
      /was run from a different version of sweep "m"/,
    ],
    [
      'an empty shard folder',
      async () => {
        const one = await shard(1, 2, 'e-1');
        const two = await shard(2, 2, 'e-2');
        writeFileSync(rowsFile(two), '');
        return [one, two];
      },
      /e-2: has no rows/,
    ],
  ])('refuses %s, exit 2', async (_what, dirs, message) => {
    const r = io();
    expect(await main(['merge', ...(await dirs()), '--out', join(dir, 'refused')], r.io)).toBe(2);
    expect(r.buf.err).toMatch(message);
  });
});

describe('the rows file, read a megabyte at a time', () => {
  it('reads rows that straddle the read boundary, multi-byte characters included, as written', () => {
    const out = join(dir, 'big');
    mkdirSync(out);
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      key: `k${i}`,
      point: i,
      workload: 'tiny',
      parameters: { '/x': i },
      feasible: false,
      reason: `over budget: areaMm2 ${i} µm² outside [−∞, 1] ${'é'.repeat(i % 300)}`,
      metrics: null,
    }));
    writeFileSync(rowsFile(out), rows.map((r) => JSON.stringify(r) + '\n').join(''));
    expect(readFileSync(rowsFile(out)).length).toBeGreaterThan(2 * 1024 * 1024);
    expect(readRows(out)).toEqual({ rows, tornLine: false });
    appendFileSync(rowsFile(out), '{"key":"cut');
    expect(readRows(out)).toEqual({ rows, tornLine: true });
  });

  it('cuts a torn last line off, cut mid-row or cut and then ended by a later newline, keeping every whole row', () => {
    const out = join(dir, 'torn-cut-off');
    mkdirSync(out);
    const whole = ['{"key":"a","point":0}', '{"key":"b","point":1,"reason":"µ"}'].map((l) => l + '\n').join('');
    for (const torn of ['{"key":"c","po', '{"key":"c","po\n']) {
      writeFileSync(rowsFile(out), whole + torn);
      expect(readKeys(out)).toEqual({ keys: new Set(['a', 'b']), tornLine: true });
      dropTornLine(out);
      expect(readFileSync(rowsFile(out), 'utf8')).toBe(whole);
      expect(readKeys(out).tornLine).toBe(false);
    }
  });
});
