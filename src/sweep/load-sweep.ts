import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { locateDocument } from '../config/locate-document.js';
import { presetDir, workloadDir } from '../config/paths.js';
import { readJson, readText } from '../config/read-json.js';
import { resolveExtends, type ResolvedDocument } from '../config/resolve-extends.js';
import { SweepSpec, type SweepMetric, type WorkloadOption } from '../config/schemas/sweep.js';
import { UserError, fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import { canonicalJson } from '../config/canonical-json.js';
import { metricNamed } from './metrics.js';
import { grid, latinHypercube, random, zip, type Strategy } from './strategies.js';
import { escapePointer, expandValues } from './sweep-values.js';
import { checkEachValue } from './sweep-point.js';
import { loadCostTable } from '../load/load-cost-table.js';

/** One parameter of a sweep: an arch field by JSON pointer, or a workload-side option by name. */
export interface SweepParameter {
  readonly key: string;
  readonly target: 'arch' | 'workload';
  readonly values: readonly unknown[];
}

/** A budget on one metric. */
export interface Constraint {
  readonly metric: SweepMetric;
  readonly min?: number;
  readonly max?: number;
}

/** Whether a metric's value breaks a budget (an unknown value, null, breaks it). */
export const breaks = (c: Constraint, v: number | null): boolean =>
  v === null || (c.max !== undefined && v > c.max) || (c.min !== undefined && v < c.min);

/** A loaded sweep: what it varies and how, what it runs, what it must meet and what it optimises. */
export interface Sweep {
  readonly name: string;
  readonly file: string;
  /** Hash of the sweep document: shards of one sweep share it. */
  readonly specHash: string;
  readonly parameters: readonly SweepParameter[];
  readonly strategyName: string;
  readonly strategy: Strategy;
  /** Workload references, resolved against the sweep file, each with a hash of its content. */
  readonly workloads: readonly { readonly ref: string; readonly contentHash: string }[];
  readonly constraints: readonly Constraint[];
  readonly objectives: readonly SweepMetric[];
  /** The base arch with its `extends` merged, and the file it came from. */
  readonly base: ResolvedDocument & { readonly file: string };
  /** Workload-side options every point starts from (the sweep's own precision and prune). */
  readonly baseOptions: Readonly<Partial<Record<WorkloadOption, unknown>>>;
}

/**
 * Loads a sweep document: its parameters (lists, or ranges expanded to lists), its strategy,
 * budgets and objectives, with paths resolved against the sweep file. Points are not made here
 * (see pointAt), so a sweep of any size loads in constant memory. Every problem names the sweep
 * file and its JSON path.
 */
export function loadSweep(file: string): Sweep {
  const doc = readJson(file);
  if (doc !== null && typeof doc === 'object' && 'extends' in doc) {
    fail(
      file,
      '/extends',
      'a sweep cannot extend another; give its arch, workloads and parameters here (an arch file can extend a preset)',
    );
  }
  const spec = validateAgainst<SweepSpec>(SweepSpec, doc, file);
  const here = dirname(file);
  const relative = (ref: string) => (/[/\\]|\.json$|\.csv$/i.test(ref) && !isAbsolute(ref) ? join(here, ref) : ref);
  const archFile = locateDocument(relative(spec.arch), presetDir(), 'preset', `${file}: /arch`);
  const parameters = Object.entries(spec.parameters).map(([key, values]) => ({
    key,
    target: key.startsWith('/') ? ('arch' as const) : ('workload' as const),
    values: expandValues(values, file, `/parameters/${escapePointer(key)}`).map((v) =>
      key === 'costTable' && typeof v === 'string' ? relative(v) : v,
    ),
  }));
  const strategyName = spec.strategy ?? spec.mode ?? 'grid';
  const sweep: Sweep = {
    name: spec.name,
    file,
    specHash: createHash('sha256').update(canonicalJson(spec)).digest('hex').slice(0, 16),
    parameters,
    strategyName,
    strategy: strategyOf(strategyName, parameters, spec, file),
    workloads: spec.workloads.map((w) => ({ ref: relative(w), contentHash: workloadHash(relative(w), file) })),
    constraints: Object.entries(spec.constraints ?? {}).map(([metric, b]) => ({
      metric: metricNamed(metric, file, `/constraints/${escapePointer(metric)}`),
      ...b,
    })),
    objectives: (spec.objectives ?? ['seconds', 'energyJoules']).map((m, i) => metricNamed(m, file, `/objectives/${i}`)),
    base: { ...resolveExtends(archFile, presetDir()), file: archFile },
    baseOptions: {
      ...(spec.precision === undefined ? {} : { precision: spec.precision }),
      ...(spec.prune === undefined ? {} : { prune: spec.prune }),
    },
  };
  checkOptionValues(sweep);
  checkEachValue(sweep);
  return sweep;
}

/** Each workload-side value is one that option takes, or the sweep fails naming it. */
function checkOptionValues(sweep: Sweep): void {
  for (const p of sweep.parameters.filter((x) => x.target === 'workload')) {
    const at = `/parameters/${escapePointer(p.key)}`;
    p.values.forEach((v, i) => {
      const bad = (expected: string) => fail(sweep.file, `${at}/${i}`, `${JSON.stringify(v)} is not ${expected}`);
      if (p.key === 'precision' && (typeof v !== 'string' || !PRECISION.test(v))) bad('a precision such as int8, int4 or w4a8');
      if ((p.key === 'prune' || p.key === 'weightDensity') && !(typeof v === 'number' && v >= 0 && v <= 1))
        bad('a fraction from 0 to 1');
      if (p.key === 'sparsityStructure' && (typeof v !== 'string' || !/^(unstructured|channel|[1-9]\d*:[1-9]\d*)$/.test(v)))
        bad('unstructured, channel or N:M such as 2:4');
      if (p.key === 'batch' && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4096))
        bad('a whole batch size from 1 to 4096');
      if (p.key === 'costTable') {
        if (typeof v !== 'string') bad('a cost-table name or path');
        loadCostTable(v as string, `${sweep.file}: ${at}/${i}`);
      }
    });
  }
}

const PRECISION = /^(int2|int4|int8|int16|bf16|fp16|w(2|4|8|16)a(2|4|8|16))$/;

function strategyOf(name: string, parameters: readonly SweepParameter[], spec: SweepSpec, file: string): Strategy {
  const sizes = parameters.map((p) => p.values.length);
  if (name === 'zip') {
    const odd = parameters.find((p) => p.values.length !== sizes[0]);
    if (odd) {
      fail(
        file,
        `/parameters/${escapePointer(odd.key)}`,
        `zip needs lists of equal length; ${parameters[0].key} has ${sizes[0]} values, ${odd.key} has ${odd.values.length}`,
      );
    }
    return zip(sizes[0], sizes.length);
  }
  if (name === 'random' || name === 'lhs') {
    if (spec.samples === undefined) fail(file, '/samples', `the ${name} strategy needs "samples": how many points to draw`);
    return name === 'random' ? random(sizes, spec.samples, spec.seed ?? 1) : latinHypercube(sizes, spec.samples, spec.seed ?? 1);
  }
  return grid(sizes);
}

/** A short hash of a workload's file, so an edited workload counts as new points. */
function workloadHash(ref: string, file: string): string {
  try {
    const path = /\.csv$/i.test(ref) ? ref : locateDocument(ref, workloadDir(), 'workload', `${file}: /workloads`);
    return createHash('sha256').update(readText(path)).digest('hex').slice(0, 16);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(err.problems.map((p) => ({ ...p, file: p.file ?? file })));
    throw err;
  }
}
