import type { TensorRole } from '../config/schemas/common.js';
import type { BoundaryTraffic, MapSpace, NestCost, PlanContext, RoleBytes, UnitPlan } from './component.js';
import { DIMS, RELEVANT, cumulativeTiles, describeNest, visitsAt, type Dim, type LoopNest } from './loop-nest.js';
import type { SystolicArray } from './systolic-array-spec.js';
import { mapGemm, type FoldMapping } from './systolic-folds.js';
import { gemmMapped, type GemmJob } from './systolic-job.js';
import { arrayActions, portTraffic, type SramElements } from './systolic-plan.js';
import { route, TileChunker, type Tile, type TileRun } from './tiles.js';

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];

/**
 * Which GEMM dimension the array lays on its rows, which on its columns and which it streams
 * (m = 0, n = 1, k = 2), as in `mapGemm`.
 */
function axesOf(array: SystolicArray): { row: Dim; col: Dim; stream: Dim } {
  return array.dataflow === 'os'
    ? { row: 0, col: 1, stream: 2 }
    : array.dataflow === 'ws'
      ? { row: 2, col: 1, stream: 0 }
      : { row: 2, col: 0, stream: 1 };
}

/**
 * The loop nests a GEMM layer can run with on the array: its spatial dimensions tile in whole
 * folds, its streamed one in elements. Inside the innermost tile the array runs its own fold
 * order (column folds outer, row folds inner, the tile's stream through each).
 */
export function gemmMapSpace(array: SystolicArray, job: GemmJob, ctx: PlanContext): MapSpace {
  const base = mapGemm(array, job.gemm);
  const ax = axesOf(array);
  const extents: [number, number, number] = [0, 0, 0];
  extents[ax.row] = base.rowFolds;
  extents[ax.col] = base.colFolds;
  extents[ax.stream] = base.temporal;
  const room = roomCheck(array, job, ctx, extents);
  const costOf = nestCoster(array, job, ctx, extents, ax, room);
  const tileOf = [0, 0, 0];
  return {
    extents,
    // Spatial tiles are whole folds: larger ones only take refetches and reads away. The streamed
    // one is not: a ragged count can stream fewer elements in all than a coarser one.
    monotone: [ax.stream !== 0, ax.stream !== 1, ax.stream !== 2],
    fits(tiles, d) {
      for (const x of DIMS) tileOf[x] = Math.ceil(extents[x] / tiles[x]);
      return room(d, tileOf);
    },
    cost: (nest, roomFrom) => costOf(nest, roomFrom ?? 0)?.cost,
    plan(nest) {
      const c = costOf(nest, 0, true);
      if (!c) throw new Error(`layer "${job.layerName}": the mapping's tiles do not fit`);
      return nestPlan(array, job, ctx, nest, c);
    },
  };
}

/** Share of a role's tensor in a tile of the given extents (in units). */
function shareOf(rel: readonly boolean[], tile: readonly number[], extents: readonly number[]): number {
  let share = 1;
  for (let x = 0; x < 3; x++) if (rel[x]) share *= tile[x] / extents[x];
  return share;
}

/**
 * Whether the tiles held inside boundary d fit, double-buffered: roles that share a level share
 * its room as the nest's tiles need it. Partial sums are held at the accumulators' width.
 */
export function roomCheck(array: SystolicArray, job: GemmJob, ctx: PlanContext, extents: readonly number[]) {
  const b = ctx.execution.bytes;
  const size: RoleBytes = { input: job.inputBytes, weight: job.weightBytes, output: job.outputBytes };
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };
  const psumWidth = array.partialSums === 'buffer' && extents[2] > 1 ? Math.max(array.accumulatorBytes, b.output) : b.output;
  // Per boundary, the levels inside it with their room and the roles they hold (bytes of a whole tensor).
  const groups = ctx.boundaries.map((bd) => {
    const byLevel = new Map<string, { room: number; roles: { rel: readonly boolean[]; bytes: number }[] }>();
    for (const role of ROLES) {
      if (!bd.crosses[role] || (bd.last[role] && resident[role])) continue;
      const g = byLevel.get(bd.level[role]) ?? { room: 0, roles: [] };
      g.room += bd.capacity[role];
      g.roles.push({ rel: RELEVANT[role], bytes: role === 'output' ? job.elements.c * psumWidth : size[role] });
      byLevel.set(bd.level[role], g);
    }
    return [...byLevel.values()];
  });
  return (d: number, tile: readonly number[]): boolean => {
    for (const g of groups[d]) {
      let want = 0;
      for (const r of g.roles) want += 2 * shareOf(r.rel, tile, extents) * r.bytes;
      if (want > g.room) return false;
    }
    return true;
  };
}

interface Evaluated {
  readonly cost: NestCost;
  readonly fold: FoldMapping;
  readonly folds: number;
  readonly el: SramElements;
  readonly firstLoads: RoleBytes[];
}

/**
 * Costs nests of one layer on the array: bytes at each boundary from the loops' reuse, cycles
 * from the folds. The search scores thousands of nests per layer and reads each cost once, so
 * unless `fresh` is asked for, the figures are written into one set of objects that the next
 * call overwrites.
 */
function nestCoster(
  array: SystolicArray,
  job: GemmJob,
  ctx: PlanContext,
  extents: readonly number[],
  ax: { row: Dim; col: Dim; stream: Dim },
  room: ReturnType<typeof roomCheck>,
) {
  const { instances } = job.gemm;
  const b = ctx.execution.bytes;
  const buffered = array.partialSums === 'buffer';
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };
  const stationary: TensorRole = array.dataflow === 'os' ? 'output' : array.dataflow === 'ws' ? 'weight' : 'input';
  // The array's folds for a stream tile of `stream` elements.
  const foldBy = new Map<number, FoldMapping>();
  const foldOf = (stream: number): FoldMapping => {
    let fold = foldBy.get(stream);
    if (!fold) {
      const dims = [job.gemm.m, job.gemm.n, job.gemm.k];
      dims[ax.stream] = stream;
      foldBy.set(stream, (fold = mapGemm(array, { m: dims[0], n: dims[1], k: dims[2], instances })));
    }
    return fold;
  };
  const depth = ctx.boundaries.length;
  // What crosses each boundary, as plain flags: this runs thousands of times per layer.
  const moves = ctx.boundaries.map((bd) => ROLES.map((role) => bd.crosses[role] && !(bd.last[role] && resident[role])));
  const finalOut = ctx.boundaries.map((bd) => (bd.last.output && ctx.keepOutputOnChip ? 0 : job.outputBytes));
  const sizeA = job.inputBytes;
  const sizeB = job.weightBytes;
  const psumBytes = job.elements.c * array.accumulatorBytes;
  const cum: number[][] = Array.from({ length: depth }, () => [1, 1, 1]);
  const tile = [0, 0, 0];
  const reuse = [0, 0, 0];
  const roles = () => ({ input: 0, weight: 0, output: 0 });
  const figures = () => ({
    traffic: Array.from({ length: depth }, (): BoundaryTraffic => ({ fills: roles(), drains: roles() })),
    firstLoads: Array.from({ length: depth }, roles),
    unhidden: Array.from({ length: depth }, roles),
    el: { inputReads: 0, weightReads: 0, outputWrites: 0, outputReads: 0 },
    port: { reads: roles(), writes: roles() },
  });
  const scratch = figures();
  const scratchCost: { -readonly [K in keyof NestCost]: NestCost[K] } = {
    computeCycles: 0,
    port: scratch.port,
    traffic: scratch.traffic,
    firstLoads: scratch.unhidden,
  };
  const scratchEv: { -readonly [K in keyof Evaluated]: Evaluated[K] } = {
    cost: scratchCost,
    fold: foldOf(extents[ax.stream]),
    folds: 0,
    el: scratch.el,
    firstLoads: scratch.firstLoads,
  };

  return (nest: LoopNest, roomFrom: number, fresh = false): Evaluated | undefined => {
    if (!cumulativeTiles(nest, cum, extents)) return undefined;
    for (let d = roomFrom; d < depth; d++) {
      for (let x = 0; x < 3; x++) tile[x] = Math.ceil(extents[x] / cum[d][x]);
      if (!room(d, tile)) return undefined;
    }
    const streamTiles = cum[0][ax.stream];
    const stream = Math.ceil(extents[ax.stream] / streamTiles);
    const fold = foldOf(stream);
    const out = fresh ? figures() : scratch;
    for (let d = 0; d < depth; d++) {
      const move = moves[d];
      const c = cum[d];
      const { fills, drains } = out.traffic[d];
      const first = out.firstLoads[d];
      // What the search's bound may count: the first loads of the boundaries already tiled.
      const unhidden = out.unhidden[d];
      visitsAt(nest, d, reuse);
      fills.input = move[0] ? instances * sizeA * reuse[0] : 0;
      fills.weight = move[1] ? instances * sizeB * reuse[1] : 0;
      // Partial sums leave and return on every visit but the last; with accumulators they stay in the array.
      const psum = move[2] && buffered ? (reuse[2] - 1) * psumBytes : 0;
      fills.output = instances * psum;
      drains.input = drains.weight = 0;
      drains.output = move[2] ? instances * (psum + finalOut[d]) : 0;
      const tk = Math.ceil(extents[2] / c[2]) / extents[2];
      first.input = move[0] ? (Math.ceil(extents[0] / c[0]) / extents[0]) * tk * sizeA : 0;
      first.weight = move[1] ? (Math.ceil(extents[1] / c[1]) / extents[1]) * tk * sizeB : 0;
      first.output = 0;
      const bounded = d >= roomFrom;
      unhidden.input = bounded ? Math.min(first.input, fills.input) : 0;
      unhidden.weight = bounded ? Math.min(first.weight, fills.weight) : 0;
      unhidden.output = 0;
    }

    // Every fold reads its whole tile of each operand from the level next to the array: an
    // operand is read again for each fold along the dimensions that do not index it.
    const units = [0, 0, 0];
    units[ax.row] = extents[ax.row];
    units[ax.col] = extents[ax.col];
    units[ax.stream] = streamTiles;
    const cores = fold.coreSplit === 'stream' ? array.cores : 1;
    const { el } = out;
    el.inputReads = job.elements.a * units[1] * (stationary === 'input' ? cores : 1);
    el.weightReads = job.elements.b * units[0] * (stationary === 'weight' ? cores : 1);
    el.outputWrites = job.elements.c * units[2];
    el.outputReads = job.elements.c * (units[2] - 1);
    portTraffic(array, job, el, b, out.port);
    const folds = instances * extents[ax.row] * extents[ax.col] * streamTiles;
    const computeCycles =
      array.foldTiming === 'pipelined'
        ? folds * fold.pipelinedFoldCycles + fold.pipelineOverheadCycles
        : folds * fold.sequentialFoldCycles - 1;
    if (!fresh) {
      scratchCost.computeCycles = computeCycles;
      scratchEv.fold = fold;
      scratchEv.folds = folds;
      return scratchEv;
    }
    return {
      cost: { computeCycles, port: out.port, traffic: out.traffic, firstLoads: out.unhidden },
      fold,
      folds,
      el,
      firstLoads: out.firstLoads,
    };
  };
}

/** What a nest's tiles are built from: its cost, how many folds it runs and each level's first tile. */
export interface FoldedNest {
  readonly cost: NestCost;
  readonly folds: number;
  readonly firstLoads: readonly RoleBytes[];
}

/**
 * The layer's tiles for the engine: one per fold, merged into at most `maxTiles`. The first
 * loads the first tile of every level (nothing can overlap it); the rest of each boundary's
 * traffic spreads evenly over the folds, which double buffering overlaps with compute.
 */
export function foldTiles(ev: FoldedNest, ctx: PlanContext): TileRun[] {
  const { cost, folds } = ev;
  const perFold = (pick: (t: BoundaryTraffic, d: number) => RoleBytes, share: number) =>
    cost.traffic.map((t, d) => scaleRoles(pick(t, d), share));
  const first = ev.firstLoads.map((f, d) => minRoles(f, cost.traffic[d].fills));
  const rest = cost.traffic.map((t, d) => subtractRoles(t.fills, first[d]));
  const later = folds > 1 ? 1 / (folds - 1) : 0;
  const storesEach = perFold((t) => t.drains, 1 / folds);
  const body = Math.floor(cost.computeCycles / folds);
  const extra = cost.computeCycles - body * folds;
  const tile = (cycles: number, loads: RoleBytes[]): Tile => ({
    computeCycles: cycles,
    loads: route(ctx.boundaries, ctx.channels, loads),
    stores: route(ctx.boundaries, ctx.channels, storesEach),
  });
  const chunker = new TileChunker(folds, ctx.maxTiles);
  // The first fold also carries the cycles that do not divide evenly (pipeline fill and drain).
  chunker.add(tile(body + extra, folds > 1 ? first : cost.traffic.map((t) => t.fills)));
  if (folds > 1)
    chunker.add(
      tile(
        body,
        rest.map((r) => scaleRoles(r, later)),
      ),
      folds - 1,
    );
  return chunker.runs();
}

/** The names of the levels inside each boundary, for the nest's description ("ifmap-spad+psum-spad"). */
export const boundaryNames = (ctx: PlanContext): string[] =>
  ctx.boundaries.map((bd) => [...new Set(ROLES.filter((r) => bd.crosses[r]).map((r) => bd.level[r]))].join('+'));

/** The layer's plan with one nest on the array. */
function nestPlan(array: SystolicArray, job: GemmJob, ctx: PlanContext, nest: LoopNest, ev: Evaluated): UnitPlan {
  const { cost, folds, fold } = ev;
  const runs = foldTiles(ev, ctx);
  const levelNames = boundaryNames(ctx);
  return {
    runs,
    computeCycles: cost.computeCycles,
    port: cost.port,
    traffic: cost.traffic,
    actions: arrayActions(array, job, ev.el, ctx.execution),
    vectorOps: 0,
    mapping: {
      ...gemmMapped(array, job),
      rowFolds: fold.rowFolds,
      colFolds: fold.colFolds,
      folds,
      loopNest: describeNest(nest, levelNames),
    },
  };
}

const scaleRoles = (r: Readonly<RoleBytes>, k: number): RoleBytes => ({
  input: r.input * k,
  weight: r.weight * k,
  output: r.output * k,
});
const minRoles = (a: Readonly<RoleBytes>, b: Readonly<RoleBytes>): RoleBytes => ({
  input: Math.min(a.input, b.input),
  weight: Math.min(a.weight, b.weight),
  output: Math.min(a.output, b.output),
});
const subtractRoles = (a: Readonly<RoleBytes>, b: Readonly<RoleBytes>): RoleBytes => ({
  input: a.input - b.input,
  weight: a.weight - b.weight,
  output: a.output - b.output,
});
