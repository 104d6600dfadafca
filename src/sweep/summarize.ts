import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SWEEP_METRICS, type SweepMetric } from '../config/schemas/sweep.js';
import { batches, writeChunksAtomic, writeFileAtomic } from '../report/write-atomic.js';
import type { SweepRow } from './evaluate-point.js';
import { maximised } from './metrics.js';
import { paretoFront } from './pareto.js';
import { sortRows, writeRows, type Manifest } from './sweep-store.js';
import { renderSweepPage } from './sweep-page.js';

/** A workload's Pareto front over the sweep's objectives, among the points within budget. */
export interface ParetoFile {
  readonly objectives: readonly { readonly metric: string; readonly goal: 'min' | 'max' }[];
  readonly fronts: Readonly<
    Record<string, readonly { point: number; parameters: SweepRow['parameters']; metrics: SweepRow['metrics'] }[]>
  >;
}

/** The Pareto front per workload over the manifest's objectives (feasible rows only). */
export function paretoOf(rows: readonly SweepRow[], manifest: Manifest): ParetoFile {
  const objectives = manifest.objectives as SweepMetric[];
  const byWorkload = new Map<string, SweepRow[]>();
  for (const r of rows) {
    if (!r.feasible || !r.metrics) continue;
    let list = byWorkload.get(r.workload);
    if (!list) byWorkload.set(r.workload, (list = []));
    list.push(r);
  }
  const fronts: Record<string, ParetoFile['fronts'][string]> = {};
  for (const w of manifest.workloads) {
    const front = paretoFront(
      byWorkload.get(w) ?? [],
      objectives.map((m) => ({ value: (r: SweepRow) => r.metrics![m] ?? Infinity, maximise: maximised(m) })),
    );
    fronts[w] = front.map((r) => ({ point: r.point, parameters: r.parameters, metrics: r.metrics }));
  }
  return { objectives: objectives.map((m) => ({ metric: m, goal: maximised(m) ? 'max' : 'min' })), fronts };
}

/** One CSV row per (point, workload): parameters, feasibility, metrics; in chunks of 1000 rows, header first. */
export function* rowsCsv(rows: readonly SweepRow[], manifest: Manifest): Generator<string> {
  const header = ['point', 'workload', ...manifest.parameters, 'feasible', 'reason', ...SWEEP_METRICS];
  const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v);
  const options = { cast: { boolean: (b: boolean) => String(b) } };
  yield stringify([header], options);
  for (const batch of batches(rows, 1000)) {
    yield stringify(
      batch.map((r) => [
        r.point,
        r.workload,
        ...manifest.parameters.map((p) => cell(r.parameters[p])),
        r.feasible,
        r.reason ?? '',
        ...SWEEP_METRICS.map((m) => cell(r.metrics?.[m])),
      ]),
      options,
    );
  }
}

/**
 * Writes a folder's outputs from its rows: results.jsonl (sorted by point and workload, so an
 * interrupted and resumed run, or merged shards, give the same file as one run), results.csv,
 * pareto.json and the index.html page. Returns the Pareto fronts.
 */
export async function writeOutputs(dir: string, rows: readonly SweepRow[], manifest: Manifest): Promise<ParetoFile> {
  const sorted = sortRows(rows);
  writeRows(dir, sorted);
  writeChunksAtomic(join(dir, 'results.csv'), rowsCsv(sorted, manifest));
  const pareto = paretoOf(sorted, manifest);
  writeFileAtomic(join(dir, 'pareto.json'), JSON.stringify(pareto, null, 2) + '\n');
  writeFileAtomic(join(dir, 'index.html'), await renderSweepPage(sorted, manifest, pareto));
  return pareto;
}
