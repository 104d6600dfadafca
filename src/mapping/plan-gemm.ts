import type { Arch, SramBuffer, SystolicArray } from '../hardware/arch.js';
import { fail } from '../config/user-error.js';
import type { TensorRole } from '../config/schemas/common.js';
import { foldsCycles, gemmSramElements, mapGemm, type FoldMapping, type OperandElements } from '../hardware/systolic-array.js';
import { type Gemm } from '../workload/lower-layer.js';
import { TileChunker, type Tile, type TileRun } from '../hardware/tiles.js';
import { zeroRoles, type ElementBytes, type PlanContext, type LayerPlan, type RoleBytes } from './layer-plan.js';

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
  /** Each of A and B is already in SRAM. */
  readonly inputOnChip: boolean;
  readonly weightOnChip: boolean;
}

/**
 * Plans a GEMM layer. Each fold is a tile (the unit of double buffering), in the array's loop
 * order: column folds outer, row folds inner. A fold loads its slice of the streamed operand (A
 * for os/ws, B for is; again on later column folds only what the buffer could not keep), its
 * block of the other operand, and stores its finished outputs; partial sums that do not fit the
 * output buffer spill to DRAM between row folds. Consecutive folds are merged into at most
 * `ctx.maxTiles` tiles.
 */
export function planGemm(arch: Arch, job: GemmJob, ctx: PlanContext): LayerPlan {
  const array = digitalArray(arch);
  const map = mapGemm(array, job.gemm);
  checkFoldFits(arch, array, job, map, ctx);
  const { instances } = job.gemm;
  const { rowFolds, colFolds } = map;
  const cap = ctx.capacity;

  const streamed: TensorRole = array.dataflow === 'is' ? 'weight' : 'input';
  const split: TensorRole = streamed === 'input' ? 'weight' : 'input';
  const size = { input: job.inputBytes, weight: job.weightBytes, output: job.outputBytes };
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };

  // Per fold: the streamed operand's row-fold slice, on the first column fold in full and later
  // only what did not stay on chip.
  const streamSlice = resident[streamed] ? 0 : size[streamed] / rowFolds;
  const streamAgain = streamSlice * refetchFraction(size[streamed], cap[streamed]);
  // os keeps one column fold's weights across its row folds if they fit; ws and is use each
  // block of the split operand once.
  const colSlice = resident[split] ? 0 : size[split] / colFolds;
  const splitFirst = array.dataflow === 'os' ? colSlice : colSlice / rowFolds;
  const splitAgain = array.dataflow === 'os' ? colSlice * refetchFraction(colSlice, cap.weight) : colSlice / rowFolds;
  const outPerColFold = ctx.keepOutputOnChip ? 0 : size.output / colFolds;
  const spill = partialSumSpill(array, map, ctx);

  const cycles = foldsCycles(array, map, 1, false);
  const tile = (c0: boolean, r: number): Tile => {
    const last = r === rowFolds - 1;
    const store = array.dataflow === 'os' ? outPerColFold / rowFolds : last ? outPerColFold : 0;
    return {
      computeCycles: cycles,
      loadBytes: (c0 ? streamSlice : streamAgain) + (r === 0 ? splitFirst : splitAgain) + (r > 0 ? spill : 0),
      storeBytes: store + (last ? 0 : spill),
    };
  };
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

  // Totals from whole operands (exact), not by summing fractional per-fold shares.
  const spillTotal = instances * colFolds * (rowFolds - 1) * spill;
  const dramReadBytes = zeroRoles();
  dramReadBytes[streamed] = resident[streamed]
    ? 0
    : instances * size[streamed] * (1 + (colFolds - 1) * refetchFraction(size[streamed], cap[streamed]));
  dramReadBytes[split] = resident[split]
    ? 0
    : instances * size[split] * (array.dataflow === 'os' ? 1 + (rowFolds - 1) * refetchFraction(colSlice, cap.weight) : 1);
  dramReadBytes.output = spillTotal;
  const dramWriteBytes = { input: 0, weight: 0, output: instances * (ctx.keepOutputOnChip ? 0 : size.output) + spillTotal };

  // SRAM traffic: the array's own reads and writes, plus DRAM fills (writes) and drains (reads).
  const el = gemmSramElements(array.dataflow, job.elements, map);
  const acc = array.accumulatorBytes;
  const b = ctx.bytes;
  const sramReadBytes = {
    input: instances * el.inputReads * b.input,
    weight: instances * el.weightReads * b.weight,
    output: instances * el.outputReads * acc + dramWriteBytes.output,
  };
  const sramWriteBytes = {
    input: dramReadBytes.input,
    weight: dramReadBytes.weight,
    output: instances * ((el.outputWrites - job.elements.c) * acc + job.elements.c * b.output) + dramReadBytes.output,
  };
  return {
    unit: 'array',
    runs,
    computeCycles: runs.reduce((s, r) => s + r.count * r.tile.computeCycles, 0),
    dramReadBytes,
    dramWriteBytes,
    sramReadBytes,
    sramWriteBytes,
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

/** Most (instance, column fold) pairs planned one by one; beyond, instances are taken in blocks. */
const MAX_INSTANCE_FOLDS = 100_000;

const scaleTile = (t: Tile, k: number): Tile => ({
  computeCycles: k * t.computeCycles,
  loadBytes: k * t.loadBytes,
  storeBytes: k * t.storeBytes,
});

/** Share of an operand fetched again on each later pass: none if it fits, else what half the buffer cannot keep. */
export function refetchFraction(bytes: number, capacity: number): number {
  if (bytes <= capacity) return 0;
  // Half the buffer keeps data between passes; the other half is the landing zone for prefetch.
  return 1 - capacity / 2 / bytes;
}

/**
 * ws and is accumulate partial sums over row folds in the output buffer; when one column fold's
 * partial sums do not fit, the overflow (bytes returned here) goes to DRAM after every row fold
 * but the last and comes back before every row fold but the first.
 */
function partialSumSpill(array: SystolicArray, map: FoldMapping, ctx: PlanContext): number {
  const partial = tilePartialSumBytes(array, map);
  if (partial === 0 || partial <= ctx.capacity.output) return 0;
  return partial - ctx.capacity.output / 2;
}

/** Bytes of one tile's partial sums held in the output buffer across row folds (ws, is; os keeps them in the PEs). */
export function tilePartialSumBytes(array: SystolicArray, map: FoldMapping): number {
  if (array.dataflow === 'os' || map.rowFolds === 1) return 0;
  return map.temporal * Math.min(array.cols, map.spatialCols) * array.accumulatorBytes;
}

/** Fails with a clear message when even one fold's working set cannot be buffered. */
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

function checkFoldFits(arch: Arch, array: SystolicArray, job: GemmJob, map: FoldMapping, ctx: PlanContext): void {
  const { rows, cols, dataflow } = array;
  const r = Math.min(rows, map.spatialRows);
  const c = Math.min(cols, map.spatialCols);
  const need = foldNeeds(array, map, ctx.bytes);
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };
  for (const role of ['input', 'weight', 'output'] as const) {
    if (!resident[role] && need[role] > ctx.capacity[role]) {
      const buffer = holder(arch, role);
      fail(
        arch.origin,
        `/memory/sram/${buffer.name}/size`,
        `layer "${job.layerName}" cannot be tiled: SRAM buffer "${buffer.name}" has ${ctx.capacity[role]} bytes for ${role} data but one ${dataflow} fold needs ${need[role]} bytes (double-buffered ${role === 'output' ? 'partial sums' : role + 's'} of a ${r}×${c} fold); enlarge the buffer or use a smaller array`,
      );
    }
  }
}

/** The arch's systolic array; only layers placed on it are planned here. */
export function digitalArray(arch: Arch): SystolicArray {
  if (!arch.array) throw new Error(`arch "${arch.name}" has no systolic array; layers go to it only when it does (chooseUnit)`);
  return arch.array;
}

/** The buffer that holds a tensor role (the arch loader guarantees exactly one). */
export const holder = (arch: Arch, role: TensorRole): SramBuffer => arch.sram.find((s) => s.holds.includes(role))!;

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
