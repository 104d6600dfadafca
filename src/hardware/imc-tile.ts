import { ImcTileSpec } from '../config/schemas/arch.js';
import { fail } from '../config/user-error.js';
import { adcAreaM2, cellAreaM2 } from '../area/area-lookup.js';
import { adcConversionEnergyJ, addEnergyJ, imcCellEnergyJ } from '../energy/cost-lookup.js';
import type { Layer } from '../workload/graph.js';
import { isFloat, precisionBits } from '../workload/precision.js';
import type { ComputeKind, Execution } from './component.js';
import { adcCount, dataEnergyFactor, imcPeakMacsPerCycle, supplyEnergyFactor, type ImcTile } from './crossbars.js';
import { placeOnCrossbars } from './imc-placement.js';
import { planImc } from './imc-plan.js';
import { buildImcTile } from './imc-tile-spec.js';
import { macPrecisionOf } from './tensor-storage.js';

/** Where each crossbar action's energy is booked, and the cost-table entry that prices it. */
const BOOKING: Record<string, string> = {
  cellReads: 'imc.array',
  adcConversions: 'imc.adc',
  rowDrives: 'imc.dac',
  shiftAdds: 'imc.periphery',
  cellWrites: 'imc.program',
  programCycles: 'imc.program',
};

/**
 * In-memory-compute crossbars: weights stay in the cells, inputs drive rows bit-serially and
 * shared ADCs read the columns. Layers that map badly onto crossbars (grouped convolutions,
 * matmuls of two activations) go to a digital array when the arch has one.
 */
export const imcTileKind: ComputeKind<ImcTile, ImcTileSpec> = {
  kind: 'imc-tile',
  role: 'imc',
  noun: 'in-memory-compute tile',
  schema: ImcTileSpec,
  build: buildImcTile,
  describe: (t) => `${t.crossbars}× ${t.rows}×${t.cols} ${t.technology} crossbars`,
  summary: (t) => ({
    technology: t.technology,
    rows: t.rows,
    cols: t.cols,
    crossbars: t.crossbars,
    bitsPerCell: t.bitsPerCell,
    adcBits: t.adcBits,
    columnsPerAdc: t.columnsPerAdc,
  }),
  peakMacsPerCycle: imcPeakMacsPerCycle,
  affinity(_t, work, layer) {
    if (work.kind !== 'gemm') return 0;
    // A few taps per channel leave most cells idle; an activation as "weights" is rewritten every run.
    const mapsBadly = (layer.op.kind === 'conv' && layer.op.groups > 1) || !work.weightIsParameter;
    return mapsBadly ? 0.5 : 2;
  },
  execution: imcExecution,
  keepsWeights: true,
  place: (t, layers, clockHz) => placeOnCrossbars(t, layers, clockHz),
  plan: planImc,
  vectorLanes: (t) => t.cols,
  energyKeys: () => ['imc.array', 'imc.adc', 'imc.dac', 'imc.periphery', 'imc.program'],
  price(t, action, table) {
    const key = BOOKING[action];
    if (key === undefined) throw new Error(`imc-tile: no price for action "${action}"`);
    const s = t.energyScale;
    // The MVM's actions scale with the supply (and the analog ones with the data); programming does not.
    const supply = supplyEnergyFactor(t);
    const analog = supply * dataEnergyFactor(t);
    const joules =
      action === 'cellReads'
        ? imcCellEnergyJ(table, t.technology, t.capacitorCell ? 'capacitorRead' : 'read') * s.array * analog
        : action === 'adcConversions'
          ? adcConversionEnergyJ(table, Math.max(1, t.adcBits)) * s.adc * analog
          : action === 'rowDrives'
            ? table.imc.dacPerRowDriveJ * s.dac * analog
            : action === 'shiftAdds'
              ? // One digital shift-and-add of a column result into a 16-bit partial sum (estimated: one int16 add).
                addEnergyJ(table, 'int16') * s.periphery * supply
              : action === 'cellWrites'
                ? imcCellEnergyJ(table, t.technology, 'write')
                : 0; // programming time is counted, its energy is in the cell writes
    return { key, joules };
  },
  // The cells barely leak; each ADC with the shift-add logic behind it leaks like a PE (estimated).
  leakage: (t) => ({ pe: adcCount(t) }),
  area(t, table) {
    const adcs = adcCount(t);
    return [
      { key: `${t.name}.cells`, m2: t.crossbars * t.rows * t.cols * cellAreaM2(table, t.technology), logic: false },
      { key: `${t.name}.adc`, m2: adcs * adcAreaM2(table, t.adcBits), logic: false },
      // A row driver per row and input bit it resolves.
      { key: `${t.name}.dac`, m2: t.crossbars * t.rows * t.dacBits * table.imc.dacPerBitM2, logic: true },
      // A sample-and-hold per column, a shift-and-add behind each ADC.
      { key: `${t.name}.periphery`, m2: t.crossbars * t.cols * table.imc.perColumnM2, logic: false },
      { key: `${t.name}.periphery`, m2: adcs * table.imc.shiftAddM2, logic: true },
    ];
  },
  nocEndpoints: (t) => t.crossbars,
};

/**
 * Crossbars take any integer width (weights over more columns, inputs over more steps) but no
 * float, and compute every zero: sparsity saves nothing there.
 */
function imcExecution(t: ImcTile, layer: Layer, _formats: unknown, origin: string): Execution {
  const p = layer.precision;
  const wanted = macPrecisionOf(p.weight, p.input);
  if (isFloat(wanted)) {
    fail(
      origin,
      `/compute/${t.name}`,
      `layer "${layer.name}" is ${wanted}, but in-memory-compute crossbars compute integer products; quantize it (e.g. --precision int8) or run it on a digital array`,
    );
  }
  const inputBits = precisionBits(p.input);
  if (t.maxInputBits !== undefined && inputBits > t.maxInputBits) {
    fail(
      origin,
      `/compute/${t.name}/maxInputBits`,
      `layer "${layer.name}" has ${inputBits}-bit inputs, but the input path (DAC) of ${t.name} takes at most ${t.maxInputBits} bits; quantize the inputs to at most ${t.maxInputBits} bits${t.maxInputBits >= 4 ? ' (e.g. --precision int4)' : t.maxInputBits >= 2 ? ' (e.g. --precision int2)' : ''} or raise maxInputBits`,
    );
  }
  const notes =
    layer.sparsity.weight.density < 1 || layer.sparsity.input.density < 1
      ? ['sparsity is not exploited: the crossbars compute every zero']
      : [];
  const bytes = { weight: precisionBits(p.weight) / 8, input: precisionBits(p.input) / 8, output: precisionBits(p.output) / 8 };
  return { macPrecision: wanted, throughput: 1, bytes, kScale: 1, nScale: 1, macsIssued: layer.macs, macsGated: 0, notes };
}
