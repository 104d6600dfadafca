import type { ElementBytes, Execution, PlanContext, RoleBytes, UnitPlan } from './component.js';
import type { SystolicArray } from './systolic-array-spec.js';
import { foldsCycles, gemmSramElements, mapGemm, type FoldMapping } from './systolic-folds.js';

/** Elements one GEMM instance reads from and writes to the array's ports. */
export type SramElements = ReturnType<typeof gemmSramElements>;
import { gemmMapped, type GemmJob } from './systolic-job.js';
import { foldTraffic } from './systolic-traffic.js';
import { route, scaleTile, TileChunker, type Tile, type TileRun } from './tiles.js';

/**
 * Plans a GEMM layer. Each fold is a tile (the unit of double buffering), in the array's loop
 * order: column folds outer, row folds inner. Consecutive folds are merged into at most
 * `ctx.maxTiles` tiles.
 */
export function planGemm(array: SystolicArray, job: GemmJob, ctx: PlanContext): UnitPlan {
  const map = mapGemm(array, job.gemm);
  const spills = foldSpills(array, job, map, ctx);
  const { instances } = job.gemm;
  const { rowFolds, colFolds } = map;
  const perBoundary = ctx.boundaries.map((b) => foldTraffic(array, map, job, b, ctx.keepOutputOnChip));
  // Port reads and writes, and the accumulators' share of them, come from the same element counts.
  const el = gemmSramElements(array, job.elements, map);

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
  // Only those the layer uses are built (one, for a layer of a single fold).
  const shapesOf = (c0: boolean): Tile[] => {
    const first = tile(c0, 0);
    const last = rowFolds > 1 ? tile(c0, rowFolds - 1) : first;
    return [first, rowFolds > 2 ? tile(c0, 1) : last, last];
  };
  const firstColumn = shapesOf(true);
  const shapes = [firstColumn, colFolds > 1 ? shapesOf(false) : firstColumn];
  // Instances are identical: when there are very many (times column folds), consecutive ones
  // play as one block with its costs multiplied, so planning stays bounded on any input.
  const block = Math.max(1, Math.ceil((instances * colFolds) / MAX_INSTANCE_FOLDS));
  const chunker = new TileChunker(Math.ceil(instances / block) * colFolds * rowFolds, ctx.maxTiles);
  // Scaled once per block size (only the last block may be smaller).
  const scaled = new Map<number, Tile[][]>();
  const shapesFor = (times: number): Tile[][] => {
    let s = scaled.get(times);
    if (!s) scaled.set(times, (s = times === 1 ? shapes : shapes.map((row) => row.map((t) => scaleTile(t, times)))));
    return s;
  };
  for (let i = 0; i < instances; i += block) {
    const times = Math.min(block, instances - i);
    const byFold = shapesFor(times);
    for (let c = 0; c < colFolds; c++) {
      const [first, middle, last] = byFold[c === 0 ? 0 : 1];
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
    port: portTraffic(array, job, el, ctx.execution.bytes),
    traffic: perBoundary.map((t) => t.totals),
    actions: arrayActions(array, job, el, ctx.execution),
    vectorOps: 0,
    mapping: {
      ...gemmMapped(array, job),
      rowFolds,
      colFolds,
      folds: instances * rowFolds * colFolds,
      ...(spills.length ? { spills } : {}),
      loopNest: [fixedOrder(array, map)],
    },
  };
}

/** The fixed fold order as one line, in the loop nest's terms (dimensions m, n, k of the GEMM). */
function fixedOrder(array: SystolicArray, map: FoldMapping): string {
  const [row, col, stream] =
    array.dataflow === 'os' ? ['m', 'n', 'k'] : array.dataflow === 'ws' ? ['k', 'n', 'm'] : ['k', 'm', 'n'];
  return `fixed fold order: for ${col}[0:${map.colFolds}) ${row}[0:${map.rowFolds}), each fold streaming all ${map.temporal} of ${stream}`;
}

/**
 * The array's own reads and writes of the level next to it, from its loop order. Partial sums
 * kept in accumulators do not reach it: only finished outputs are written there.
 */
export function portTraffic(
  array: SystolicArray,
  job: GemmJob,
  el: SramElements,
  b: ElementBytes,
  out: { reads: RoleBytes; writes: RoleBytes } = {
    reads: { input: 0, weight: 0, output: 0 },
    writes: { input: 0, weight: 0, output: 0 },
  },
): UnitPlan['port'] {
  const { instances } = job.gemm;
  const acc = array.partialSums === 'accumulators' ? 0 : array.accumulatorBytes;
  out.reads.input = instances * el.inputReads * b.input;
  out.reads.weight = instances * el.weightReads * b.weight;
  out.reads.output = instances * el.outputReads * acc;
  out.writes.input = out.writes.weight = 0;
  out.writes.output = instances * ((el.outputWrites - job.elements.c) * acc + job.elements.c * b.output);
  return out;
}

/**
 * MACs (less those gated, which cost no energy) at the MAC precision, and the PE registers: per
 * live MAC both operands are read and the partial sum is written (gating keeps them still too).
 * Accumulators at the array's output are priced as registers: each partial sum carried across
 * a row fold is read there and written back.
 */
export function arrayActions(array: SystolicArray, job: GemmJob, el: SramElements, e: Execution): Record<string, number> {
  const live = e.macsIssued - e.macsGated;
  const acc = array.accumulatorBytes;
  const n = job.gemm.instances;
  const carried =
    array.partialSums === 'accumulators'
      ? { reads: n * el.outputReads * acc, writes: n * (el.outputWrites - job.elements.c) * acc }
      : { reads: 0, writes: 0 };
  return {
    [`mac.${e.macPrecision}`]: live,
    regfileRead: live * (e.bytes.input + e.bytes.weight) + carried.reads,
    regfileWrite: live * acc + carried.writes,
  };
}

/** Most (instance, column fold) pairs planned one by one; beyond, instances are taken in blocks. */
const MAX_INSTANCE_FOLDS = 100_000;

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

/**
 * The roles whose double-buffered fold does not fit the buffer next to the array. Such a fold
 * still runs, as SCALE-Sim runs it: what does not fit streams through from the next level out
 * (the traffic model then finds nothing to reuse in the buffer and refetches it), so a layer is
 * never refused for a small buffer; under ideal memory it costs no time.
 */
function foldSpills(array: SystolicArray, job: GemmJob, map: FoldMapping, ctx: PlanContext): string[] {
  const { rows, cols, dataflow } = array;
  const r = Math.min(rows, map.spatialRows);
  const c = Math.min(cols, map.spatialCols);
  const need = foldNeeds(array, map, ctx.execution.bytes);
  const inner = ctx.boundaries[0];
  const resident = { input: inner.last.input && job.inputOnChip, weight: inner.last.weight && job.weightOnChip, output: false };
  const out: string[] = [];
  for (const role of ['input', 'weight', 'output'] as const) {
    if (!resident[role] && need[role] > inner.capacity[role]) {
      out.push(
        `${role}: one ${dataflow} fold of ${r}×${c} needs ${need[role]} B (double-buffered ${role === 'output' ? 'partial sums' : role + 's'}), SRAM buffer "${inner.level[role]}" has ${inner.capacity[role]} B for it`,
      );
    }
  }
  return out;
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
