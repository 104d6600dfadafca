import { createHash } from 'node:crypto';
import type { WorkloadOption } from '../config/schemas/sweep.js';
import { ArchSpec } from '../config/schemas/arch.js';
import { UserError, fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import type { Arch } from '../hardware/arch.js';
import { buildArch } from '../hardware/build-arch.js';
import { withTable, withTablePath } from '../load/load-arch.js';
import { canonicalJson } from '../config/canonical-json.js';
import type { Sweep } from './load-sweep.js';
import { escapePointer } from './sweep-values.js';

/** One design point: its number, the value of every parameter, its arch document and workload options. */
export interface SweepPoint {
  readonly index: number;
  /** Parameter values by key (JSON pointer or option name), as written in the sweep. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The point's complete arch document (the base with every pointer set). */
  readonly archDoc: Readonly<Record<string, unknown>>;
  readonly options: Readonly<Partial<Record<WorkloadOption, unknown>>>;
}

/** Point `index` of the sweep (0 ≤ index < sweep.strategy.count). */
export const pointAt = (sweep: Sweep, index: number): SweepPoint => pointOf(sweep, sweep.strategy.choice(index), index);

/** The point that takes value `choice[i]` of every parameter i. */
export function pointOf(sweep: Sweep, choice: readonly number[], index: number): SweepPoint {
  const parameters: Record<string, unknown> = {};
  const options: Partial<Record<WorkloadOption, unknown>> = { ...sweep.baseOptions };
  // Copy-on-write: the point shares every part of the base it does not change.
  const archDoc = { ...sweep.base.data } as Record<string, unknown>;
  const own = new Set<object>([archDoc]);
  sweep.parameters.forEach((p, i) => {
    const value = p.values[choice[i]];
    parameters[p.key] = value;
    if (p.target === 'arch') setAt(archDoc, p.key, value, sweep.file, own);
    else options[p.key as WorkloadOption] = value;
  });
  archDoc.name = `${String(sweep.base.data.name)}-${index}`;
  return { index, parameters, archDoc, options };
}

/**
 * The content key of a point on a workload: a hash of its complete arch document, its workload
 * (by reference and content) and its options. An edited sweep keeps the keys of the points it
 * did not change, so a rerun runs only the new ones.
 */
export function pointKey(point: SweepPoint, workload: Sweep['workloads'][number]): string {
  const { name: _name, ...arch } = point.archDoc;
  return createHash('sha256')
    .update(canonicalJson({ arch, workload, options: point.options }))
    .digest('hex')
    .slice(0, 24);
}

/** Builds a point's arch, as any arch file is built; an invalid one is a UserError about the point. */
export function buildPointArch(sweep: Sweep, point: SweepPoint): Arch {
  const name = point.index >= 0 ? `point ${point.index}` : 'a point with';
  try {
    const spec = validateAgainst<ArchSpec>(ArchSpec, point.archDoc, sweep.base.file);
    return withTable(buildArch(withTablePath(spec, sweep.base.file), sweep.base.file, sweep.base.files));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw new UserError(
      err.problems.map((p) => ({
        file: sweep.file,
        path: '/parameters',
        message: `${name} ${JSON.stringify(point.parameters)} makes an invalid arch: ${p.path ?? ''} ${p.message}`,
      })),
    );
  }
}

/**
 * Sets `value` at a JSON pointer in a point's document, creating objects on the way; a path
 * through a non-object fails. Objects on the path are copied before they are changed (`own`
 * holds those already copied), so the base document is never touched.
 */
function setAt(doc: Record<string, unknown>, pointer: string, value: unknown, file: string, own: Set<object>): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Record<string, unknown> = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      fail(
        file,
        `/parameters/${escapePointer(pointer)}`,
        `"${pointer}" goes through "${key}", which is not an object in the base arch`,
      );
    } else if (!own.has(next)) node[key] = { ...next };
    node = node[key] as Record<string, unknown>;
    own.add(node);
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * Checks that every value of every arch parameter makes a valid arch, each with the other
 * parameters at their first value (one build per value, not per point): a bad value is found
 * before a sweep starts. Combinations that are invalid only together are recorded per point.
 */
export function checkEachValue(sweep: Sweep): void {
  const sizes = sweep.parameters.map((p) => p.values.length);
  sweep.parameters.forEach((p, i) => {
    if (p.target !== 'arch') return;
    p.values.forEach((_, v) => {
      const choice = sizes.map((_s, j) => (j === i ? v : 0));
      // In a grid this is a real point: the one with this value and every other parameter at its first.
      const index = sweep.strategyName === 'grid' ? v * sizes.slice(i + 1).reduce((a, b) => a * b, 1) : -1;
      buildPointArch(sweep, pointOf(sweep, choice, index));
    });
  });
}
