import type { SimResult } from '../sim/result.js';
import { renderReport, type ReportOptions } from './render-report.js';
import { writeFolderAtomic, type WrittenFolder } from './write-folder.js';

/** Where a report was written: its folder and the files in it. */
export type WrittenReport = WrittenFolder;

/** Renders a report (every file first) and writes it to `outDir` atomically (see writeFolderAtomic). */
export async function writeReport(result: SimResult, outDir: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const { files } = await renderReport(result, options);
  return writeFolderAtomic(files, outDir);
}
