import type { Arch } from '../hardware/arch.js';
import type { CostTable } from '../energy/cost-table.js';
import { costTableNamed } from '../energy/resolve-cost-table.js';
import type { AreaTable } from '../area/area-table.js';
import { areaTableOf } from '../area/resolve-area-table.js';
import { archArea, type ArchArea } from './arch-area.js';

/** An arch's area and the table it came from. */
export type SizedArch = ArchArea & { readonly table: AreaTable };

// Archs and tables are immutable plain data: a pair is sized once.
const sizes = new WeakMap<Arch, WeakMap<AreaTable, ArchArea>>();

/**
 * An arch's area from `areaTable`, else the table it names, else the one for its cost table's
 * node; undefined when there is none.
 */
export function sizeArch(arch: Arch, costTable?: CostTable, areaTable?: AreaTable): SizedArch | undefined {
  const table =
    areaTable ?? areaTableOf(arch.energy.areaTable, arch.origin, costTable ?? costTableNamed(arch.energy.table, arch.origin));
  if (!table) return undefined;
  let byTable = sizes.get(arch);
  if (!byTable) sizes.set(arch, (byTable = new WeakMap()));
  let area = byTable.get(table);
  if (!area) byTable.set(table, (area = archArea(arch, table)));
  return { ...area, table };
}
