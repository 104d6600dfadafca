import { UserError } from '../config/user-error.js';
import type { CostTable, SramAnchor } from './cost-table.js';

/** J per MAC at `precision`; a UserError naming the table and `/mac/<precision>` if it has none. */
export const macEnergyJ = (table: CostTable, precision: string): number =>
  pick(table, table.macJ, 'mac', precision, 'MAC energy');

/** J per add at `precision`. */
export const addEnergyJ = (table: CostTable, precision: string): number =>
  pick(table, table.addJ, 'add', precision, 'add energy');

/** J per multiply at `precision`. */
export const multiplyEnergyJ = (table: CostTable, precision: string): number =>
  pick(table, table.multiplyJ, 'multiply', precision, 'multiply energy');

/** J per byte moved to or from off-chip memory of `technology` (case-insensitive): 8 × the per-bit entry. */
export const dramEnergyPerByteJ = (table: CostTable, technology: string): number =>
  8 * pick(table, table.dramPerBitJ, 'dram', technology.toLowerCase(), 'DRAM energy for technology');

/**
 * J per cell read pulse, per charge-domain read (`capacitorRead`: the cell's own capacitor) or per
 * cell programmed, for a crossbar cell `technology` (e.g. `reram`).
 */
export const imcCellEnergyJ = (table: CostTable, technology: string, op: 'read' | 'capacitorRead' | 'write'): number => {
  const cell = pick(table, table.imc.cells, 'imc/cells', technology.toLowerCase(), 'IMC cell energies for technology');
  if (op !== 'capacitorRead') return op === 'read' ? cell.readJ : cell.writeJ;
  if (cell.capacitorReadJ !== undefined) return cell.capacitorReadJ;
  throw new UserError({
    file: table.file,
    path: `/imc/cells/${technology.toLowerCase()}/capacitorRead`,
    message: `cost table "${table.name}" has no charge-domain read energy for "${technology}" cells, which a tile with capacitorCell needs`,
  });
};

/** J per action of a component kind beyond the built-in ones, from the table's `components` section. */
export const componentEnergyJ = (table: CostTable, kind: string, action: string): number =>
  pick(table, table.componentsJ[kind] ?? {}, `components/${kind}`, action, `energy for a "${kind}" action`);

/** J per ADC conversion at `bits` resolution: conversionJ × scalePerBit^(bits − referenceBits). */
export function adcConversionEnergyJ(table: CostTable, bits: number): number {
  if (!Number.isInteger(bits) || bits < 1) throw new RangeError(`ADC resolution must be a whole number of bits ≥ 1, got ${bits}`);
  const { conversionJ, scalePerBit, referenceBits } = table.imc.adc;
  return conversionJ * scalePerBit ** (bits - referenceBits);
}

/**
 * J per byte read or written in an SRAM of `capacityBytes`. Between anchors the energy is
 * interpolated log-log (a power law through the two neighbours, the shape of the Horowitz fit).
 * Below the smallest anchor it stays at that anchor's value; above the largest it follows the
 * last segment's power law. Anchors never fall with capacity, so the result is monotone.
 */
export function sramEnergyPerByteJ(table: CostTable, capacityBytes: number, op: 'read' | 'write'): number {
  if (!(capacityBytes > 0) || !Number.isFinite(capacityBytes)) {
    throw new RangeError(`SRAM capacity must be a finite number of bytes > 0, got ${capacityBytes}`);
  }
  const key = op === 'read' ? 'readPerByteJ' : 'writePerByteJ';
  const a = table.sram;
  if (a.length === 1 || capacityBytes <= a[0].capacityBytes) return a[0][key];
  let hi = a.findIndex((p) => p.capacityBytes >= capacityBytes);
  if (hi === -1) hi = a.length - 1;
  if (a[hi].capacityBytes === capacityBytes) return a[hi][key];
  return logLog(a[hi - 1], a[hi], capacityBytes, key);
}

function logLog(lo: SramAnchor, hi: SramAnchor, capacityBytes: number, key: 'readPerByteJ' | 'writePerByteJ'): number {
  const t = Math.log(capacityBytes / lo.capacityBytes) / Math.log(hi.capacityBytes / lo.capacityBytes);
  // A zero energy has no logarithm: fall back to linear in log-capacity.
  if (lo[key] === 0 || hi[key] === 0) return Math.max(0, lo[key] + t * (hi[key] - lo[key]));
  return lo[key] * (hi[key] / lo[key]) ** t;
}

function pick<T>(table: CostTable, section: Readonly<Record<string, T | undefined>>, name: string, key: string, noun: string): T {
  const v = Object.hasOwn(section, key) ? section[key] : undefined;
  if (v !== undefined) return v;
  const has = Object.keys(section).filter((k) => section[k] !== undefined);
  throw new UserError({
    file: table.file,
    path: `/${name}/${key}`,
    message: `cost table "${table.name}" has no ${noun} "${key}"; it has: ${has.join(', ') || '(none)'}`,
  });
}
