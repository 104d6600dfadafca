import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { lowerLayer, type Gemm } from '../workload/lower-layer.js';
import { precisionBits } from '../workload/precision.js';
import type { ActionCounts, PlanContext, RoleBytes, UnitPlan } from './component.js';
import { gemmMvmActions, mapOnCrossbars, mvmCost, type ImcTile, type MvmActions } from './crossbars.js';
import { route, TileChunker, type Tile } from './tiles.js';

/** How the network placement treats one layer on the crossbars. */
export interface ImcPlacement {
  /** Copies of the layer's weights, each serving its own input vectors in parallel. */
  readonly replicas: number;
  /** Rounds the layer runs in when one copy needs more crossbars than the tile has. */
  readonly passes: number;
  /** The weights are written into the cells during this inference (they did not stay programmed). */
  readonly program: boolean;
}

/** Crossbar actions of a layer, priced later from the cost table (the keys are the action names). */
export interface ImcActions extends ActionCounts, MvmActions {
  readonly cellWrites: number;
  /** Cycles spent programming cells. */
  readonly programCycles: number;
}

/** The crossbar view of a layer: its GEMM and the bit widths on each side. */
export function imcGemm(layer: Layer): { gemm: Gemm; weightBits: number; inputBits: number } | undefined {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm') return undefined;
  const weightBits = precisionBits(work.weightIsParameter ? layer.precision.weight : layer.precision.input);
  return { gemm: work.gemm, weightBits, inputBits: precisionBits(layer.precision.input) };
}

/** Crossbars one copy of the layer's weights takes. */
export function crossbarsNeeded(imc: ImcTile, layer: Layer): number {
  const v = imcGemm(layer);
  return v ? mapOnCrossbars(imc, v.gemm, v.weightBits).crossbars : 0;
}

const isActivationMatmul = (layer: Layer) => layer.op.kind === 'matmul' && !layer.op.weightOperand;

/**
 * Plans a layer on the crossbars. Every input vector (a row of the im2col matrix) drives all the
 * crossbars holding the layer at once; each MVM takes `steps` input slices, and in each the
 * shared ADCs sweep their columns. Replicas split the vectors; a layer larger than the tile runs
 * in passes, reprogrammed between them. Programming writes every weight cell and comes first.
 */
export function planImc(imc: ImcTile, layer: Layer, ctx: PlanContext): UnitPlan {
  const place = ctx.placement as ImcPlacement;
  const v = imcGemm(layer)!;
  const g = v.gemm;
  const map = mapOnCrossbars(imc, g, v.weightBits);
  const mvm = mvmCost(imc, map.rowsUsed, map.colsUsed, v.inputBits, ctx.clockHz);
  const vectors = g.m;
  const weightCells = g.k * g.n * map.slices * g.instances;
  const actions: ImcActions = {
    ...gemmMvmActions(imc, g, map, mvm.steps, vectors),
    cellWrites: place.program ? weightCells * place.replicas : 0,
    // Crossbars program in parallel, row by row; a layer in passes programs once per pass.
    programCycles: place.program ? Math.ceil(map.rowsUsed * imc.programSecondsPerRow * ctx.clockHz * place.passes - 1e-9) : 0,
  };

  const b = ctx.execution.bytes;
  const input = elementsOf(layer.inputShapes[0]) * b.input;
  const weightBytes = isActivationMatmul(layer)
    ? elementsOf(layer.inputShapes[1]) * b.input
    : (layer.weightElements + layer.biasElements) * b.weight;
  const outputBytes = elementsOf(layer.outputShape) * b.output;
  // Per boundary: what crosses it. Beyond a role's last boundary, what is on chip stays there.
  const moves = ctx.boundaries.map((bd) => ({
    input: bd.crosses.input && !(bd.last.input && ctx.inputsOnChip[0]) ? input : 0,
    weight:
      bd.crosses.weight && place.program && !(isActivationMatmul(layer) && bd.last.weight && ctx.inputsOnChip[1])
        ? weightBytes
        : 0,
    output: bd.crosses.output && !(bd.last.output && ctx.keepOutputOnChip) ? outputBytes : 0,
  }));

  const rounds = Math.ceil(vectors / place.replicas) * place.passes;
  const tiles = Math.max(1, Math.min(ctx.maxTiles, rounds));
  const chunker = new TileChunker(tiles + 1, tiles + 1);
  const none = ctx.boundaries.map((): RoleBytes => ({ input: 0, weight: 0, output: 0 }));
  const weightLoads = route(
    ctx.boundaries,
    ctx.channels,
    moves.map((m) => ({ input: 0, weight: m.weight, output: 0 })),
  );
  if (actions.programCycles > 0 || weightLoads.some((x) => x > 0))
    chunker.add({ computeCycles: actions.programCycles, loads: weightLoads, stores: route(ctx.boundaries, ctx.channels, none) });
  const per = Math.floor(rounds / tiles);
  const extra = rounds - per * tiles;
  const tile = (r: number): Tile => ({
    computeCycles: r * mvm.cycles,
    loads: route(
      ctx.boundaries,
      ctx.channels,
      moves.map((m) => ({ input: (m.input * r) / rounds, weight: 0, output: 0 })),
    ),
    stores: route(
      ctx.boundaries,
      ctx.channels,
      moves.map((m) => ({ input: 0, weight: 0, output: (m.output * r) / rounds })),
    ),
  });
  if (extra > 0) chunker.add(tile(per + 1), extra);
  chunker.add(tile(per), tiles - extra);
  const runs = chunker.runs();

  const aElements = g.instances * g.m * g.k;
  return {
    runs,
    computeCycles: runs.reduce((s, r) => s + r.count * r.tile.computeCycles, 0),
    // The input level feeds each vector once to all crossbars; results land in the output level.
    port: {
      reads: { input: aElements * b.input, weight: moves[0].weight, output: 0 },
      writes: { input: 0, weight: 0, output: outputBytes },
    },
    traffic: moves.map((m) => ({
      fills: { input: m.input, weight: m.weight, output: 0 },
      drains: { input: 0, weight: 0, output: m.output },
    })),
    actions,
    vectorOps: 0,
  };
}
