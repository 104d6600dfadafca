import type { Arch } from '../hardware/arch.js';
import { adcCount } from '../hardware/imc-tile.js';
import type { LayerActions } from '../sim/count-actions.js';
import type { CostTable } from './cost-table.js';
import {
  adcConversionEnergyJ,
  addEnergyJ,
  dramEnergyPerByteJ,
  imcCellEnergyJ,
  macEnergyJ,
  sramEnergyPerByteJ,
} from './cost-lookup.js';

/** Joules by named component; the parts sum to the total. */
export type EnergyBreakdown = Record<string, number>;

/** Per-action prices for one arch under one table, looked up once (not per layer). */
export interface EnergyPrices {
  /** J per MAC, by precision. */
  readonly macJ: Readonly<Record<string, number>>;
  readonly regfileReadPerByteJ: number;
  readonly regfileWritePerByteJ: number;
  readonly sram: Readonly<Record<string, { readonly readPerByteJ: number; readonly writePerByteJ: number }>>;
  readonly nocPerByteJ: number;
  /** J per element-wise operation, by precision. */
  readonly vectorOpJ: Readonly<Record<string, number>>;
  readonly dramPerByteJ: number;
  readonly staticWatts: number;
  /** Crossbar prices, when the arch has in-memory compute. */
  readonly imc?: {
    readonly cellReadJ: number;
    readonly cellWriteJ: number;
    readonly adcJ: number;
    readonly dacPerBitJ: number;
    /** One digital shift-and-add of a conversion into a 16-bit partial sum (estimated: one int16 add). */
    readonly shiftAddJ: number;
  };
}

/**
 * Prices an arch's actions from a cost table. A buffer's access energy is that of one bank
 * (capacity ÷ banks); DRAM is priced by the arch's technology, or `host-link` for a host link.
 * A precision or technology the table lacks is a UserError naming the table's JSON path.
 */
export function priceActions(arch: Arch, table: CostTable, precisions: readonly string[] = ['int8']): EnergyPrices {
  const sram: Record<string, { readPerByteJ: number; writePerByteJ: number }> = {};
  for (const b of arch.sram) {
    const bank = b.bytes / b.banks;
    sram[b.name] = {
      readPerByteJ: sramEnergyPerByteJ(table, bank, 'read'),
      writePerByteJ: sramEnergyPerByteJ(table, bank, 'write'),
    };
  }
  const technology = arch.dram.technology ?? (arch.dram.kind === 'host-link' ? 'host-link' : 'generic');
  const sramKiB = arch.sram.reduce((s, b) => s + b.bytes, 0) / 1024;
  return {
    macJ: Object.fromEntries(precisions.map((p) => [p, macEnergyJ(table, p)])),
    regfileReadPerByteJ: table.regfile.readPerByteJ,
    regfileWritePerByteJ: table.regfile.writePerByteJ,
    sram,
    nocPerByteJ: 8 * table.noc.perBitPerHopJ,
    // An element-wise operation costs about one add at the activation precision.
    vectorOpJ: Object.fromEntries(precisions.map((p) => [p, addEnergyJ(table, p)])),
    dramPerByteJ: dramEnergyPerByteJ(table, technology),
    ...(arch.imc
      ? {
          imc: {
            cellReadJ: imcCellEnergyJ(table, arch.imc.technology, 'read'),
            cellWriteJ: imcCellEnergyJ(table, arch.imc.technology, 'write'),
            adcJ: adcConversionEnergyJ(table, arch.imc.adcBits),
            dacPerBitJ: table.imc.dacPerInputBitJ,
            shiftAddJ: addEnergyJ(table, 'int16'),
          },
        }
      : {}),
    staticWatts: arch.energy.staticPowerWatts ?? table.leakage.perPeW * leakingUnits(arch) + table.leakage.sramPerKiBW * sramKiB,
  };
}

/**
 * Units that leak like a digital PE: the array's PEs, and for crossbars their ADCs with the
 * shift-add logic behind each (the cells themselves barely leak; estimated).
 */
function leakingUnits(arch: Arch): number {
  return (arch.array ? arch.array.rows * arch.array.cols : 0) + (arch.imc ? adcCount(arch.imc) : 0);
}

/** Energy of one layer: action counts × prices, plus static power × its time. */
export function tallyEnergy(actions: LayerActions, seconds: number, prices: EnergyPrices): EnergyBreakdown {
  const out: EnergyBreakdown = {
    mac: actions.macs > 0 ? (actions.macs - actions.macsGated) * prices.macJ[actions.macPrecision] : 0,
    regfile: actions.regfileReadBytes * prices.regfileReadPerByteJ + actions.regfileWriteBytes * prices.regfileWritePerByteJ,
  };
  for (const [name, b] of Object.entries(actions.sram)) {
    const p = prices.sram[name];
    out[`sram.${name}`] = b.readBytes * p.readPerByteJ + b.writeBytes * p.writePerByteJ;
  }
  out.noc = actions.nocBytes * prices.nocPerByteJ;
  out.vector = actions.vectorOps > 0 ? actions.vectorOps * prices.vectorOpJ[actions.vectorPrecision] : 0;
  if (prices.imc) {
    const a = actions.imc;
    out['imc.array'] = a ? a.cellReads * prices.imc.cellReadJ : 0;
    out['imc.adc'] = a ? a.adcConversions * prices.imc.adcJ : 0;
    out['imc.dac'] = a ? a.dacBitDrives * prices.imc.dacPerBitJ : 0;
    out['imc.periphery'] = a ? a.shiftAdds * prices.imc.shiftAddJ : 0;
    out['imc.program'] = a ? a.cellWrites * prices.imc.cellWriteJ : 0;
  }
  out.dram = (actions.dramReadBytes + actions.dramWriteBytes) * prices.dramPerByteJ;
  out.static = prices.staticWatts * seconds;
  return out;
}

/** The total of a breakdown, summed in its key order (so totals are reproducible bit for bit). */
export const sumEnergy = (b: EnergyBreakdown): number => Object.values(b).reduce((s, j) => s + j, 0);

/** Component-wise sum of breakdowns with the same keys. */
export function addBreakdowns(parts: readonly EnergyBreakdown[]): EnergyBreakdown {
  const out: EnergyBreakdown = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = (out[k] ?? 0) + v;
  return out;
}
