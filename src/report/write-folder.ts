import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ensureDir, writeFileAtomic } from './write-atomic.js';

/** Where a set of files was written: the folder and the file names in it. */
export interface WrittenFolder {
  readonly dir: string;
  readonly files: readonly string[];
}

/**
 * Writes already-rendered files to `outDir` without ever leaving half a set: they go into a
 * temporary folder beside `outDir`, which is renamed into place when `outDir` does not exist
 * yet; otherwise each file is renamed over its old version (other files are left alone).
 */
export function writeFolderAtomic(files: Readonly<Record<string, string>>, outDir: string): WrittenFolder {
  const dir = resolve(outDir);
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    ensureDir(tmp);
    for (const [name, content] of Object.entries(files)) writeFileAtomic(join(tmp, name), content);
    if (!existsSync(dir)) renameSync(tmp, dir);
    else for (const name of Object.keys(files)) renameSync(join(tmp, name), join(dir, name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, files: Object.keys(files) };
}
