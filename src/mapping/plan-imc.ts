import type { Arch } from '../hardware/arch.js';
import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { precisionBits } from '../workload/precision.js';
import { mapOnCrossbars, mvmCost, type ImcTile } from '../hardware/imc-tile.js';
import type { Gemm } from '../workload/lower-layer.js';
import { lowerLayer } from '../workload/lower-layer.js';
import { TileChunker, type Tile } from '../hardware/tiles.js';
import type { PlanContext, LayerPlan } from './layer-plan.js';

/** How the network placement treats one layer on the crossbars. */
export interface ImcPlacement {
  /** Copies of the layer's weights, each serving its own input vectors in parallel. */
  readonly replicas: number;
  /** Rounds the layer runs in when one copy needs more crossbars than the tile has. */
  readonly passes: number;
  /** The weights are written into the cells during this inference (they did not stay programmed). */
  readonly program: boolean;
}

/** Crossbar actions of a layer, priced later from the cost table. */
export interface ImcActions {
  readonly cellReads: number;
  readonly adcConversions: number;
  /** Row drives × DAC bits. */
  readonly dacBitDrives: number;
  /** Digital shift-and-add of each conversion into its output. */
  readonly shiftAdds: number;
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

/**
 * Plans a layer on the crossbars. Every input vector (a row of the im2col matrix) drives all the
 * crossbars holding the layer at once; each MVM takes `steps` input slices, and in each the
 * shared ADCs sweep their columns. Replicas split the vectors; a layer larger than the tile runs
 * in passes, reprogrammed between them. Programming writes every weight cell and comes first.
 */
export function planImc(arch: Arch, layer: Layer, ctx: PlanContext, place: ImcPlacement): LayerPlan & { imc: ImcActions } {
  const imc = arch.imc!;
  const v = imcGemm(layer)!;
  const g = v.gemm;
  const map = mapOnCrossbars(imc, g, v.weightBits);
  const mvm = mvmCost(imc, map.rowsUsed, map.colsUsed, v.inputBits, arch.clockHz);
  const vectors = g.m;
  const weightCells = g.k * g.n * map.slices * g.instances;
  const columns = g.n * map.slices * g.instances * map.rowTiles;
  const rowsDriven = g.k * g.instances * map.colTiles;
  const imcActions: ImcActions = {
    cellReads: vectors * mvm.steps * weightCells,
    adcConversions: vectors * mvm.steps * columns,
    dacBitDrives: vectors * mvm.steps * rowsDriven * imc.dacBits,
    shiftAdds: vectors * mvm.steps * columns,
    cellWrites: place.program ? weightCells * place.replicas : 0,
    // Crossbars program in parallel, row by row; a layer in passes programs once per pass.
    programCycles: place.program ? Math.ceil(map.rowsUsed * imc.programSecondsPerRow * arch.clockHz * place.passes - 1e-9) : 0,
  };

  const b = ctx.bytes;
  const inputBytes = ctx.inputsOnChip[0] ? 0 : elementsOf(layer.inputShapes[0]) * b.input;
  const weightBytes =
    layer.op.kind === 'matmul' && !layer.op.weightOperand
      ? elementsOf(layer.inputShapes[1]) * b.input
      : (layer.weightElements + layer.biasElements) * b.weight;
  const weightLoad =
    place.program && !(layer.op.kind === 'matmul' && !layer.op.weightOperand && ctx.inputsOnChip[1]) ? weightBytes : 0;
  const outputBytes = elementsOf(layer.outputShape) * b.output;
  const stores = ctx.keepOutputOnChip ? 0 : outputBytes;

  const rounds = Math.ceil(vectors / place.replicas) * place.passes;
  const tiles = Math.max(1, Math.min(ctx.maxTiles, rounds));
  const chunker = new TileChunker(tiles + 1, tiles + 1);
  if (imcActions.programCycles > 0 || weightLoad > 0)
    chunker.add({ computeCycles: imcActions.programCycles, loadBytes: weightLoad, storeBytes: 0 });
  const per = Math.floor(rounds / tiles);
  const extra = rounds - per * tiles;
  const tile = (r: number): Tile => ({
    computeCycles: r * mvm.cycles,
    loadBytes: (inputBytes * r) / rounds,
    storeBytes: (stores * r) / rounds,
  });
  if (extra > 0) chunker.add(tile(per + 1), extra);
  chunker.add(tile(per), tiles - extra);
  const runs = chunker.runs();

  const aElements = g.instances * g.m * g.k;
  return {
    unit: 'imc',
    runs,
    computeCycles: runs.reduce((s, r) => s + r.count * r.tile.computeCycles, 0),
    dramReadBytes: { input: inputBytes, weight: weightLoad, output: 0 },
    dramWriteBytes: { input: 0, weight: 0, output: stores },
    // The input buffer feeds each vector once to all crossbars; results land in the output buffer.
    sramReadBytes: { input: aElements * b.input, weight: weightLoad, output: stores },
    sramWriteBytes: { input: inputBytes, weight: weightLoad, output: outputBytes },
    vectorOps: 0,
    imc: imcActions,
  };
}
