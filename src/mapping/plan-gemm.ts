import type { Arch, SramBuffer, SystolicArray } from '../spec/arch.js';
import { fail } from '../spec/user-error.js';
import { displayPath } from '../spec/paths.js';
import type { TensorRole } from '../spec/schemas/common.js';
import { foldsCycles, gemmSramElements, mapGemm, type FoldMapping, type Gemm } from '../hardware/systolic-array.js';
import { coarsen, type Tile, type TileRun } from './tile-run.js';
import { zeroRoles, type ElementBytes, type LayerContext, type LayerPlan, type RoleBytes } from './layer-plan.js';

/** A GEMM with its operands' sizes in bytes per instance. */
export interface GemmJob {
  readonly layerName: string;
  readonly gemm: Gemm;
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
 * Plans a GEMM layer: tiles are column folds (the outer loop), each loading its slice of the
 * partitioned operand and, on the first tile, the operand every fold streams. DRAM re-fetches
 * follow from whether each operand's working set fits the SRAM its role may use.
 */
export function planGemm(arch: Arch, job: GemmJob, ctx: LayerContext): LayerPlan {
  const array = arch.array;
  const map = mapGemm(array, job.gemm);
  checkFoldFits(arch, job, map, ctx);
  const { instances } = job.gemm;
  const tilesPerInstance = map.colFolds;
  const cap = ctx.capacity;

  // The operand every column fold streams in full (A for os/ws, B for is) and the one split
  // across column folds.
  const streamed: TensorRole = array.dataflow === 'is' ? 'weight' : 'input';
  const split: TensorRole = streamed === 'input' ? 'weight' : 'input';
  const size = { input: job.inputBytes, weight: job.weightBytes, output: job.outputBytes };
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };

  const streamFirst = resident[streamed] ? 0 : size[streamed];
  const streamAgain = resident[streamed] ? 0 : size[streamed] * refetchFraction(size[streamed], cap[streamed]);
  const slice = size[split] / tilesPerInstance;
  // os re-reads a tile's weight slice once per row fold if it cannot stay in the weight buffer.
  const sliceReads = resident[split] ? 0 : array.dataflow === 'os' ? slice * passes(slice, cap.weight, map.rowFolds) : slice;
  const outSlice = ctx.keepOutputOnChip ? 0 : size.output / tilesPerInstance;
  const spill = partialSumSpill(arch, map, ctx);

  const foldsPerTile = map.rowFolds;
  const tileCycles = foldsCycles(array, map, foldsPerTile, false);
  const firstTileCycles = foldsCycles(array, map, foldsPerTile, true);
  const first: Tile = { computeCycles: tileCycles, loadBytes: streamFirst + sliceReads + spill, storeBytes: outSlice + spill };
  const rest: Tile = { computeCycles: tileCycles, loadBytes: streamAgain + sliceReads + spill, storeBytes: outSlice + spill };

  let runs: TileRun[] = [];
  for (let i = 0; i < instances; i++) {
    runs.push({ count: 1, tile: first });
    if (tilesPerInstance > 1) runs.push({ count: tilesPerInstance - 1, tile: rest });
  }
  runs = coarsen(runs, ctx.maxTiles);
  // Pipelined folds pay fill and drain once per layer; SCALE-Sim's sequential count reports the
  // 0-based index of the last cycle, one less than the cycles spent.
  const adjust = array.foldTiming === 'pipelined' ? firstTileCycles - tileCycles : -1;
  runs = adjustFirstOrLast(runs, adjust);

  const totalTiles = instances * tilesPerInstance;
  const dramReadBytes = zeroRoles();
  dramReadBytes[streamed] = instances * (streamFirst + (tilesPerInstance - 1) * streamAgain);
  // Totals from whole operands rather than tile count × fractional slice, which drifts off
  // integer byte counts (13 × (126 / 13) = 125.99999999999999).
  const splitReads = resident[split] ? 0 : array.dataflow === 'os' ? size[split] * passes(slice, cap.weight, map.rowFolds) : size[split];
  dramReadBytes[split] = instances * splitReads;
  dramReadBytes.output = totalTiles * spill;
  const dramWriteBytes = { input: 0, weight: 0, output: instances * (ctx.keepOutputOnChip ? 0 : size.output) + totalTiles * spill };

  // SRAM traffic: the array's own reads and writes, plus DRAM fills (writes) and drains (reads).
  const el = gemmSramElements(array, job.gemm, map);
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
    output: instances * (el.outputWrites - job.gemm.m * job.gemm.n) * acc + instances * job.gemm.m * job.gemm.n * b.output + dramReadBytes.output,
  };
  const computeCycles = runs.reduce((s, r) => s + r.count * r.tile.computeCycles, 0);
  return {
    unit: 'array',
    runs,
    computeCycles,
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
      rowFolds: map.rowFolds,
      colFolds: map.colFolds,
      folds: instances * map.rowFolds * map.colFolds,
    },
  };
}

/** Share of an operand fetched again on each later pass: none if it fits, else what half the buffer cannot keep. */
export function refetchFraction(bytes: number, capacity: number): number {
  if (bytes <= capacity) return 0;
  // Half the buffer keeps data between passes; the other half is the landing zone for prefetch.
  return 1 - capacity / 2 / bytes;
}

/** Effective number of times a working set is read over `n` passes. */
const passes = (bytes: number, capacity: number, n: number) => 1 + (n - 1) * refetchFraction(bytes, capacity);

/**
 * ws and is accumulate partial sums over row folds in the output buffer; when one tile's partial
 * sums do not fit, the overflow goes to DRAM and comes back once per extra row fold.
 */
function partialSumSpill(arch: Arch, map: FoldMapping, ctx: LayerContext): number {
  const partial = tilePartialSumBytes(arch.array, map);
  if (partial === 0 || partial <= ctx.capacity.output) return 0;
  return (map.rowFolds - 1) * (partial - ctx.capacity.output / 2);
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

function checkFoldFits(arch: Arch, job: GemmJob, map: FoldMapping, ctx: LayerContext): void {
  const { rows, cols, dataflow } = arch.array;
  const r = Math.min(rows, map.spatialRows);
  const c = Math.min(cols, map.spatialCols);
  const need = foldNeeds(arch.array, map, ctx.bytes);
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };
  for (const role of ['input', 'weight', 'output'] as const) {
    if (!resident[role] && need[role] > ctx.capacity[role]) {
      const buffer = holder(arch, role);
      fail(
        arch.files[0] === undefined ? `arch "${arch.name}"` : displayPath(arch.files[0]),
        `/memory/sram/${buffer.name}/size`,
        `layer "${job.layerName}" cannot be tiled: SRAM buffer "${buffer.name}" has ${ctx.capacity[role]} bytes for ${role} data but one ${dataflow} fold needs ${need[role]} bytes (double-buffered ${role === 'output' ? 'partial sums' : role + 's'} of a ${r}×${c} fold); enlarge the buffer or use a smaller array`,
      );
    }
  }
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
