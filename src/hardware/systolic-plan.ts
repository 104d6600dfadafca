import type { TensorRole } from '../config/schemas/common.js';
import { fail } from '../config/user-error.js';
import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { lowerLayer, type Gemm } from '../workload/lower-layer.js';
import type { Boundary, BoundaryTraffic, ElementBytes, Execution, PlanContext, RoleBytes, UnitPlan } from './component.js';
import { refetchFraction } from './buffer-reuse.js';
import type { SystolicArray } from './systolic-array-spec.js';
import { arrayGemm } from './systolic-execution.js';
import {
  foldsCycles,
  gemmSramElements,
  groupsPerFold,
  mapGemm,
  packGemm,
  type FoldMapping,
  type OperandElements,
} from './systolic-folds.js';
import { route, scaleTile, TileChunker, type Tile, type TileRun } from './tiles.js';

/** A GEMM as the array runs it, with its operands' sizes per array instance. */
export interface GemmJob {
  readonly layerName: string;
  /** The GEMM the array runs (after group packing, precision packing and zero skipping). */
  readonly gemm: Gemm;
  /** Elements of A (im2col view), B and C per instance, as stored (zeros included): SRAM port traffic. */
  readonly elements: OperandElements;
  /** Unique bytes of A (the input tensor, not its im2col expansion), B and C per instance. */
  readonly inputBytes: number;
  readonly weightBytes: number;
  readonly outputBytes: number;
  /** B is a parameter (cacheable) rather than an activation. */
  readonly weightIsParameter: boolean;
  /** Each of A and B is already on chip (where the layer's tensors live between layers). */
  readonly inputOnChip: boolean;
  readonly weightOnChip: boolean;
}

/** The GEMM a layer lowers to as the array runs it: precision, skipping and group packing applied. */
export function arrayWork(array: SystolicArray, layer: Layer, e: Execution): Gemm | undefined {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm') return undefined;
  const g = arrayGemm(work.gemm, e);
  return packGemm(g, groupsPerFold(array, g));
}

/** The job of a GEMM layer: sizes per array-level instance (a packed instance carries several). */
export function gemmJob(array: SystolicArray, layer: Layer, ctx: PlanContext): GemmJob {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm') throw new Error(`layer "${layer.name}" is not a GEMM; the array takes only GEMMs (affinity)`);
  const b = ctx.execution.bytes;
  const gemm = arrayWork(array, layer, ctx.execution)!;
  // Dividing totals by the packed count keeps the layer's totals exact when the last instance has fewer.
  const n = gemm.instances;
  const g = work.gemm;
  const weightElements = work.weightIsParameter ? layer.weightElements + layer.biasElements : elementsOf(layer.inputShapes[1]);
  const weightBytes = weightElements * (work.weightIsParameter ? b.weight : b.input);
  return {
    layerName: layer.name,
    gemm,
    elements: { a: (g.instances * g.m * g.k) / n, b: (g.instances * g.k * g.n) / n, c: (g.instances * g.m * g.n) / n },
    inputBytes: (elementsOf(layer.inputShapes[0]) * b.input) / n,
    weightBytes: weightBytes / n,
    outputBytes: (elementsOf(layer.outputShape) * b.output) / n,
    weightIsParameter: work.weightIsParameter,
    inputOnChip: ctx.inputsOnChip[0] ?? false,
    weightOnChip: work.weightIsParameter ? ctx.weightsCached : (ctx.inputsOnChip[1] ?? false),
  };
}

/** Per-fold bytes of each role across one boundary, for the few distinct fold shapes. */
interface FoldTraffic {
  /** Loads of the first, a middle and the last row fold; on the first column fold and on later ones. */
  readonly loads: (c0: boolean, r: number) => RoleBytes;
  readonly stores: (r: number) => RoleBytes;
  readonly totals: BoundaryTraffic;
}

/**
 * Bytes crossing one boundary. A fold loads its slice of the streamed operand (A for os/ws, B for
 * is; again on later column folds only what the inner level could not keep), its block of the
 * other operand, and stores its finished outputs; partial sums that do not fit spill outward
 * between row folds. Beyond a role's last boundary, a tensor already on chip moves nothing.
 */
function foldTraffic(array: SystolicArray, map: FoldMapping, job: GemmJob, b: Boundary, keepOutput: boolean): FoldTraffic {
  const { instances } = job.gemm;
  const { rowFolds, colFolds } = map;
  const cap = b.capacity;
  const streamed: TensorRole = array.dataflow === 'is' ? 'weight' : 'input';
  const split: TensorRole = streamed === 'input' ? 'weight' : 'input';
  const size = { input: job.inputBytes, weight: job.weightBytes, output: job.outputBytes };
  const resident = { input: b.last.input && job.inputOnChip, weight: b.last.weight && job.weightOnChip, output: false };
  const keep = b.last.output && keepOutput;

  const streamSlice = resident[streamed] ? 0 : size[streamed] / rowFolds;
  const streamAgain = streamSlice * refetchFraction(size[streamed], cap[streamed]);
  // os keeps one column fold's weights across its row folds if they fit; ws and is use each
  // block of the split operand once.
  const colSlice = resident[split] ? 0 : size[split] / colFolds;
  const splitFirst = array.dataflow === 'os' ? colSlice : colSlice / rowFolds;
  const splitAgain = array.dataflow === 'os' ? colSlice * refetchFraction(colSlice, cap.weight) : colSlice / rowFolds;
  const outPerColFold = keep ? 0 : size.output / colFolds;
  const spill = partialSumSpill(array, map, cap.output);

  const only = (bytes: RoleBytes) => ({
    input: b.crosses.input ? bytes.input : 0,
    weight: b.crosses.weight ? bytes.weight : 0,
    output: b.crosses.output ? bytes.output : 0,
  });
  const loads = (c0: boolean, r: number): RoleBytes => {
    const out = { input: 0, weight: 0, output: r > 0 ? spill : 0 };
    out[streamed] = c0 ? streamSlice : streamAgain;
    out[split] = r === 0 ? splitFirst : splitAgain;
    return only(out);
  };
  const stores = (r: number): RoleBytes => {
    const last = r === rowFolds - 1;
    const store = array.dataflow === 'os' ? outPerColFold / rowFolds : last ? outPerColFold : 0;
    return only({ input: 0, weight: 0, output: store + (last ? 0 : spill) });
  };

  // Totals from whole operands (exact), not by summing fractional per-fold shares.
  const spillTotal = instances * colFolds * (rowFolds - 1) * spill;
  const fills = { input: 0, weight: 0, output: spillTotal };
  fills[streamed] = resident[streamed]
    ? 0
    : instances * size[streamed] * (1 + (colFolds - 1) * refetchFraction(size[streamed], cap[streamed]));
  fills[split] = resident[split]
    ? 0
    : instances * size[split] * (array.dataflow === 'os' ? 1 + (rowFolds - 1) * refetchFraction(colSlice, cap.weight) : 1);
  const drains = { input: 0, weight: 0, output: instances * (keep ? 0 : size.output) + spillTotal };
  return { loads, stores, totals: { fills: only(fills), drains: only(drains) } };
}

/**
 * Plans a GEMM layer. Each fold is a tile (the unit of double buffering), in the array's loop
 * order: column folds outer, row folds inner. Consecutive folds are merged into at most
 * `ctx.maxTiles` tiles.
 */
export function planGemm(array: SystolicArray, job: GemmJob, ctx: PlanContext): UnitPlan {
  const map = mapGemm(array, job.gemm);
  checkFoldFits(array, job, map, ctx);
  const { instances } = job.gemm;
  const { rowFolds, colFolds } = map;
  const perBoundary = ctx.boundaries.map((b) => foldTraffic(array, map, job, b, ctx.keepOutputOnChip));

  const cycles = foldsCycles(array, map, 1, false);
  const tile = (c0: boolean, r: number): Tile => ({
    computeCycles: cycles,
    loads: route(
      ctx.boundaries,
      ctx.channels,
      perBoundary.map((t) => t.loads(c0, r)),
    ),
    stores: route(
      ctx.boundaries,
      ctx.channels,
      perBoundary.map((t) => t.stores(r)),
    ),
  });
  // The few distinct fold shapes, built once: first/middle/last row fold × first/later column fold.
  const shapes = [true, false].map((c0) => [tile(c0, 0), tile(c0, Math.min(1, rowFolds - 1)), tile(c0, rowFolds - 1)]);
  // Instances are identical: when there are very many (times column folds), consecutive ones
  // play as one block with its costs multiplied, so planning stays bounded on any input.
  const block = Math.max(1, Math.ceil((instances * colFolds) / MAX_INSTANCE_FOLDS));
  const chunker = new TileChunker(Math.ceil(instances / block) * colFolds * rowFolds, ctx.maxTiles);
  for (let i = 0; i < instances; i += block) {
    const times = Math.min(block, instances - i);
    for (let c = 0; c < colFolds; c++) {
      const [first, middle, last] = shapes[c === 0 ? 0 : 1].map((t) => (times === 1 ? t : scaleTile(t, times)));
      chunker.add(first);
      if (rowFolds > 2) chunker.add(middle, rowFolds - 2);
      if (rowFolds > 1) chunker.add(last);
    }
  }
  // Pipelined folds pay fill and drain once per layer; SCALE-Sim's sequential count reports the
  // 0-based index of the last cycle, one less than the cycles spent.
  const runs = adjustFirstOrLast(chunker.runs(), array.foldTiming === 'pipelined' ? map.pipelineOverheadCycles : -1);
  return {
    runs,
    computeCycles: runs.reduce((s, r) => s + r.count * r.tile.computeCycles, 0),
    port: portTraffic(array, job, map, ctx.execution.bytes),
    traffic: perBoundary.map((t) => t.totals),
    actions: arrayActions(array, ctx.execution),
    vectorOps: 0,
    mapping: {
      dataflow: array.dataflow,
      m: job.gemm.m,
      n: job.gemm.n,
      k: job.gemm.k,
      instances,
      rowFolds,
      colFolds,
      folds: instances * rowFolds * colFolds,
    },
  };
}

/** The array's own reads and writes of the level next to it, from its loop order. */
function portTraffic(array: SystolicArray, job: GemmJob, map: FoldMapping, b: ElementBytes): UnitPlan['port'] {
  const { instances } = job.gemm;
  const el = gemmSramElements(array.dataflow, job.elements, map);
  const acc = array.accumulatorBytes;
  return {
    reads: {
      input: instances * el.inputReads * b.input,
      weight: instances * el.weightReads * b.weight,
      output: instances * el.outputReads * acc,
    },
    writes: { input: 0, weight: 0, output: instances * ((el.outputWrites - job.elements.c) * acc + job.elements.c * b.output) },
  };
}

/**
 * MACs (less those gated, which cost no energy) at the MAC precision, and the PE registers: per
 * live MAC both operands are read and the partial sum is written (gating keeps them still too).
 */
function arrayActions(array: SystolicArray, e: Execution): Record<string, number> {
  const live = e.macsIssued - e.macsGated;
  return {
    [`mac.${e.macPrecision}`]: live,
    regfileRead: live * (e.bytes.input + e.bytes.weight),
    regfileWrite: live * array.accumulatorBytes,
  };
}

/** Most (instance, column fold) pairs planned one by one; beyond, instances are taken in blocks. */
const MAX_INSTANCE_FOLDS = 100_000;

/**
 * ws and is accumulate partial sums over row folds in the output buffer; when one column fold's
 * partial sums do not fit, the overflow (bytes returned here) goes out after every row fold but
 * the last and comes back before every row fold but the first.
 */
function partialSumSpill(array: SystolicArray, map: FoldMapping, outputCapacity: number): number {
  const partial = tilePartialSumBytes(array, map);
  if (partial === 0 || partial <= outputCapacity) return 0;
  return partial - outputCapacity / 2;
}

/** Bytes of one tile's partial sums held in the output buffer across row folds (ws, is; os keeps them in the PEs). */
export function tilePartialSumBytes(array: SystolicArray, map: FoldMapping): number {
  if (array.dataflow === 'os' || map.rowFolds === 1) return 0;
  return map.temporal * Math.min(array.cols, map.spatialCols) * array.accumulatorBytes;
}

/**
 * The least SRAM each role needs to run one fold, double-buffered: the stationary block of the
 * fold, or one streamed row or column of the other operands.
 */
export function foldNeeds(array: SystolicArray, map: FoldMapping, b: ElementBytes): RoleBytes {
  const { rows, cols, dataflow, accumulatorBytes } = array;
  const r = Math.min(rows, map.spatialRows);
  const c = Math.min(cols, map.spatialCols);
  return dataflow === 'os'
    ? { input: 2 * r * b.input, weight: 2 * c * b.weight, output: 2 * r * c * accumulatorBytes }
    : dataflow === 'ws'
      ? { input: 2 * r * b.input, weight: 2 * r * c * b.weight, output: 2 * c * accumulatorBytes }
      : { input: 2 * r * c * b.input, weight: 2 * r * b.weight, output: 2 * c * accumulatorBytes };
}

/** Fails with a clear message when even one fold's working set cannot be buffered next to the array. */
function checkFoldFits(array: SystolicArray, job: GemmJob, map: FoldMapping, ctx: PlanContext): void {
  const { rows, cols, dataflow } = array;
  const r = Math.min(rows, map.spatialRows);
  const c = Math.min(cols, map.spatialCols);
  const need = foldNeeds(array, map, ctx.execution.bytes);
  const inner = ctx.boundaries[0];
  const resident = { input: inner.last.input && job.inputOnChip, weight: inner.last.weight && job.weightOnChip, output: false };
  for (const role of ['input', 'weight', 'output'] as const) {
    if (!resident[role] && need[role] > inner.capacity[role]) {
      const buffer = inner.level[role];
      fail(
        ctx.origin,
        `/memory/sram/${buffer}/size`,
        `layer "${job.layerName}" cannot be tiled: SRAM buffer "${buffer}" has ${inner.capacity[role]} bytes for ${role} data but one ${dataflow} fold needs ${need[role]} bytes (double-buffered ${role === 'output' ? 'partial sums' : role + 's'} of a ${r}×${c} fold); enlarge the buffer or use a smaller array`,
      );
    }
  }
}

function adjustFirstOrLast(runs: TileRun[], delta: number): TileRun[] {
  if (delta === 0 || runs.length === 0) return runs;
  const out = runs.slice();
  const index = delta > 0 ? 0 : out.length - 1;
  const run = out[index];
  const changed: Tile = { ...run.tile, computeCycles: run.tile.computeCycles + delta };
  const single = { count: 1, tile: changed };
  const remainder = { count: run.count - 1, tile: run.tile };
  const replacement = run.count === 1 ? [single] : delta > 0 ? [single, remainder] : [remainder, single];
  out.splice(index, 1, ...replacement);
  return out;
}
