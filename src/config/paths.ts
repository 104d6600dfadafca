import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (where package.json, arch-configs/ and workloads/ live), from src/ or dist/src/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'arch-configs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('picojoule: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  root = dir;
  return root;
}

/** Folder of built-in architecture presets. */
export const presetDir = () => join(projectRoot(), 'arch-configs');
/** Folder of built-in workloads (layer graphs). */
export const workloadDir = () => join(projectRoot(), 'workloads');

/** A file path as a user would type it: relative to the working directory when under it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
