import { stringify } from 'csv-stringify/sync';
import type { SimResult } from '../sim/result.js';
import { stableNumber } from './result-json.js';

/**
 * One CSV row per layer: the numbers of the result document, flat, with the layer's energy by
 * component (one `energyJoules.<part>` column per part of the run's breakdown) and booleans as
 * `true` / `false`, as a spreadsheet reads them.
 */
export function layersCsv(result: SimResult): string {
  const parts = Object.keys(result.totals.energyBreakdownJoules);
  const rows = result.layers.map((l) => ({
    name: l.name,
    type: l.type,
    unit: l.unit,
    cycles: l.cycles,
    computeCycles: l.computeCycles,
    stallCycles: l.stallCycles,
    seconds: l.seconds,
    macs: l.macs,
    utilization: l.utilization,
    dramReadBytes: l.dram.readBytes,
    dramWriteBytes: l.dram.writeBytes,
    dramCompulsoryBytes: l.dram.compulsoryBytes,
    dramToCompulsory: l.dram.toCompulsory ?? '',
    sramReadBytes: l.sram.readBytes,
    sramWriteBytes: l.sram.writeBytes,
    bound: l.bound,
    folds: l.mapping?.folds ?? '',
    weightsCached: l.weightsCached,
    outputOnChip: l.outputOnChip,
    energyJoules: l.energyJoules,
    ...Object.fromEntries(parts.map((p) => [`energyJoules.${p}`, l.energyBreakdownJoules[p] ?? 0])),
  }));
  return stringify(rows, {
    header: true,
    cast: {
      boolean: (b) => (b ? 'true' : 'false'),
      number: (n) => String(stableNumber(n)),
    },
  });
}
