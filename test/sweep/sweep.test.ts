import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Evaluator } from '../../src/sweep/evaluate-point.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { parseShard, runSweep, type SweepRow } from '../../src/sweep/run-sweep.js';
import { buildPointArch, pointAt } from '../../src/sweep/sweep-point.js';
import { writeOutputs } from '../../src/sweep/summarize.js';
import { manifestOf, readRows } from '../../src/sweep/sweep-store.js';
import { main } from '../../src/cli/main.js';
import { execFileSync } from 'node:child_process';

const dir = mkdtempSync(join(tmpdir(), 'pj-sweep-'));
const write = (name: string, doc: object) => {
  writeFileSync(join(dir, name), JSON.stringify(doc));
  return join(dir, name);
};
const base = { version: 1, name: 's', arch: 'edge-tpu', workloads: ['tiny', 'ds-cnn'] };
const archOf = (s: ReturnType<typeof loadSweep>, i: number) => buildPointArch(s, pointAt(s, i));

describe('loadSweep: design points from JSON pointers', () => {
  it('a grid takes every combination, the last parameter varying fastest', () => {
    const s = loadSweep(
      write('grid.json', {
        ...base,
        parameters: { '/compute/mxu/rows': [16, 32], '/memory/dram/bandwidth': ['1 GB/s', '2 GB/s', '4 GB/s'] },
      }),
    );
    expect(s.strategy.count).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => [systolicOf(archOf(s, i))!.rows, archOf(s, i).dram.bytesPerSecond])).toEqual([
      [16, 1e9],
      [16, 2e9],
      [16, 4e9],
      [32, 1e9],
      [32, 2e9],
      [32, 4e9],
    ]);
    // everything else is the base preset's
    expect(systolicOf(archOf(s, 0))!.cols).toBe(64);
    expect(archOf(s, 0).clockHz).toBe(480e6);
  });

  it('a point shares what it does not change with the base arch and never alters it', () => {
    const s = loadSweep(write('cow.json', { ...base, parameters: { '/compute/mxu/rows': [16, 32] } }));
    const before = JSON.stringify(s.base.data);
    const [a, b] = [pointAt(s, 0).archDoc, pointAt(s, 1).archDoc] as Record<string, Record<string, unknown>>[];
    expect(JSON.stringify(s.base.data)).toBe(before);
    expect(a.compute.mxu).not.toBe(b.compute.mxu);
    expect(a.memory).toBe(s.base.data.memory);
    expect([(a.compute.mxu as { rows: number }).rows, (b.compute.mxu as { rows: number }).rows]).toEqual([16, 32]);
  });

  it('zip pairs the i-th values, and needs lists of equal length', () => {
    const s = loadSweep(
      write('zip.json', { ...base, mode: 'zip', parameters: { '/compute/mxu/rows': [16, 32], '/compute/mxu/cols': [128, 64] } }),
    );
    expect([0, 1].map((i) => [systolicOf(archOf(s, i))!.rows, systolicOf(archOf(s, i))!.cols])).toEqual([
      [16, 128],
      [32, 64],
    ]);
    const bad = write('zip-bad.json', {
      ...base,
      mode: 'zip',
      parameters: { '/compute/mxu/rows': [16, 32], '/compute/mxu/cols': [128] },
    });
    expect(() => loadSweep(bad)).toThrow(/\/parameters\/~1compute~1mxu~1cols: zip needs lists of equal length/);
  });

  it('a value that makes an invalid arch names the point and what is wrong', () => {
    const bad = write('invalid.json', { ...base, parameters: { '/compute/mxu/rows': [16, 0] } });
    expect(() => loadSweep(bad)).toThrow(
      /invalid\.json: \/parameters: point 1 \{"\/compute\/mxu\/rows":0\} makes an invalid arch: \/compute\/mxu\/rows/,
    );
  });

  it('a pointer through a non-object is refused', () => {
    const bad = write('through.json', { ...base, parameters: { '/clock/value/x': [1] } });
    expect(() => loadSweep(bad)).toThrow(/goes through "value", which is not an object/);
  });

  it('a range expands to its steps, linearly or on a log scale, whole numbers when its ends are', () => {
    const s = loadSweep(
      write('range.json', {
        ...base,
        parameters: {
          '/compute/mxu/rows': { from: 16, to: 512, steps: 6, scale: 'log' },
          '/compute/mxu/cols': { from: 16, to: 64, steps: 4 },
        },
      }),
    );
    expect(s.parameters.map((p) => p.values)).toEqual([
      [16, 32, 64, 128, 256, 512],
      [16, 32, 48, 64],
    ]);
    expect(s.strategy.count).toBe(24);
  });

  it('workload-side options vary by name and are checked at load', () => {
    const s = loadSweep(write('opts.json', { ...base, parameters: { precision: ['int8', 'w4a8'], batch: [1, 4] } }));
    expect(pointAt(s, 3).options).toEqual({ precision: 'w4a8', batch: 4 });
    const bad = write('opts-bad.json', { ...base, parameters: { precision: ['int8', 'int5'] } });
    expect(() => loadSweep(bad)).toThrow(/opts-bad\.json: \/parameters\/precision\/1: "int5" is not a precision/);
  });
});

describe('runSweep: shards, resuming, merging', () => {
  const sweep = loadSweep(
    write('run.json', {
      ...base,
      parameters: { '/compute/mxu/rows': [16, 32, 64], '/memory/dram/bandwidth': ['1 GB/s', '4 GB/s'] },
    }),
  );
  const all = (): SweepRow[] => {
    const rows: SweepRow[] = [];
    runSweep(sweep, { onRow: (r) => rows.push(r) });
    return rows;
  };

  it('shards partition the runs: their union is the whole sweep, with no overlap', () => {
    const whole = all();
    expect(whole).toHaveLength(12);
    const parts = [1, 2, 3, 4].map((k) => {
      const rows: SweepRow[] = [];
      runSweep(sweep, { shard: { k, n: 4 }, onRow: (r) => rows.push(r) });
      return rows;
    });
    const keys = parts.flat().map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(whole.map((r) => r.key).sort());
  });

  it('more bandwidth never makes a point slower (same array)', () => {
    const whole = all();
    for (const w of sweep.workloads) {
      for (let p = 0; p < whole.length / 2; p += 2) {
        const slow = whole.find((r) => r.point === p && r.workload === w.ref)!;
        const fast = whole.find((r) => r.point === p + 1 && r.workload === w.ref)!;
        expect(fast.metrics!.seconds).toBeLessThanOrEqual(slow.metrics!.seconds!);
      }
    }
  });

  it('is deterministic, and merged shards give byte-identical files to one run', async () => {
    const one = join(dir, 'one');
    const manifest = manifestOf(sweep, null);
    await writeOutputs(one, all(), manifest);
    const merged = join(dir, 'merged');
    const shardRows = [2, 1].flatMap((k) => {
      const rows: SweepRow[] = [];
      runSweep(sweep, { shard: { k, n: 2 }, onRow: (r) => rows.push(r) });
      return rows;
    });
    await writeOutputs(merged, shardRows, manifest);
    for (const f of ['results.jsonl', 'results.csv', 'pareto.json', 'index.html']) {
      expect(readFileSync(join(merged, f), 'utf8')).toBe(readFileSync(join(one, f), 'utf8'));
    }
    expect(readRows(one).rows).toHaveLength(12);
  });

  it('resuming skips the runs already done, by content key', () => {
    const seen: number[] = [];
    const done = new Set(
      all()
        .filter((r) => r.point < 5)
        .map((r) => r.key),
    );
    runSweep(sweep, { done, onRow: (r) => seen.push(r.point) });
    expect(seen).toEqual([5, 5]);
  });

  it('parseShard takes k/n with 1 ≤ k ≤ n', () => {
    expect(parseShard('3/8')).toEqual({ k: 3, n: 8 });
    expect(() => parseShard('0/8')).toThrow(/--shard: expected k\/n/);
    expect(() => parseShard('9/8')).toThrow(/--shard/);
    expect(() => parseShard('x')).toThrow(/--shard/);
  });
});

describe('picojoule sweep / merge', () => {
  const io = () => {
    const buf = { out: '', err: '' };
    return { buf, io: { out: (t: string) => (buf.out += t), err: (t: string) => (buf.err += t) } };
  };

  it('writes results.jsonl, results.csv, pareto.json and index.html, and a second run resumes', async () => {
    const file = write('cli.json', { ...base, workloads: ['tiny'], parameters: { '/compute/mxu/rows': [16, 32] } });
    const out = join(dir, 'cli-out');
    const first = io();
    expect(await main(['sweep', file, '--out', out], first.io)).toBe(0);
    expect(first.buf.out).toMatch(/^2 runs in .*results\.jsonl\nPareto front for tiny/);
    const second = io();
    expect(await main(['sweep', file, '--out', out], second.io)).toBe(0);
    expect(second.buf.out).toMatch(/2 runs in .* \(2 from an earlier run\)/);
    const merged = io();
    expect(await main(['merge', out, '--out', join(dir, 'cli-merged')], merged.io)).toBe(0);
    expect(readFileSync(join(dir, 'cli-merged', 'results.jsonl'), 'utf8')).toBe(readFileSync(join(out, 'results.jsonl'), 'utf8'));
  });

  it('a bad sweep file exits 2 naming the JSON path', async () => {
    const file = write('bad.json', { ...base, parameters: {} });
    const r = io();
    expect(await main(['sweep', file], r.io)).toBe(2);
    expect(r.buf.err).toMatch(/bad\.json: \/parameters: .*must NOT have fewer than 1 properties/);
  });

  it('--export-point writes the point’s complete arch file, which simulates as that point', async () => {
    const file = write('export.json', { ...base, workloads: ['tiny'], parameters: { '/compute/mxu/rows': [16, 32] } });
    const r = io();
    expect(await main(['sweep', file, '--export-point', '1'], r.io)).toBe(0);
    const archFile = write('point1.json', JSON.parse(r.buf.out) as object);
    const sim = io();
    expect(await main(['simulate', '-a', archFile, '-w', 'tiny', '--json'], sim.io)).toBe(0);
    expect((JSON.parse(sim.buf.out) as { arch: { array: { rows: number } } }).arch.array.rows).toBe(32);
    expect(await main(['sweep', file, '--export-point', '2'], io().io)).toBe(2);
  });
});

describe('picojoule sweep --workers (the built CLI, as worker threads need compiled code)', () => {
  it('two worker threads write the same files as one thread', () => {
    const file = write('workers.json', {
      ...base,
      parameters: { '/compute/mxu/rows': [16, 32, 64], '/compute/mxu/cols': [16, 64] },
    });
    const run = (out: string, workers: number) =>
      execFileSync(process.execPath, ['bin/picojoule.js', 'sweep', file, '--out', out, '--workers', String(workers)], {
        encoding: 'utf8',
      });
    run(join(dir, 'w1'), 1);
    run(join(dir, 'w2'), 2);
    for (const f of ['results.jsonl', 'results.csv', 'pareto.json', 'index.html']) {
      expect(readFileSync(join(dir, 'w2', f), 'utf8')).toBe(readFileSync(join(dir, 'w1', f), 'utf8'));
    }
    expect(readRows(join(dir, 'w2')).rows).toHaveLength(12);
  });
});

describe('the example sweeps in sweeps/', () => {
  const files = readdirSync('sweeps')
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('sweeps', f));
  it.each(files)('%s loads and its first point runs', (file) => {
    const s = loadSweep(file);
    expect(s.strategy.count).toBeGreaterThan(1);
    const row = new Evaluator(s).evaluate(pointAt(s, 0), s.workloads[0]);
    expect(row.metrics?.seconds).toBeGreaterThan(0);
  });
});
