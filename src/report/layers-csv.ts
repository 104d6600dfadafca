import { stringify } from 'csv-stringify/sync';
import type { SimResult } from '../sim/result.js';

/** One CSV row per layer: the numbers of the result document, flat. */
export function layersCsv(result: SimResult): string {
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
    sramReadBytes: l.sram.readBytes,
    sramWriteBytes: l.sram.writeBytes,
    bound: l.bound,
    folds: l.mapping?.folds ?? '',
    weightsCached: l.weightsCached,
    outputOnChip: l.outputOnChip,
  }));
  return stringify(rows, { header: true });
}
