import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileOf, loadBundle } from '../../src/cli/code-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'pj-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundle = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};
const SOURCE = `const path = require('node:path');
exports.answer = (x) => x * 6 + path.basename(__filename).length;`;

describe('loadBundle: a CommonJS bundle with V8 code cache beside it', () => {
  it('runs a bundle with no cache, and takes the cache it saved on the next load', () => {
    const file = bundle('a.cjs', SOURCE);
    const first = loadBundle<{ answer(x: number): number }>(file);
    expect(first.cached).toBe(false);
    expect(first.exports.answer(7)).toBe(42 + 'a.cjs'.length);
    first.saveCache();
    const second = loadBundle<{ answer(x: number): number }>(file);
    expect(second.cached).toBe(true);
    expect(second.exports.answer(7)).toBe(42 + 5);
  });

  it('compiles afresh, with the same behaviour, when the cache is of other code', () => {
    const file = bundle('b.cjs', SOURCE);
    loadBundle(file).saveCache();
    writeFileSync(file, SOURCE.replace('x * 6', 'x * 2'));
    const edited = loadBundle<{ answer(x: number): number }>(file);
    expect(edited.cached).toBe(false);
    expect(edited.exports.answer(7)).toBe(14 + 5);
  });

  it('compiles afresh when the cache file is damaged', () => {
    const file = bundle('c.cjs', SOURCE);
    writeFileSync(cacheFileOf(file), 'not a code cache');
    const loaded = loadBundle<{ answer(x: number): number }>(file);
    expect(loaded.cached).toBe(false);
    expect(loaded.exports.answer(1)).toBe(6 + 5);
  });
});
