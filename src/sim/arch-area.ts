import { archParts, type Arch } from '../hardware/arch.js';
import type { AreaTable } from '../area/area-table.js';

/** An arch's silicon: the total and its parts, in mm². The parts sum to the total. */
export interface ArchArea {
  readonly areaMm2: number;
  /** By component (`mxu.mac`, `sram.unified`, `noc`, …), in arch order, then `integration`. */
  readonly areaBreakdownMm2: Readonly<Record<string, number>>;
}

/**
 * Sums every component's area from the table. Logic parts are placed at the table's
 * utilisation, so 1/utilisation − 1 of their area is booked as `integration` (whitespace,
 * clock and power routing between standard cells); macros are taken as drawn.
 */
export function archArea(arch: Arch, table: AreaTable): ArchArea {
  const parts = archParts(arch).flatMap((p) => p.priced.area(p.model, table));
  const mm2: Record<string, number> = {};
  let logic = 0;
  for (const p of parts) {
    mm2[p.key] = (mm2[p.key] ?? 0) + p.m2 * 1e6;
    if (p.logic) logic += p.m2 * 1e6;
  }
  mm2.integration = logic * (1 / table.logicUtilisation - 1);
  // The total is the sum of the parts as listed, so the two agree to the last bit.
  const areaMm2 = Object.values(mm2).reduce((s, v) => s + v, 0);
  return { areaMm2, areaBreakdownMm2: mm2 };
}
