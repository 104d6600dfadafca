import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../config/user-error.js';
import { writeOutputs, type ParetoFile } from './summarize.js';
import { claimFolder, lockFolder, readManifest, readRows } from './sweep-store.js';

/** Whether a path is the output folder of a sweep (it has the manifest). */
export const isSweepFolder = (path: string): boolean => existsSync(join(path, 'sweep.json'));

/**
 * Writes a sweep folder's results.csv, pareto.json and index.html again from its rows and
 * manifest (after an upgrade, say), into the folder itself or into `out`. Runs nothing.
 */
export async function rerenderSweep(dir: string, out = dir): Promise<{ rows: number; name: string; pareto: ParetoFile }> {
  const manifest = readManifest(dir);
  if (!manifest)
    return fail(dir, undefined, 'not a sweep folder (no sweep.json): expected the --out folder of `picojoule sweep`');
  const { rows } = readRows(dir);
  if (!rows.length) fail(dir, undefined, 'has no rows (results.jsonl is missing or empty): run the sweep first');
  const release = lockFolder(out);
  try {
    if (out !== dir) claimFolder(out, manifest);
    return { rows: rows.length, name: manifest.name, pareto: await writeOutputs(out, rows, manifest) };
  } finally {
    release();
  }
}
