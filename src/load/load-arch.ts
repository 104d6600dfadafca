import { dirname, isAbsolute, resolve } from 'node:path';
import { type Arch } from '../hardware/arch.js';
import { buildArch } from '../hardware/build-arch.js';
import { ArchSpec } from '../config/schemas/arch.js';
import { locateDocument } from '../config/locate-document.js';
import { displayPath, presetDir } from '../config/paths.js';
import { resolveExtends, resolveExtendsOf } from '../config/resolve-extends.js';
import { validateAgainst } from '../config/validate.js';
import { loadAreaTable } from './load-area-table.js';
import { loadCostTable } from './load-cost-table.js';

/** Loads an architecture from a preset name (`edge-tpu`) or a JSON file path; `flag` is blamed for an unknown name. */
export function loadArch(ref: string, flag = '--arch'): Arch {
  const file = locateDocument(ref, presetDir(), 'preset', flag);
  const { data, files } = resolveExtends(file, presetDir());
  const spec = withTablePath(validateAgainst<ArchSpec>(ArchSpec, data, file), file);
  return { ...withTable(buildArch(spec, file, files)), document: spec };
}

/**
 * Builds an arch from a document given as an object, as an arch file would be read: validated,
 * its `extends` (a preset name, or a path relative to `baseDir`, default the working directory)
 * merged in, and the tables it names loaded. Problems name `arch "<name>"` and the JSON path.
 */
export function archFromDocument(doc: object, baseDir = process.cwd()): Arch {
  const origin = `arch "${(doc as { name?: unknown }).name ?? '(unnamed)'}"`;
  const { data, files } = resolveExtendsOf(doc as Parameters<typeof resolveExtendsOf>[0], presetDir(), baseDir, origin);
  const spec = validateAgainst<ArchSpec>(ArchSpec, data, origin);
  const anchor = files.length ? files[0] : resolve(baseDir, 'arch.json');
  const full = withTablePath(spec, anchor);
  return { ...withTable(buildArch(full, origin, files)), origin, document: full };
}

/**
 * Reads the cost table an arch names (so a simulation finds it), failing at `/energy/table`, and
 * names the arch in messages by its file as the user would type it.
 */
export function withTable(arch: Arch): Arch {
  const where = arch.files[0] ?? `arch "${arch.name}"`;
  loadCostTable(arch.energy.table, `${where}: /energy/table`);
  if (arch.energy.areaTable !== undefined) loadAreaTable(arch.energy.areaTable, `${where}: /energy/areaTable`);
  return arch.files[0] === undefined ? arch : { ...arch, origin: displayPath(arch.files[0]) };
}

/** The spec with cost- and area-table paths made absolute: a path is relative to the file that names it. */
export function withTablePath(spec: ArchSpec, file: string | undefined): ArchSpec {
  const e = spec.energy;
  if (e === undefined || file === undefined) return spec;
  type Ref = NonNullable<typeof e.areaTable>;
  const absolute = <T extends Ref | undefined>(t: T): T => {
    if (t === undefined) return t;
    const value = typeof t === 'string' ? t : t.value;
    if (!(value.includes('/') || value.endsWith('.json')) || isAbsolute(value)) return t;
    const path = resolve(dirname(file), value);
    return (typeof t === 'string' ? path : { ...(t as { value: string; source: string }), value: path }) as T;
  };
  const areaTable = absolute(e.areaTable);
  return { ...spec, energy: { ...e, table: absolute(e.table), ...(areaTable === undefined ? {} : { areaTable }) } };
}
