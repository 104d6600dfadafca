import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
  mkdirSync(dir, { recursive: true });
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
