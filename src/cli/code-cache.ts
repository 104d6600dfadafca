/**
 * Loads one of the CLI's CommonJS bundles (`dist/bundle/…`) with V8's code cache beside it, which
 * the build writes after a warm-up run. V8 then skips parsing and compiling the ~4 MB of code a
 * simulation touches (the JSON Schema validators alone are 2 MB): a CLI start takes ~0.15 s less.
 * V8 checks the cache against its version, flags and the source, and compiles afresh when it does
 * not match (another Node version, an edited bundle), so a stale cache costs time, never behaviour.
 * Code from the cache has no `import()` (Node 20 loses the hook), so the launcher hands the bundle
 * an importer for the ES-only packages it loads late (d3-node).
 * Imports nothing but Node's own modules: it runs before anything else.
 */
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
  const cacheFile = cacheFileOf(file);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (e: T, r: NodeJS.Require, m: { exports: T }, f: string, d: string) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}
