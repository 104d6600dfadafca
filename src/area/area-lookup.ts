import { UserError } from '../config/user-error.js';
import type { AreaTable } from './area-table.js';

/** m² of one MAC datapath at `precision`; a UserError naming the table and `/mac/<precision>` if it has none. */
export function macAreaM2(table: AreaTable, precision: string): number {
  const a = Object.hasOwn(table.macM2, precision) ? table.macM2[precision as keyof AreaTable['macM2']] : undefined;
  if (a !== undefined) return a;
  throw new UserError({
    file: table.file,
    path: `/mac/${precision}`,
    message: `area table "${table.name}" has no MAC area "${precision}"; it has: ${Object.keys(table.macM2).join(', ')}`,
  });
}

/**
 * m² of an SRAM macro: bits × per-bit area at its bank capacity (interpolated in log(capacity),
 * held flat beyond the end anchors), × (1 + extraPort × (ports − 1)).
 */
export function sramAreaM2(table: AreaTable, bytes: number, banks: number, ports: number): number {
  return 8 * bytes * sramPerBitM2(table, bytes / Math.max(1, banks)) * (1 + table.sram.extraPort * (ports - 1));
}

function sramPerBitM2(table: AreaTable, bankBytes: number): number {
  const a = table.sram.anchors;
  if (bankBytes <= a[0].capacityBytes) return a[0].perBitM2;
  const hi = a.findIndex((p) => p.capacityBytes >= bankBytes);
  if (hi === -1) return a[a.length - 1].perBitM2;
  const lo = a[hi - 1];
  const t = Math.log(bankBytes / lo.capacityBytes) / Math.log(a[hi].capacityBytes / lo.capacityBytes);
  return lo.perBitM2 + t * (a[hi].perBitM2 - lo.perBitM2);
}

/** m² of a register-file level: flip-flop arrays up to `flopMaxBytes` per bank, SRAM beyond. */
export function regfileAreaM2(table: AreaTable, bytes: number, banks: number, ports: number): number {
  if (bytes / Math.max(1, banks) > table.regfile.flopMaxBytes) return sramAreaM2(table, bytes, banks, ports);
  return 8 * bytes * table.regfile.perBitM2 * (1 + table.sram.extraPort * (ports - 1));
}

/** m² of one ADC of `bits` resolution: area × scalePerBit^(bits − referenceBits). */
export function adcAreaM2(table: AreaTable, bits: number): number {
  const { areaM2, scalePerBit, referenceBits } = table.imc.adc;
  return areaM2 * scalePerBit ** (bits - referenceBits);
}

/** m² of one crossbar cell of `technology`: its F² count × F². */
export function cellAreaM2(table: AreaTable, technology: string): number {
  const f2 = Object.hasOwn(table.imc.cellF2, technology) ? table.imc.cellF2[technology] : undefined;
  if (f2 === undefined)
    throw new UserError({
      file: table.file,
      path: `/imc/cellF2/${technology}`,
      message: `area table "${table.name}" has no cell area for "${technology}"; it has: ${Object.keys(table.imc.cellF2).join(', ')}`,
    });
  return f2 * table.featureM ** 2;
}
