import { fail } from '../config/user-error.js';
import { BUILTIN_COST_TABLES } from './builtin-cost-tables.js';
import type { CostTable } from './cost-table.js';

// Tables the loaders have read, by the reference an arch names them with. Plain data, so the
// simulator can price a run without touching files.
const remembered = new Map<string, CostTable>();

/** Makes a loaded table findable by the reference (name or path) an arch's `energy.table` uses. */
export function rememberCostTable(ref: string, table: CostTable): void {
  remembered.set(ref, table);
}

/** The cost table an arch names at `/energy/table` (`origin` names the arch): a built-in, or one a loader has read. */
export function costTableNamed(ref: string, origin: string): CostTable {
  const table = Object.hasOwn(BUILTIN_COST_TABLES, ref) ? BUILTIN_COST_TABLES[ref] : remembered.get(ref);
  if (table) return table;
  return fail(
    origin,
    '/energy/table',
    `cost table "${ref}" is not loaded: use a built-in (${Object.keys(BUILTIN_COST_TABLES).join(', ')}), load the arch with loadArch (which reads the table it names), or pass options.costTable`,
  );
}
