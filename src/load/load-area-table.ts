import { dirname, isAbsolute, join, resolve } from 'node:path';
import { buildAreaTable, type AreaTable } from '../area/area-table.js';
import { BUILTIN_AREA_TABLES } from '../area/builtin-area-tables.js';
import { rememberAreaTable } from '../area/resolve-area-table.js';
import { AreaTableSpec } from '../config/schemas/area-table.js';
import { locateDocument } from '../config/locate-document.js';
import { presetDir } from '../config/paths.js';
import { readJson, readText } from '../config/read-json.js';
import { listBuiltins } from '../config/resolve-extends.js';
import { validateAgainst } from '../config/validate.js';

/** Folder of the built-in area tables (`arch-configs/tech/area/`). */
export const areaTableDir = (): string => join(presetDir(), 'tech', 'area');

/** Names of the built-in area tables. */
export const listAreaTables = (): string[] => listBuiltins(areaTableDir());

const parsed = new Map<string, AreaTable>();

/**
 * Loads an area table from a built-in name (`area-45nm`, already built into the library) or a
 * JSON file path, and remembers it under `ref` so a simulation of an arch naming it finds it.
 */
export function loadAreaTable(ref: string, flag = '--area-table'): AreaTable {
  const builtin = Object.hasOwn(BUILTIN_AREA_TABLES, ref) ? BUILTIN_AREA_TABLES[ref] : undefined;
  const table = builtin ?? parseAreaTable(locateDocument(ref, areaTableDir(), 'area table', flag));
  rememberAreaTable(ref, table);
  return table;
}

/** Reads, validates and builds a table file (and the one it is scaled from); parsed once per content. */
export function parseAreaTable(file: string, chain: readonly string[] = []): AreaTable {
  const key = `${resolve(file)}\u0000${readText(file)}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const spec = validateAgainst<AreaTableSpec>(AreaTableSpec, readJson(file), file);
  let base: AreaTable | undefined;
  if (spec.scaledFrom) {
    const ref = spec.scaledFrom.table;
    const looksLikePath = ref.includes('/') || ref.endsWith('.json');
    const baseFile = looksLikePath ? (isAbsolute(ref) ? ref : join(dirname(file), ref)) : join(areaTableDir(), `${ref}.json`);
    const where = `${file}: /scaledFrom/table`;
    if (chain.includes(resolve(baseFile))) throw new Error(`${where}: "scaledFrom" forms a cycle`);
    base = parseAreaTable(locateDocument(baseFile, areaTableDir(), 'area table', where), [...chain, resolve(file)]);
  }
  const table = buildAreaTable(spec, file, base);
  parsed.set(key, table);
  return table;
}
