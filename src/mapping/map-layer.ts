import { kindOf, timedChannels, type Arch } from '../hardware/arch.js';
import type { ComponentModel, MapSpace, NestCost, PlanContext, UnitPlan } from '../hardware/component.js';
import type { LoopNest } from '../hardware/loop-nest.js';
import type { TileRun } from '../hardware/tiles.js';
import type { Layer } from '../workload/graph.js';
import {
  chooseNest,
  nestScorer,
  objectiveValue,
  type MapPrices,
  type MappingMode,
  type MappingObjective,
} from './search-mapping.js';

/**
 * The cycles a layer's tiles take on the engine, played on their own; or, when they are no
 * fewer than `cutoff`, any number no smaller than it.
 */
export type PlayTiles = (runs: readonly TileRun[], cutoff?: number) => number;

/** How one run maps its layers: the mode, the objective and the scorer they are ranked with. */
export interface Mapper {
  readonly mode: MappingMode;
  readonly objective: MappingObjective;
  /** The objective's estimate for a nest's cost, never above its played value: what the search bounds with. */
  readonly value: (c: NestCost, ctx: PlanContext) => number;
  /**
   * The objective's value of a whole plan as decided on: under `latency`, the cycles its tiles
   * take on the engine (the estimate leaves out the first tile's unhidden load and the
   * pipeline's ramps); under `energy` and `edp`, the estimate.
   */
  readonly played?: (plan: Pick<UnitPlan, 'runs'>, cutoff?: number) => number;
  /** With `played`: `value` leaving out the first fold's load, which never falls as tiles shrink. */
  readonly floor?: (c: NestCost, ctx: PlanContext) => number;
  /** What, beyond the layer and its context, a choice depends on (the memo's key prefix). */
  readonly key: string;
}

/** The mapper of a run on this arch at these prices. */
export function mapperOf(arch: Arch, prices: MapPrices, play?: PlayTiles): Mapper {
  const { mapping: mode, mappingObjective: objective } = arch.options;
  const played = objective === 'latency' && play;
  const score = nestScorer(arch, prices, !!played);
  // Rates rank nests; latencies too where the engine's played cycles decide.
  const channels = timedChannels(arch).map((c) => [c.name, c.bytesPerSecond, played ? c.latencySeconds : 0, c.ideal]);
  return {
    mode,
    objective,
    value: (c, ctx) => objectiveValue(score(c, ctx.boundaries), objective),
    ...(played
      ? { played: (plan, cutoff) => played(plan.runs, cutoff), floor: (c, ctx) => score(c, ctx.boundaries).floorCycles }
      : {}),
    key: JSON.stringify([
      mode,
      objective,
      arch.clockHz,
      channels,
      !!played,
      [...prices.sram],
      prices.dramPerByte,
      prices.nocPerByte,
      prices.staticWatts,
    ]),
  };
}

// Searched decisions by (arch, prices, layer shape, context): the nest chosen, or null for the
// unit's fixed order. Sweeps and repeated shapes search once, and a hit builds nothing but the
// plan. Layers decided without a search (no space, or a fixed order that already moves each
// tensor once) are not kept: deciding again costs one nest's score, and a sweep of many archs
// would otherwise fill the memo with them.
const memo = new Map<string, LoopNest | null>();
const MEMO_LIMIT = 50_000;

/**
 * Plans a layer on its unit with the best loop nest the mapper finds, or with the unit's fixed
 * fold order when that is no worse under the objective (or the unit offers no choice).
 */
export function mapLayer(unit: ComponentModel, layer: Layer, ctx: PlanContext, mapper: Mapper): UnitPlan {
  const kind = kindOf(unit);
  if (mapper.mode === 'fixed' || mapper.mode === 'scalesim' || !kind.mapSpace) return kind.plan(unit, layer, ctx);
  const key = memoKey(mapper, unit, layer, ctx);
  let nest = memo.get(key);
  let fixed: UnitPlan | undefined;
  let space: MapSpace | undefined;
  if (nest === undefined) {
    fixed = kind.plan(unit, layer, ctx);
    space = kind.mapSpace(unit, layer, ctx);
    const decided = space ? decide(space, fixed, ctx, mapper, mapper.mode) : { nest: null, searched: false };
    nest = decided.nest;
    if (decided.searched) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, nest);
    }
  }
  if (nest === null) return fixed ?? kind.plan(unit, layer, ctx);
  return (space ?? kind.mapSpace(unit, layer, ctx)!).plan(nest);
}

/** The nest to run, or null when the fixed order is no worse; and whether a search said so. */
function decide(
  space: MapSpace,
  fixed: UnitPlan,
  ctx: PlanContext,
  mapper: Mapper,
  mode: 'search' | 'exhaustive',
): { nest: LoopNest | null; searched: boolean } {
  const { played } = mapper;
  const fixedValue = played ? played(fixed) : mapper.value(fixed, ctx);
  // A fixed order no slower than the estimate of moving each tensor across each boundary once cannot be beaten.
  const once = space.cost({ levels: ctx.boundaries.map(() => ({ loops: [] })) }, ctx.boundaries.length);
  if (once && fixedValue <= mapper.value({ ...fixed, traffic: once.traffic }, ctx) * (1 + 1e-9))
    return { nest: null, searched: false };
  // The fixed order is the nest to beat from the start, which cuts every branch that cannot.
  const exact = played && ((nest: LoopNest, cutoff: number) => played(space.plan(nest), cutoff));
  const floor = mapper.floor && ((c: NestCost) => mapper.floor!(c, ctx));
  const chosen = chooseNest(space, ctx.boundaries.length, (c) => mapper.value(c, ctx), mode, {
    incumbent: fixedValue,
    ...(exact ? { exact } : {}),
    ...(floor ? { floor } : {}),
  });
  return { nest: chosen && chosen.value < fixedValue ? chosen.nest : null, searched: true };
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
