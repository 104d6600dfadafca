import { kindOf, type Arch } from '../hardware/arch.js';
import { sumEnergy, tallyEnergy, type EnergyBreakdown, type Pricer } from '../energy/tally.js';
import { tileCount } from '../hardware/tiles.js';
import { totalBytes, type LayerPlan } from '../mapping/layer-plan.js';
import type { MapPrices } from '../mapping/search-mapping.js';
import type { Layer } from '../workload/graph.js';
import { countLayerActions, legacyActions } from './layer-actions.js';
import { levelBytes, onChipBytes, type LevelBytes } from '../mapping/level-bytes.js';
import type { TileRunStats } from './play-tiles.js';
import type { EnergyFigures, LayerResult, MemoryLevelBytes } from './result.js';

/** How a run is priced: memoised prices, the breakdown keys in order, and the chip's static power. */
export interface Pricing {
  readonly price: Pricer;
  readonly keys: readonly string[];
  readonly staticWatts: number;
  readonly mapPrices: MapPrices;
}

/** Energy, average power and ops per joule from a breakdown, the MACs and the time. */
export function energyFigures(breakdown: EnergyBreakdown, macs: number, seconds: number): EnergyFigures {
  const energyJoules = sumEnergy(breakdown);
  return {
    energyJoules,
    energyBreakdownJoules: breakdown,
    averagePowerWatts: seconds > 0 ? energyJoules / seconds : 0,
    opsPerWatt: energyJoules > 0 ? (2 * macs) / energyJoules : 0,
  };
}

/** A level's bytes as results report them. */
export const levelResult = (l: LevelBytes): MemoryLevelBytes => ({
  readBytes: totalBytes(l.read),
  writeBytes: totalBytes(l.write),
  readByRole: l.read,
  writeByRole: l.write,
});

/** A layer's DRAM bytes, with what no mapping avoids and how far above that it is. */
function dramResult(off: LevelBytes, compulsoryBytes: number): LayerResult['dram'] {
  const readBytes = totalBytes(off.read);
  const writeBytes = totalBytes(off.write);
  const out = { readBytes, writeBytes, readByRole: off.read, writeByRole: off.write, compulsoryBytes };
  return compulsoryBytes > 0 ? { ...out, toCompulsory: (readBytes + writeBytes) / compulsoryBytes } : out;
}

/** The result of one layer: its timing from the engine, its bytes per level, and its energy. */
export function layerResult(
  arch: Arch,
  layer: Layer,
  plan: LayerPlan,
  s: TileRunStats,
  weightsCached: boolean,
  outputOnChip: boolean,
  pricing: Pricing,
): LayerResult {
  const cycles = s.endCycle - s.startCycle;
  const unit = plan.runsOn;
  const pes = unit ? kindOf(unit).peakMacsPerCycle(unit, arch.clockHz) : 0;
  const seconds = cycles / arch.clockHz;
  const e = plan.execution;
  const levels = levelBytes(arch, plan);
  const onChip = onChipBytes(arch, levels);
  const off = levels.get('dram')!;
  const counts = countLayerActions(arch, plan, levels);
  const onArray = plan.unit === 'array';
  const energy = energyFigures(
    tallyEnergy(counts, seconds, pricing.price, pricing.keys, pricing.staticWatts),
    layer.macs,
    seconds,
  );
  const memory: Record<string, MemoryLevelBytes> = {};
  for (const [name, l] of levels) memory[name] = levelResult(l);
  // Built field by field in result@1's key order (optional fields in their places): object
  // spreads here cost a sweep a fifth of its time.
  const r: Record<string, unknown> = {
    name: layer.name,
    type: layer.type,
    unit: plan.unit,
    cycles,
    computeCycles: s.computeCycles,
    stallCycles: cycles - s.computeCycles,
    seconds,
    macs: layer.macs,
    // Over the MACs the unit issues: skipped zeros are work it did not do, so this never passes 100 %.
    utilization: cycles > 0 && pes > 0 ? e.macsIssued / (cycles * pes) : 0,
    dram: dramResult(off, plan.compulsoryDramBytes ?? 0),
    sram: {
      readBytes: totalBytes(onChip.read),
      writeBytes: totalBytes(onChip.write),
      readByRole: onChip.read,
      writeByRole: onChip.write,
    },
    bound:
      plan.unit === 'none'
        ? 'none'
        : s.dramBusyCycles > s.computeCycles || cycles - s.computeCycles > s.computeCycles
          ? 'memory'
          : 'compute',
    dramBusyCycles: s.dramBusyCycles,
    vectorOps: plan.vectorOps,
    tiles: tileCount(plan.runs),
    weightsCached,
    outputOnChip,
    startCycle: s.startCycle,
  };
  if (plan.mapping) r.mapping = plan.mapping;
  const precision: Record<string, string> = {
    weight: layer.precision.weight,
    input: layer.precision.input,
    output: layer.precision.output,
    mac: e.macPrecision,
  };
  if (e.fallback) precision.fallback = e.fallback;
  r.precision = precision;
  const sparsity: Record<string, unknown> = {
    weightDensity: layer.sparsity.weight.density,
    weightStructure: layer.sparsity.weight.structure,
    inputDensity: layer.sparsity.input.density,
    inputStructure: layer.sparsity.input.structure,
  };
  if (e.notes.length) sparsity.notes = e.notes;
  r.sparsity = sparsity;
  r.macsIssued = onArray ? e.macsIssued : 0;
  r.macsSkipped = onArray ? layer.macs - e.macsIssued : 0;
  r.macsGated = onArray ? e.macsGated : 0;
  r.energyJoules = energy.energyJoules;
  r.energyBreakdownJoules = energy.energyBreakdownJoules;
  r.averagePowerWatts = energy.averagePowerWatts;
  r.opsPerWatt = energy.opsPerWatt;
  r.actions = legacyActions(arch, layer, plan, counts, levels);
  if (unit) r.unitName = unit.name;
  r.memory = memory;
  r.actionCounts = counts;
  return r as unknown as LayerResult;
}
