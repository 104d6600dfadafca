import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { paretoFront } from '../../src/sweep/pareto.js';
import { parseShard, runSweep, type SweepRow } from '../../src/sweep/run-sweep.js';
import { readRows, writeSummary } from '../../src/sweep/sweep-store.js';
import { main } from '../../src/cli/main.js';
import { execFileSync } from 'node:child_process';

const dir = mkdtempSync(join(tmpdir(), 'pj-sweep-'));
const write = (name: string, doc: object) => {
  writeFileSync(join(dir, name), JSON.stringify(doc));
  return join(dir, name);
};
const base = { version: 1, name: 's', arch: 'edge-tpu', workloads: ['tiny', 'ds-cnn'] };

describe('loadSweep: design points from JSON pointers', () => {
  it('a grid takes every combination, the last parameter varying fastest', () => {
    const s = loadSweep(
      write('grid.json', {
        ...base,
        parameters: { '/compute/mxu/rows': [16, 32], '/memory/dram/bandwidth': ['1 GB/s', '2 GB/s', '4 GB/s'] },
      }),
    );
    expect(s.points).toHaveLength(6);
    expect(s.points.map((p) => [systolicOf(p.arch)!.rows, p.arch.dram.bytesPerSecond])).toEqual([
      [16, 1e9],
      [16, 2e9],
      [16, 4e9],
      [32, 1e9],
      [32, 2e9],
      [32, 4e9],
    ]);
    // everything else is the base preset's
    expect(systolicOf(s.points[0].arch)!.cols).toBe(64);
    expect(s.points[0].arch.clockHz).toBe(480e6);
  });

  it('zip pairs the i-th values, and needs lists of equal length', () => {
    const s = loadSweep(
      write('zip.json', { ...base, mode: 'zip', parameters: { '/compute/mxu/rows': [16, 32], '/compute/mxu/cols': [128, 64] } }),
    );
    expect(s.points.map((p) => [systolicOf(p.arch)!.rows, systolicOf(p.arch)!.cols])).toEqual([
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
});

describe('paretoFront', () => {
  it('keeps the points no other beats on both latency and energy, by increasing latency', () => {
    const pts = [
      { id: 'a', seconds: 1, energyJoules: 5 },
      { id: 'b', seconds: 2, energyJoules: 3 },
      { id: 'c', seconds: 3, energyJoules: 4 }, // beaten by b
      { id: 'd', seconds: 4, energyJoules: 1 },
      { id: 'e', seconds: 1, energyJoules: 6 }, // beaten by a
    ];
    expect(paretoFront(pts).map((p) => p.id)).toEqual(['a', 'b', 'd']);
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
    const keys = parts.flat().map((r) => `${r.point}/${r.workload}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(whole.map((r) => `${r.point}/${r.workload}`).sort());
  });

  it('more bandwidth never makes a point slower (same array)', () => {
    const whole = all();
    for (const w of sweep.workloads) {
      for (let p = 0; p < whole.length / 2; p += 2) {
        const slow = whole.find((r) => r.point === p && r.workload === w)!;
        const fast = whole.find((r) => r.point === p + 1 && r.workload === w)!;
        expect(fast.seconds).toBeLessThanOrEqual(slow.seconds);
      }
    }
  });

  it('is deterministic, and merged shards give byte-identical files to one run', () => {
    const one = join(dir, 'one');
    writeSummary(one, all());
    const merged = join(dir, 'merged');
    const shardRows = [2, 1].flatMap((k) => {
      const rows: SweepRow[] = [];
      runSweep(sweep, { shard: { k, n: 2 }, onRow: (r) => rows.push(r) });
      return rows;
    });
    writeSummary(merged, shardRows);
    expect(readFileSync(join(merged, 'results.jsonl'), 'utf8')).toBe(readFileSync(join(one, 'results.jsonl'), 'utf8'));
    expect(readFileSync(join(merged, 'pareto.json'), 'utf8')).toBe(readFileSync(join(one, 'pareto.json'), 'utf8'));
    expect(readRows(one)).toHaveLength(12);
  });

  it('resuming skips the runs already done', () => {
    const seen: number[] = [];
    const done = new Set(
      all()
        .filter((r) => r.point < 5)
        .map((r) => `${r.point}\u0000${r.workload}`),
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
  it('writes results.jsonl and pareto.json, and a second run resumes', async () => {
    const file = write('cli.json', { ...base, workloads: ['tiny'], parameters: { '/compute/mxu/rows': [16, 32] } });
    const out = join(dir, 'cli-out');
    const io = () => {
      const buf = { out: '', err: '' };
      return { buf, io: { out: (t: string) => (buf.out += t), err: (t: string) => (buf.err += t) } };
    };
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
    let err = '';
    expect(await main(['sweep', file], { out: () => {}, err: (t) => (err += t) })).toBe(2);
    expect(err).toMatch(/bad\.json: \/parameters: .*must NOT have fewer than 1 properties/);
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
    for (const f of ['results.jsonl', 'pareto.json']) {
      expect(readFileSync(join(dir, 'w2', f), 'utf8')).toBe(readFileSync(join(dir, 'w1', f), 'utf8'));
    }
    expect(readRows(join(dir, 'w2'))).toHaveLength(12);
  });
});
