import { dirname, isAbsolute, resolve } from 'node:path';
import { type Arch } from '../hardware/arch.js';
import { buildArch } from '../hardware/build-arch.js';
import { ArchSpec } from '../config/schemas/arch.js';
import { locateDocument } from '../config/locate-document.js';
import { displayPath, presetDir } from '../config/paths.js';
import { resolveExtends } from '../config/resolve-extends.js';
import { validateAgainst } from '../config/validate.js';
import { loadCostTable } from './load-cost-table.js';

/** Loads an architecture from a preset name (`edge-tpu`) or a JSON file path; `flag` is blamed for an unknown name. */
export function loadArch(ref: string, flag = '--arch'): Arch {
  const file = locateDocument(ref, presetDir(), 'preset', flag);
  const { data, files } = resolveExtends(file, presetDir());
  const spec = validateAgainst<ArchSpec>(ArchSpec, data, file);
  return withTable(buildArch(withTablePath(spec, file), file, files));
}

/**
 * Reads the cost table an arch names (so a simulation finds it), failing at `/energy/table`, and
 * names the arch in messages by its file as the user would type it.
 */
export function withTable(arch: Arch): Arch {
  loadCostTable(arch.energy.table, `${arch.files[0] ?? `arch "${arch.name}"`}: /energy/table`);
  return arch.files[0] === undefined ? arch : { ...arch, origin: displayPath(arch.files[0]) };
}

/** The spec with a cost-table path made absolute: a path is relative to the file that names it. */
export function withTablePath(spec: ArchSpec, file: string | undefined): ArchSpec {
  const t = spec.energy?.table;
  if (t === undefined || file === undefined) return spec;
  const value = typeof t === 'string' ? t : t.value;
  if (!(value.includes('/') || value.endsWith('.json')) || isAbsolute(value)) return spec;
  const path = resolve(dirname(file), value);
  return { ...spec, energy: { ...spec.energy!, table: typeof t === 'string' ? path : { ...t, value: path } } };
}
