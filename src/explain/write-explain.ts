import { writeFolderAtomic, type WrittenFolder } from '../report/write-folder.js';
import type { ExplainData } from './explain-von-neumann.js';
import { renderExplainReport } from './render-explain.js';

/** Where the teaching report was written: its folder and the files in it. */
export type WrittenExplain = WrittenFolder;

/** Renders the teaching report (every file first) and writes it to `outDir` atomically. */
export async function writeExplainReport(data: ExplainData, outDir: string): Promise<WrittenExplain> {
  const { files } = await renderExplainReport(data);
  return writeFolderAtomic(files, outDir);
}
