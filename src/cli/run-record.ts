import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../config/paths.js';
import { readJson } from '../config/read-json.js';
import { fail } from '../config/user-error.js';
import type { Arch } from '../hardware/arch.js';
import type { RunRecord } from '../sim/result.js';
import type { Graph } from '../workload/graph.js';
import type { WhatIf } from '../workload/what-if.js';

let version: string | undefined;
/** This picojoule's version, from its package.json. */
export function picojouleVersion(): string {
  version ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** A reference as it can be found again from anywhere: a path made absolute, a built-in name kept. */
export const findable = (ref: string): string =>
  ref.includes('/') || ref.includes('\\') || /\.(json|csv)$/i.test(ref) ? resolve(ref) : ref;

/** The record of a run of `graph` (given as `workloadRef`) on `arch`. */
export function runRecord(
  arch: Arch,
  graph: Graph,
  workloadRef: string,
  whatIf: WhatIf,
  costTable: string | undefined,
): RunRecord {
  return {
    picojoule: picojouleVersion(),
    arch: arch.document ?? {},
    workload: { ref: findable(workloadRef), name: graph.name, sha256: graph.sha256 ?? null },
    whatIf: Object.fromEntries(Object.entries(whatIf).filter(([, v]) => v !== undefined)) as WhatIf,
    costTable: costTable === undefined ? null : findable(costTable),
  };
}

/** The run record of a result file written by `simulate --out` or `report` (`--replay FILE`). */
export function readRunRecord(file: string): { record: RunRecord; baseDir: string } {
  const doc = readJson(file) as { schema?: unknown; run?: RunRecord };
  if (doc === null || typeof doc !== 'object' || doc.schema !== 'picojoule/result@1')
    return fail(file, '/schema', 'expected a picojoule result document ("schema": "picojoule/result@1")');
  const run = doc.run;
  if (!run || typeof run !== 'object' || typeof run.arch !== 'object' || typeof run.workload?.ref !== 'string')
    return fail(
      file,
      '/run',
      'the result carries no run record (written by an older picojoule, or by the library): it cannot be replayed',
    );
  return { record: run, baseDir: dirname(resolve(file)) };
}
