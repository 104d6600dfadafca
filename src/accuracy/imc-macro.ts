import { fail } from '../config/user-error.js';
import { kindOf, type Arch } from '../hardware/arch.js';
import { gemmMvmActions, mapOnCrossbars, mvmCost, type ImcTile } from '../hardware/crossbars.js';
import { areaTableOf } from '../area/resolve-area-table.js';
import { costTableNamed } from '../energy/resolve-cost-table.js';
import { archFromDocument } from '../load/load-arch.js';

/** The parts of one MVM's energy, as the design page names them. */
export const MVM_PARTS = ['array', 'adc', 'dac', 'periphery'] as const;
export type MvmPart = (typeof MVM_PARTS)[number];

/** What a published macro figure was measured at. */
export interface MacroConditions {
  readonly inputBits: number;
  readonly weightBits: number;
  /** Supply in volts (default: the preset's). */
  readonly supply?: number;
  /** Average column output as a fraction of full scale (default: the preset's). */
  readonly outputLevel?: number;
}

/** One matrix-vector product on one full crossbar of a macro preset. */
export interface MacroMvm {
  readonly macs: number;
  readonly seconds: number;
  readonly joules: Readonly<Record<MvmPart, number>>;
}

const PART_OF: Record<string, MvmPart> = {
  cellReads: 'array',
  adcConversions: 'adc',
  rowDrives: 'dac',
  shiftAdds: 'periphery',
};

/** The imc-tile of a macro preset (its one crossbar kind). */
export function macroTile(arch: Arch): ImcTile {
  const t = arch.units.find((u) => u.kind === 'imc-tile');
  if (!t) return fail(arch.origin, '/compute', 'a macro preset needs an imc-tile');
  return t as ImcTile;
}

/**
 * The preset at other conditions: its document with the tile's supply and output level replaced,
 * built again, so a supply outside the characterised range is refused as a user's would be.
 */
export function macroAt(arch: Arch, c: MacroConditions): Arch {
  if (c.supply === undefined && c.outputLevel === undefined) return arch;
  const doc = structuredClone(arch.document) as { compute: Record<string, Record<string, unknown>> };
  const tile = doc.compute[macroTile(arch).name];
  if (c.supply !== undefined) tile.supply = `${c.supply} V`;
  if (c.outputLevel !== undefined) {
    const data = tile.dataDependence as Record<string, unknown> | undefined;
    if (!data)
      return fail(
        arch.origin,
        `/compute/${macroTile(arch).name}/dataDependence`,
        'an output level needs a data-dependent energy',
      );
    tile.dataDependence = { ...data, outputLevel: c.outputLevel };
  }
  return { ...archFromDocument(doc), origin: arch.origin, calibration: arch.calibration };
}

/**
 * One MVM on one full crossbar: every row holds inputs, every column a slice of a weight (as many
 * whole weights as fit a row), inputs of `inputBits` and weights of `weightBits`. The actions are
 * those the tile's plan counts for a layer (gemmMvmActions), priced by the tile's own kind.
 */
export function macroMvm(arch: Arch, c: MacroConditions): MacroMvm {
  const at = macroAt(arch, c);
  const tile = macroTile(at);
  if (tile.maxInputBits !== undefined && c.inputBits > tile.maxInputBits)
    fail(
      at.origin,
      `/compute/${tile.name}/maxInputBits`,
      `${c.inputBits}-bit inputs, but the DAC takes at most ${tile.maxInputBits} bits`,
    );
  const probe = mapOnCrossbars(tile, { m: 1, k: tile.rows, n: 1, instances: 1 }, c.weightBits);
  const n = Math.floor(tile.cols / probe.columnsPerWeight);
  if (n < 1)
    fail(at.origin, `/compute/${tile.name}/cols`, `a ${c.weightBits}-bit weight needs ${probe.columnsPerWeight} columns`);
  const g = { m: 1, k: tile.rows, n, instances: 1 };
  const map = mapOnCrossbars(tile, g, c.weightBits);
  const mvm = mvmCost(tile, map.rowsUsed, map.colsUsed, c.inputBits, at.clockHz);
  const actions = gemmMvmActions(tile, g, map, mvm.steps, 1);
  const table = costTableNamed(at.energy.table, at.origin);
  const kind = kindOf(tile);
  const joules: Record<MvmPart, number> = { array: 0, adc: 0, dac: 0, periphery: 0 };
  for (const [action, count] of Object.entries(actions))
    joules[PART_OF[action]] += count * kind.price(tile, action, table).joules;
  return { macs: g.k * g.n, seconds: mvm.cycles / at.clockHz, joules };
}

/** Joules of the parts a figure counts. */
export const partsJoules = (m: MacroMvm, parts: readonly MvmPart[]): number => parts.reduce((s, p) => s + m.joules[p], 0);

/** m² of the macro's tile by part (cells as the array), from its area table: the preset's sizing, nothing fitted. */
export function macroAreaM2(arch: Arch): Readonly<Record<MvmPart, number>> {
  const tile = macroTile(arch);
  const table = areaTableOf(arch.energy.areaTable, arch.origin, costTableNamed(arch.energy.table, arch.origin));
  if (!table) return fail(arch.origin, '/energy/areaTable', 'a macro preset needs an area table to compare its area');
  const out: Record<MvmPart, number> = { array: 0, adc: 0, dac: 0, periphery: 0 };
  for (const e of kindOf(tile).area?.(tile, table) ?? []) {
    const part = e.key.slice(tile.name.length + 1);
    out[part === 'cells' ? 'array' : (part as MvmPart)] += e.m2;
  }
  return out;
}
