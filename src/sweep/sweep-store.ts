import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../config/read-json.js';
import { fail } from '../config/user-error.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { paretoFront } from './pareto.js';
import { rowKey, type SweepRow } from './run-sweep.js';

/** The rows file of a sweep output folder (one JSON object per line, appended as runs finish). */
export const rowsFile = (dir: string): string => join(dir, 'results.jsonl');

/** Reads the rows already in a folder (none if it has no rows file). */
export function readRows(dir: string): SweepRow[] {
  const file = rowsFile(dir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const row = parseJson(line, `${file} line ${i + 1}`) as SweepRow;
      if (typeof row?.point !== 'number' || typeof row?.workload !== 'string')
        fail(file, undefined, `line ${i + 1} is not a sweep row`);
      return row;
    });
}

/** Appends one row and flushes it to disk, so a run killed later loses nothing it finished. */
export function appendRow(dir: string, row: SweepRow): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(rowsFile(dir), JSON.stringify(row) + '\n');
  const fd = openSync(rowsFile(dir), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The Pareto front (latency, energy) per workload, over rows. */
export function paretoByWorkload(
  rows: readonly SweepRow[],
): Record<string, { point: number; seconds: number; energyJoules: number; parameters: Readonly<Record<string, unknown>> }[]> {
  const byWorkload = new Map<string, SweepRow[]>();
  for (const r of rows) byWorkload.set(r.workload, [...(byWorkload.get(r.workload) ?? []), r]);
  return Object.fromEntries(
    [...byWorkload].map(([w, list]) => [
      w,
      paretoFront(list).map((r) => ({
        point: r.point,
        seconds: r.seconds,
        energyJoules: r.energyJoules,
        parameters: r.parameters,
      })),
    ]),
  );
}

/**
 * Writes a folder's summary from its rows: the rows sorted by point and workload (so shards
 * merged in any order give the same file) and `pareto.json`.
 */
export function writeSummary(dir: string, rows: readonly SweepRow[]): void {
  const unique = new Map(rows.map((r) => [rowKey(r.point, r.workload), r]));
  const sorted = [...unique.values()].sort(
    (a, b) => a.point - b.point || (a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : 0),
  );
  writeFileAtomic(rowsFile(dir), sorted.map((r) => JSON.stringify(r)).join('\n') + (sorted.length ? '\n' : ''));
  writeFileAtomic(join(dir, 'pareto.json'), JSON.stringify(paretoByWorkload(sorted), null, 2) + '\n');
}
