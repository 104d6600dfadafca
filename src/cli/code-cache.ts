/**
 * Loads one of the CLI's CommonJS bundles (`dist/bundle/…`) with V8's code cache beside it, which
 * the build writes after a warm-up run. V8 then skips parsing and compiling the ~4 MB of code a
 * simulation touches (the JSON Schema validators alone are 2 MB): a CLI start takes ~0.15 s less.
 * A cache made from other source (an edited bundle) is not used, and V8 refuses one of another
 * version or flags and compiles afresh, so a stale cache costs time, never behaviour.
 * Code from the cache has no `import()` (Node 20 loses the hook), so the launcher hands the bundle
 * an importer for the ES-only packages it loads late (d3-node).
 * Imports nothing but Node's own modules: it runs before anything else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** A loaded bundle: its exports, and a way to save the code compiled so far as the cache. */
export interface LoadedBundle<T> {
  readonly exports: T;
  /** Whether V8 took the cache (false when there was none or it did not match). */
  readonly cached: boolean;
  saveCache(): void;
}

export const cacheFileOf = (file: string): string => `${file}.v8cache`;

export function loadBundle<T>(file: string): LoadedBundle<T> {
  const source = readFileSync(file);
  // V8 checks a cache against the source's length only: an edited bundle of the same length would
  // run the old code. The cache therefore starts with the SHA-256 of the source it was made from.
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = cacheFileOf(file);
  const saved = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const cachedData = saved && saved.subarray(0, digest.length).equals(digest) ? saved.subarray(digest.length) : undefined;
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (e: T, r: NodeJS.Require, m: { exports: T }, f: string, d: string) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()])),
  };
}
