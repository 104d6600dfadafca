import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge, resolveExtends } from '../../src/config/resolve-extends.js';
import { presetDir } from '../../src/config/paths.js';

describe('deepMerge: how a child overrides what it extends', () => {
  it('merges objects key by key, the child winning', () => {
    expect(deepMerge({ a: 1, o: { x: 1, y: 2 } }, { o: { y: 3, z: 4 } })).toEqual({ a: 1, o: { x: 1, y: 3, z: 4 } });
  });
  it('replaces arrays and scalars whole', () => {
    expect(deepMerge({ holds: ['input', 'weight'], n: 1 }, { holds: ['output'], n: 2 })).toEqual({ holds: ['output'], n: 2 });
  });
  it('deletes a key set to null', () => {
    expect(deepMerge({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
  });
  it('treats a {value, source} pair as one fact: a new value never keeps the old source', () => {
    expect(
      deepMerge({ clock: { value: '480 MHz', source: 'estimated' } }, { clock: { value: '500 MHz', source: 'mine' } }),
    ).toEqual({
      clock: { value: '500 MHz', source: 'mine' },
    });
    expect(deepMerge({ clock: { value: '480 MHz', source: 'estimated' } }, { clock: '500 MHz' })).toEqual({ clock: '500 MHz' });
  });
});

describe('resolveExtends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pj-extends-'));
  const write = (name: string, doc: object) => {
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return join(dir, name);
  };

  it('follows a chain of relative files and a built-in preset, child first in the file list', () => {
    write('base.json', { extends: 'edge-tpu', name: 'base', memory: { dram: { latency: '1 us' } } });
    const child = write('child.json', { extends: './base.json', name: 'child' });
    const r = resolveExtends(child, presetDir());
    expect(r.data.name).toBe('child');
    expect((r.data.memory as { dram: { latency: string } }).dram.latency).toBe('1 us');
    expect((r.data.clock as { value: string }).value).toBe('480 MHz');
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['child.json', 'base.json', 'edge-tpu.json']);
    expect(r.data.extends).toBeUndefined();
  });

  it('reports a cycle at the file that closes it', () => {
    write('a.json', { extends: './b.json' });
    write('b.json', { extends: './a.json' });
    expect(() => resolveExtends(join(dir, 'a.json'), presetDir())).toThrow(/\/extends: "extends" forms a cycle/);
  });

  it('names an unknown preset and lists the known ones', () => {
    const f = write('bad.json', { extends: 'edge-tpuu' });
    expect(() => resolveExtends(f, presetDir())).toThrow(/unknown preset "edge-tpuu"; known: .*edge-tpu/);
  });
});
