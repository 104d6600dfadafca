import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Creates a folder and any missing parents, one level at a time. Node's recursive mkdir loops
 * forever under some pseudo file systems (`--out /proc/x`); this fails with the first error.
 */
export function ensureDir(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) ensureDir(parent);
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Writes a file so that readers never see half of it: write a temp file beside it, then rename. */
export function writeFileAtomic(path: string, content: string): void {
  writeChunksAtomic(path, [content]);
}

/**
 * Writes a file from chunks, as `writeFileAtomic` does a string: a large output (a 100k-row
 * sweep) never has to be one string in memory.
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  const dir = dirname(path);
  ensureDir(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      // writeFileSync on a descriptor writes all of each chunk at the current position.
      for (const chunk of chunks) writeFileSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Items in batches of `size` (for writing many rows a batch at a time). */
export function* batches<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
