import { fail } from '../config/user-error.js';
import type { CostTable } from '../energy/cost-table.js';
import type { AreaTable } from './area-table.js';
import { BUILTIN_AREA_TABLES } from './builtin-area-tables.js';

// Tables the loaders have read, by the reference an arch names them with.
const remembered = new Map<string, AreaTable>();

/** Makes a loaded table findable by the reference (name or path) an arch's `energy.areaTable` uses. */
export function rememberAreaTable(ref: string, table: AreaTable): void {
  remembered.set(ref, table);
}

/** The built-in area table for a technology node (`area-45nm`), if there is one. */
export const areaTableForNode = (node: string): AreaTable | undefined => {
  const name = `area-${node.replace(/\s+/g, '')}`;
  return Object.hasOwn(BUILTIN_AREA_TABLES, name) ? BUILTIN_AREA_TABLES[name] : undefined;
};

/**
 * The area table an arch is sized with: the one it names at `/energy/areaTable` (`ref`: a
 * built-in, or one a loader has read), else the built-in one for its cost table's node, else none.
 * `origin` names the arch in messages.
 */
export function areaTableOf(ref: string | undefined, origin: string, costTable: CostTable): AreaTable | undefined {
  if (ref === undefined) return areaTableForNode(costTable.node);
  const table = Object.hasOwn(BUILTIN_AREA_TABLES, ref) ? BUILTIN_AREA_TABLES[ref] : remembered.get(ref);
  if (table) return table;
  return fail(
    origin,
    '/energy/areaTable',
    `area table "${ref}" is not loaded: use a built-in (${Object.keys(BUILTIN_AREA_TABLES).join(', ')}) or load the arch with loadArch (which reads the table it names)`,
  );
}
