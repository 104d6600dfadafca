import { kindOf, type Arch } from '../hardware/arch.js';
import type { ComponentModel, NestCost, PlanContext, UnitPlan } from '../hardware/component.js';
import type { Layer } from '../workload/graph.js';
import {
  chooseNest,
  nestScorer,
  objectiveValue,
  type ChosenNest,
  type MapPrices,
  type MappingMode,
  type MappingObjective,
} from './search-mapping.js';

/** How one run maps its layers: the mode, the objective and the scorer they are ranked with. */
export interface Mapper {
  readonly mode: MappingMode;
  readonly objective: MappingObjective;
  readonly value: (c: NestCost, ctx: PlanContext) => number;
  /** What, beyond the layer and its context, a choice depends on (the memo's key prefix). */
  readonly key: string;
}

/** The mapper of a run on this arch at these prices. */
export function mapperOf(arch: Arch, prices: MapPrices): Mapper {
  const score = nestScorer(arch, prices);
  const { mapping: mode, mappingObjective: objective } = arch.options;
  const channels = arch.dram.bytesPerSecond + ',' + arch.sram.map((b) => `${b.name}:${b.bytesPerSecond}`).join();
  return {
    mode,
    objective,
    value: (c, ctx) => objectiveValue(score(c, ctx.boundaries), objective),
    key: JSON.stringify([
      mode,
      objective,
      arch.clockHz,
      channels,
      arch.dram.ideal,
      [...prices.sram],
      prices.dramPerByte,
      prices.nocPerByte,
      prices.staticWatts,
    ]),
  };
}

// Choices by (arch, prices, layer shape, context): sweeps and repeated shapes search once.
const memo = new Map<string, ChosenNest | null>();
const MEMO_LIMIT = 50_000;

/**
 * Plans a layer on its unit with the best loop nest the mapper finds, or with the unit's fixed
 * fold order when that is no worse under the objective (or the unit offers no choice).
 */
export function mapLayer(unit: ComponentModel, layer: Layer, ctx: PlanContext, mapper: Mapper): UnitPlan {
  const kind = kindOf(unit);
  const fixed = kind.plan(unit, layer, ctx);
  if (mapper.mode === 'fixed' || mapper.mode === 'scalesim' || !kind.mapSpace) return fixed;
  const space = kind.mapSpace(unit, layer, ctx);
  if (!space) return fixed;
  // A fixed order that already moves each tensor across each boundary once cannot be beaten.
  const once = space.cost({ levels: ctx.boundaries.map(() => ({ loops: [] })) }, ctx.boundaries.length);
  if (once && mapper.value(fixed, ctx) <= mapper.value({ ...fixed, traffic: once.traffic }, ctx) * (1 + 1e-9)) return fixed;
  const key = memoKey(mapper, unit, layer, ctx);
  let chosen = memo.get(key);
  if (chosen === undefined) {
    chosen = chooseNest(space, ctx.boundaries.length, (c) => mapper.value(c, ctx), mapper.mode) ?? null;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, chosen);
  }
  if (!chosen || chosen.value >= mapper.value(fixed, ctx)) return fixed;
  return space.plan(chosen.nest);
}

function memoKey(mapper: Mapper, unit: ComponentModel, layer: Layer, ctx: PlanContext): string {
  return JSON.stringify([
    mapper.key,
    unit,
    layer.op,
    layer.inputShapes,
    layer.outputShape,
    layer.weightElements,
    layer.biasElements,
    ctx.execution,
    ctx.inputsOnChip,
    ctx.weightsCached,
    ctx.keepOutputOnChip,
    ctx.boundaries,
  ]);
}
