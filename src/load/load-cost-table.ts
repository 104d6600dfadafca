import { join, resolve } from 'node:path';
import { buildCostTable, type CostTable } from '../energy/cost-table.js';
import { BUILTIN_COST_TABLES } from '../energy/builtin-cost-tables.js';
import { rememberCostTable } from '../energy/resolve-cost-table.js';
import { CostTableSpec } from '../config/schemas/cost-table.js';
import { locateDocument } from '../config/locate-document.js';
import { presetDir } from '../config/paths.js';
import { readText } from '../config/read-json.js';
import { listBuiltins, resolveExtends } from '../config/resolve-extends.js';
import { validateAgainst } from '../config/validate.js';

/** Folder of the built-in cost tables (`arch-configs/tech/`). */
export const costTableDir = (): string => join(presetDir(), 'tech');

/** Names of the built-in cost tables. */
export const listCostTables = (): string[] => listBuiltins(costTableDir());

const parsed = new Map<string, CostTable>();

/**
 * Loads a cost table from a built-in name (`horowitz-45nm`, already built into the library) or a
 * JSON file path, and remembers it under `ref` so a simulation of an arch naming it finds it.
 */
export function loadCostTable(ref: string, flag = '--cost-table'): CostTable {
  const builtin = Object.hasOwn(BUILTIN_COST_TABLES, ref) ? BUILTIN_COST_TABLES[ref] : undefined;
  const table = builtin ?? parseCostTable(locateDocument(ref, costTableDir(), 'cost table', flag));
  rememberCostTable(ref, table);
  return table;
}

/** Reads, extends, validates and builds a table file; parsed once per content (units are slow). */
export function parseCostTable(file: string): CostTable {
  // Keyed by content too, so a file rewritten in the same process is read again.
  const key = `${resolve(file)}\u0000${readText(file)}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const { data, files } = resolveExtends(file, costTableDir());
  const table = buildCostTable(validateAgainst<CostTableSpec>(CostTableSpec, data, file), file, files);
  parsed.set(key, table);
  return table;
}
