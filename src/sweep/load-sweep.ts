import { dirname, isAbsolute, join } from 'node:path';
import { type Arch } from '../hardware/arch.js';
import { buildArch } from '../hardware/build-arch.js';
import { withTable, withTablePath } from '../load/load-arch.js';
import { locateDocument } from '../config/locate-document.js';
import { presetDir } from '../config/paths.js';
import { readJson } from '../config/read-json.js';
import { resolveExtends } from '../config/resolve-extends.js';
import { ArchSpec } from '../config/schemas/arch.js';
import { SweepSpec } from '../config/schemas/sweep.js';
import { UserError, fail } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';

/** One design point of a sweep: the parameter values and the arch they make. */
export interface SweepPoint {
  /** Position in the sweep's deterministic order (grid: last parameter varying fastest). */
  readonly index: number;
  /** Parameter values by JSON pointer, as written in the sweep. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly arch: Arch;
}

/** A loaded sweep: its points, and the workloads and what-if each point runs. */
export interface Sweep {
  readonly name: string;
  readonly file: string;
  readonly points: readonly SweepPoint[];
  readonly workloads: readonly string[];
  readonly whatIf: { readonly precision?: string; readonly weightDensity?: number };
}

/**
 * Loads a sweep document and builds every point's arch: the base arch (its `extends` merged)
 * with each parameter's value set at its JSON pointer, then validated and built like any arch
 * file. A value that makes an invalid arch is reported with the point's values.
 */
export function loadSweep(file: string): Sweep {
  const spec = validateAgainst<SweepSpec>(SweepSpec, readJson(file), file);
  const here = dirname(file);
  const relative = (ref: string) => (ref.includes('/') && !isAbsolute(ref) ? join(here, ref) : ref);
  const archFile = locateDocument(relative(spec.arch), presetDir(), 'preset', `${file}: /arch`);
  const base = resolveExtends(archFile, presetDir());
  const points = combinations(spec, file).map((parameters, index) => {
    const doc = structuredClone(base.data) as Record<string, unknown>;
    for (const [pointer, value] of Object.entries(parameters)) setAt(doc, pointer, value, file);
    try {
      const archSpec = validateAgainst<ArchSpec>(ArchSpec, { ...doc, name: `${String(doc.name)}-${index}` }, archFile);
      return { index, parameters, arch: withTable(buildArch(withTablePath(archSpec, archFile), archFile, base.files)) };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(
        err.problems.map((p) => ({
          file,
          path: '/parameters',
          message: `point ${index} ${JSON.stringify(parameters)} makes an invalid arch: ${p.path ?? ''} ${p.message}`,
        })),
      );
    }
  });
  return {
    name: spec.name,
    file,
    points,
    workloads: spec.workloads.map(relative),
    whatIf: { precision: spec.precision, weightDensity: spec.prune === undefined ? undefined : 1 - spec.prune },
  };
}

/** The parameter combinations in order: the grid (last parameter varying fastest) or the zip. */
function combinations(spec: SweepSpec, file: string): Record<string, unknown>[] {
  const entries = Object.entries(spec.parameters);
  if (spec.mode === 'zip') {
    const n = entries[0][1].length;
    const odd = entries.find(([, values]) => values.length !== n);
    if (odd) {
      fail(
        file,
        `/parameters/${escape(odd[0])}`,
        `zip needs lists of equal length; ${entries[0][0]} has ${n} values, ${odd[0]} has ${odd[1].length}`,
      );
    }
    return Array.from({ length: n }, (_, i) => Object.fromEntries(entries.map(([p, values]) => [p, values[i]])));
  }
  return entries.reduce<Record<string, unknown>[]>(
    (acc, [pointer, values]) => acc.flatMap((combo) => values.map((v) => ({ ...combo, [pointer]: v }))),
    [{}],
  );
}

/** Sets `value` at a JSON pointer, creating objects on the way; a path through a non-object fails. */
function setAt(doc: Record<string, unknown>, pointer: string, value: unknown, file: string): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Record<string, unknown> = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      fail(file, `/parameters/${escape(pointer)}`, `"${pointer}" goes through "${key}", which is not an object in the base arch`);
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** A JSON pointer written as one key of another JSON pointer (for error paths). */
const escape = (pointer: string) => pointer.replace(/~/g, '~0').replace(/\//g, '~1');
