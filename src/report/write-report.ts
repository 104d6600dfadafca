import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SimResult } from '../sim/result.js';
import { renderReport, type ReportOptions } from './render-report.js';
import { writeFileAtomic } from './write-atomic.js';

/** Where a report was written: its folder and the files in it. */
export interface WrittenReport {
  readonly dir: string;
  readonly files: readonly string[];
}

/**
 * Renders a report and writes it to `outDir`, never leaving half a report behind: every file is
 * rendered first, then written into a temporary folder beside `outDir`, which is renamed into place
 * when `outDir` does not exist yet; otherwise each file is renamed over its old version (other
 * files in the folder are left alone).
 */
export async function writeReport(result: SimResult, outDir: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const { files } = await renderReport(result, options);
  const dir = resolve(outDir);
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileAtomic(join(tmp, name), content);
    if (!existsSync(dir)) renameSync(tmp, dir);
    else for (const name of Object.keys(files)) renameSync(join(tmp, name), join(dir, name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, files: Object.keys(files) };
}
