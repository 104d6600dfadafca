import type { TensorRole } from '../config/schemas/common.js';
import type { Layer } from '../workload/graph.js';
import type { Execution, MapSpace, NestCost, PlanContext, RoleBytes, UnitPlan } from './component.js';
import { DIMS, cumulativeTiles, describeNest, nestOfTiles, tileCounts, visits, type Dim, type LoopNest } from './loop-nest.js';
import type { SystolicArray } from './systolic-array-spec.js';
import { gemmMapped, type GemmJob } from './systolic-job.js';
import { boundaryNames, foldTiles, roomCheck, type FoldedNest } from './systolic-nest.js';

/**
 * The row-stationary dataflow of Eyeriss (Chen, Emer, Sze, ISCA 2016; JSSC 2017). A logical PE
 * set is R rows (filter rows) by E columns (output rows): PE (i, j) keeps filter row i in its
 * filter scratchpad and convolves ifmap row i + j streamed through its ifmap scratchpad, and the
 * column's PEs add their partial-sum rows into output row j. Sets are laid on the physical array:
 * several stacked vertically take different input channels, several side by side different
 * filters, and a long E runs in strips of the array's width.
 *
 * In the loop nest the units are strips along m, filters per set along n and channels per set
 * along k. The tile inside boundary 0 (the scratchpads) is one strip of p filters × q channels,
 * p and q being what each PE interleaves: its scratchpads bound them (an ifmap window of q × S,
 * p partial sums, p × q × S filter weights), and the mapper chooses them as it chooses any tile.
 * One such tile is a pass: every PE runs F × S × q × p MACs.
 */
export interface RowStationary {
  /** The convolution as the PEs see it: filter rows and columns, output rows and columns, channels, filters, batch. */
  readonly R: number;
  readonly S: number;
  readonly E: number;
  readonly F: number;
  readonly C: number;
  readonly K: number;
  readonly N: number;
  readonly strideH: number;
  /** PE rows per set, sets stacked vertically (on channels), and passes a filter taller than the array takes. */
  readonly setRows: number;
  readonly setsDown: number;
  readonly rowFolds: number;
  /** Output rows per strip (PE columns per set) and sets side by side (on filters). */
  readonly strip: number;
  readonly setsAcross: number;
  /** Units per GEMM dimension the nest counts: strips (m), filters per set (n), channels per set (k). */
  readonly extents: readonly [number, number, number];
  /** Scratchpad words per PE: ifmap window, filter weights, partial sums. */
  readonly words: { readonly input: number; readonly weight: number; readonly output: number };
  /** Ifmap rows the strips read over the rows there are (strips overlap by R − stride rows). */
  readonly halo: number;
}

/** Scratchpad words each PE has for a role: the role's level-0 capacity shared by every PE. */
function wordsPerPe(array: SystolicArray, ctx: PlanContext, role: TensorRole, bytes: number): number {
  const inner = ctx.boundaries[0];
  const room = inner && inner.crosses[role] ? inner.capacity[role] : 0;
  return Math.floor(room / (array.rows * array.cols) / bytes);
}

const psumWidth = (array: SystolicArray, e: Execution) => Math.max(array.accumulatorBytes, e.bytes.output);

/** How a layer lays on a row-stationary array; a matmul is a 1×1 convolution over m output rows of one column. */
export function rowStationary(array: SystolicArray, layer: Layer, job: GemmJob, ctx: PlanContext): RowStationary {
  const op = layer.op;
  const e = ctx.execution;
  const conv =
    op.kind === 'conv'
      ? {
          R: op.kernelH,
          S: op.kernelW,
          E: op.outH,
          F: op.outW,
          C: op.inChannels / op.groups,
          K: op.outChannels / op.groups,
          N: op.batch,
          strideH: op.strideH,
        }
      : { R: 1, S: 1, E: job.gemm.m, F: 1, C: job.gemm.k, K: job.gemm.n, N: 1, strideH: 1 };
  const K = Math.max(1, Math.ceil(conv.K * e.nScale));
  const { R, E, C, N, strideH } = conv;
  const rowFolds = Math.ceil(R / array.rows);
  const setRows = Math.ceil(R / rowFolds);
  const setsDown = Math.max(1, Math.min(Math.floor(array.rows / setRows), C));
  const strips = Math.ceil(E / array.cols);
  const strip = Math.ceil(E / strips);
  const setsAcross = Math.max(1, Math.min(Math.floor(array.cols / strip), K));
  return {
    ...conv,
    K,
    setRows,
    setsDown,
    rowFolds,
    strip,
    setsAcross,
    extents: [N * strips, Math.ceil(K / setsAcross), Math.ceil(C / setsDown) * rowFolds],
    words: {
      input: wordsPerPe(array, ctx, 'input', e.bytes.input),
      weight: wordsPerPe(array, ctx, 'weight', e.bytes.weight),
      output: wordsPerPe(array, ctx, 'output', psumWidth(array, e)),
    },
    halo: (strips * ((strip - 1) * strideH + R)) / ((E - 1) * strideH + R),
  };
}

/** One line for the result: how the sets sit on the PEs and what each PE interleaves. */
function describeRowStationary(rs: RowStationary, tile: readonly number[], passes: number, passCycles: number): string {
  const down =
    rs.rowFolds > 1
      ? `${rs.R}-row filters in ${rs.rowFolds} parts of ${rs.setRows} rows`
      : `${rs.setsDown} set(s) of ${rs.setRows} filter rows down (channels)`;
  return `row-stationary: ${down} × ${rs.setsAcross} set(s) of ${rs.strip} output rows across (filters); each PE ${tile[1]} filter(s) × ${tile[2]} channel(s); ${passes} passes of ${passCycles} cycles`;
}

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];

/**
 * The loop nests of a layer on a row-stationary array. Into the scratchpads the ifmap streams
 * again for every filter tile and partial sums leave after every pass (no loop order keeps them
 * there); only the filters stay while the strips that reuse them pass, if the level-0 order runs
 * strips innermost. Outer levels hold tiles like any buffer.
 */
export function rowStationarySpace(array: SystolicArray, layer: Layer, job: GemmJob, ctx: PlanContext): MapSpace {
  return rowStationaryNests(array, layer, job, ctx).space;
}

/**
 * The array's own mapping (no search): of the filters and channels per PE its scratchpads
 * allow, the pair whose fixed order (rowStationaryFixed) moves the fewest off-chip bytes, then
 * moves the fewest bytes on chip, takes the fewest cycles and loads the least before its first
 * pass, as the Eyeriss compiler picks its mapping per layer. More room only
 * adds pairs to choose from. Where no pair's tiles fit outside the scratchpads, they stream.
 */
export function planRowStationary(array: SystolicArray, layer: Layer, job: GemmJob, ctx: PlanContext): UnitPlan {
  const { space, evaluate, plan, rs } = rowStationaryNests(array, layer, job, ctx);
  const depth = ctx.boundaries.length;
  const offChip = (ev: FoldedNest) =>
    ev.cost.traffic.reduce((sum, t, d) => {
      const last = ctx.boundaries[d].last;
      return sum + ROLES.reduce((s, r) => s + (last[r] ? t.fills[r] + t.drains[r] : 0), 0);
    }, 0);
  let best: { nest: LoopNest; ev: NonNullable<ReturnType<typeof evaluate>>; key: number[] } | undefined;
  for (const [p, q] of scratchpadChoices(rs, space.extents)) {
    const nest = rowStationaryFixed(space, depth, p, q);
    const ev = evaluate(nest, 0);
    if (!ev) continue;
    const bytes = offChip(ev);
    const moved = ev.cost.traffic.reduce((s, t) => s + sumRoles(t.fills) + sumRoles(t.drains), 0);
    const key = [bytes, moved, ev.cost.computeCycles, ev.firstLoads.reduce((s, f) => s + sumRoles(f), 0)];
    if (!best || before(key, best.key)) best = { nest, ev, key };
  }
  if (best) return plan(best.nest, best.ev);
  const nest = rowStationaryFixed(space, depth, 1, 1);
  const streamed = plan(nest, evaluate(nest, depth)!);
  const spills = ["one pass's tiles do not fit the levels outside the scratchpads: they stream through them"];
  return { ...streamed, mapping: { ...streamed.mapping!, spills } };
}

const sumRoles = (r: RoleBytes) => r.input + r.weight + r.output;

/** Whether a comes before b, number by number. */
const before = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
};

/** The (filters, channels) per PE the scratchpads hold: q × S ifmap words, p partial sums, p × q × S filter weights. */
function scratchpadChoices(rs: RowStationary, extents: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  const qMax = Math.max(1, Math.min(Math.floor(rs.words.input / rs.S), Math.floor(rs.words.weight / rs.S), extents[2]));
  for (let q = qMax; q >= 1; q--) {
    const pMax = Math.max(1, Math.min(rs.words.output, Math.floor(rs.words.weight / (q * rs.S)), extents[1]));
    // Only counts that change the groups: ⌈n / p⌉ distinct.
    let last = 0;
    for (let p = pMax; p >= 1; p--) {
      const groups = Math.ceil(extents[1] / p);
      if (groups === last) continue;
      last = groups;
      out.push([Math.ceil(extents[1] / groups), Math.ceil(extents[2] / Math.ceil(extents[2] / q))]);
    }
  }
  return out;
}

function rowStationaryNests(array: SystolicArray, layer: Layer, job: GemmJob, ctx: PlanContext) {
  const rs = rowStationary(array, layer, job, ctx);
  const { extents } = rs;
  const room = roomCheck(array, job, ctx, extents);
  const depth = ctx.boundaries.length;
  const { instances } = job.gemm;
  const e = ctx.execution;
  const resident = { input: job.inputOnChip, weight: job.weightOnChip, output: false };
  const moves = ctx.boundaries.map((bd) => ROLES.map((role) => bd.crosses[role] && !(bd.last[role] && resident[role])));
  const finalOut = ctx.boundaries.map((bd) => (bd.last.output && ctx.keepOutputOnChip ? 0 : job.outputBytes));
  const acc = psumWidth(array, e);
  const psumBytes = job.elements.c * acc;
  // Every MAC reads its ifmap value and filter weight from the scratchpads and updates its partial sum there.
  const port: NestCost['port'] = {
    reads: { input: e.macsIssued * e.bytes.input, weight: e.macsIssued * e.bytes.weight, output: e.macsIssued * acc },
    writes: { input: 0, weight: 0, output: e.macsIssued * acc },
  };
  const perMac = e.kScale / e.throughput;
  // A scratchpad tile: one strip, p filters, q channels within the PE's words.
  const spads = (tile: readonly number[]) => {
    const [strips, p, q] = tile;
    return strips === 1 && q * rs.S <= rs.words.input && p <= rs.words.output && p * q * rs.S <= rs.words.weight;
  };
  const tileOf = [0, 0, 0];
  const sizeOf = (counts: readonly number[]) => {
    for (const x of DIMS) tileOf[x] = Math.ceil(extents[x] / counts[x]);
    return tileOf;
  };
  const cum: number[][] = Array.from({ length: depth }, () => [1, 1, 1]);

  const evaluate = (nest: LoopNest, roomFrom: number): (FoldedNest & { passCycles: number; tile: number[] }) | undefined => {
    if (!cumulativeTiles(nest, cum, extents)) return undefined;
    for (let d = roomFrom; d < depth; d++) if (!(d === 0 ? spads(sizeOf(cum[0])) : room(d, sizeOf(cum[d])))) return undefined;
    // A pass is the scratchpad tile; a nest whose level 0 is not tiled yet costs one big pass, a
    // bound: finer tiles only add passes of ragged, partly idle filter and channel groups.
    const tile = [...sizeOf(cum[0])];
    const passes = instances * cum[0][0] * cum[0][1] * cum[0][2];
    const passCycles = Math.max(1, Math.ceil(rs.F * rs.S * tile[1] * tile[2] * perMac));
    const traffic = [];
    const firstLoads: RoleBytes[] = [];
    for (let d = 0; d < depth; d++) {
      const [mi, mw, mo] = moves[d];
      const size = sizeOf(cum[d]);
      const share = (x: Dim) => size[x] / extents[x];
      const fills: RoleBytes = { input: 0, weight: 0, output: 0 };
      const drains: RoleBytes = { input: 0, weight: 0, output: 0 };
      const first: RoleBytes = { input: 0, weight: 0, output: 0 };
      if (mi) {
        fills.input = instances * job.inputBytes * (d === 0 ? cum[0][1] * rs.halo : visits(nest, 'input', d));
        first.input = share(0) * share(2) * job.inputBytes * (d === 0 ? rs.halo : 1);
      }
      if (mw) {
        fills.weight = instances * job.weightBytes * visits(nest, 'weight', d);
        first.weight = share(1) * share(2) * job.weightBytes;
      }
      if (mo) {
        const psum = ((d === 0 ? cum[0][2] : visits(nest, 'output', d)) - 1) * psumBytes;
        fills.output = instances * psum;
        drains.output = instances * (psum + finalOut[d]);
      }
      traffic.push({ fills, drains });
      firstLoads.push(first);
    }
    const computeCycles = passes * passCycles + rs.setRows + rs.S;
    return { cost: { computeCycles, port, traffic }, folds: passes, firstLoads, passCycles, tile };
  };

  const plan = (nest: LoopNest, ev: NonNullable<ReturnType<typeof evaluate>>): UnitPlan => ({
    runs: foldTiles(ev, ctx),
    computeCycles: ev.cost.computeCycles,
    port: ev.cost.port,
    traffic: ev.cost.traffic,
    // The scratchpads are the PEs' registers here, counted as level-0 reads and writes (the port).
    actions: { [`mac.${e.macPrecision}`]: e.macsIssued - e.macsGated },
    vectorOps: 0,
    mapping: {
      ...gemmMapped(array, job),
      rowFolds: Math.ceil(extents[2] / ev.tile[2]),
      colFolds: extents[0],
      folds: ev.folds,
      spatial: describeRowStationary(rs, ev.tile, ev.folds, ev.passCycles),
      loopNest: describeNest(nest, boundaryNames(ctx)),
    },
  });

  const space: MapSpace = {
    extents,
    fits: (tiles, d) => (d === 0 ? spads(sizeOf(tiles)) : room(d, sizeOf(tiles))),
    cost: (nest, roomFrom) => evaluate(nest, roomFrom ?? 0)?.cost,
    plan(nest) {
      const ev = evaluate(nest, 0);
      if (!ev) throw new Error(`layer "${job.layerName}": the mapping's tiles do not fit`);
      return plan(nest, ev);
    },
  };
  return { space, evaluate, plan, rs };
}

/**
 * The fixed order with p filters and q channels per PE. At the scratchpads strips run innermost
 * (the filters stay while every strip of the ifmap passes), then channel groups, then filter
 * groups; at each outer level, the largest tiles that fit (counts dividing the groups), among
 * equals the one that splits strips most. Nothing fitting at a level, its tiles are single passes.
 */
export function rowStationaryFixed(space: MapSpace, depth: number, p: number, q: number): LoopNest {
  const E = space.extents;
  const inner = [E[0], Math.ceil(E[1] / p), Math.ceil(E[2] / q)];
  const tiles: number[][] = Array.from({ length: depth }, () => [...inner]);
  for (let d = depth - 1; d >= 1; d--) {
    const outer = d + 1 < depth ? tiles[d + 1] : [1, 1, 1];
    const counts = DIMS.map((x) => tileCounts(inner[x], Infinity).filter((c) => inner[x] % c === 0 && c % outer[x] === 0));
    let best: number[] | undefined;
    for (const m of [...counts[0]].reverse())
      for (const n of counts[1])
        for (const k of counts[2]) {
          if (best && m * n * k >= best[0] * best[1] * best[2]) continue;
          if (space.fits([m, n, k], d)) best = [m, n, k];
        }
    tiles[d] = best ?? [...inner];
  }
  const order: readonly Dim[] = [0, 2, 1];
  return nestOfTiles(
    tiles,
    tiles.map(() => order),
  );
}

/**
 * The least scratchpad room a row-stationary array needs per role to run a layer at all: each
 * PE an ifmap window and a filter row of one channel, and one partial sum.
 */
export function rowStationaryNeeds(array: SystolicArray, layer: Layer, e: Execution): RoleBytes {
  const S = layer.op.kind === 'conv' ? layer.op.kernelW : 1;
  const pes = array.rows * array.cols;
  return { input: pes * S * e.bytes.input, weight: pes * S * e.bytes.weight, output: pes * psumWidth(array, e) };
}
