import type { TensorRole } from '../config/schemas/common.js';

/**
 * A GEMM's temporal loop nest over the memory levels, in the terms Timeloop's map files use: at
 * each memory boundary, the loops that iterate the tiles held inside it. Loops run over the three
 * GEMM dimensions m (output rows: pixels), n (output columns: filters) and k (the reduction).
 */
export type Dim = 0 | 1 | 2;
export const DIMS: readonly Dim[] = [0, 1, 2];
export const DIM_NAMES = ['m', 'n', 'k'] as const;

/** One loop: a dimension and how many times it iterates. */
export interface Loop {
  readonly dim: Dim;
  readonly count: number;
}

/** The loops just outside one boundary, innermost first (a dimension may appear more than once). */
export interface NestLevel {
  readonly loops: readonly Loop[];
}

/** One level per boundary, innermost first: `levels[d]` iterates the tiles held inside boundary d. */
export interface LoopNest {
  readonly levels: readonly NestLevel[];
}

/** The dimensions that index each tensor: A is m×k, B is k×n, C is m×n. */
export const RELEVANT: Readonly<Record<TensorRole, readonly [boolean, boolean, boolean]>> = {
  input: [true, false, true],
  weight: [false, true, true],
  output: [true, true, false],
};

/**
 * How many times each element of a tensor crosses boundary d: loops of dimensions that do not
 * index it keep its tile in place while they run inside every loop that does (reuse); once a
 * loop that indexes it has moved its tile on, every further loop brings the tile back again.
 */
export function visits(nest: LoopNest, role: TensorRole, d: number): number {
  visitsAt(nest, d, scratchVisits);
  return scratchVisits[role === 'input' ? 0 : role === 'weight' ? 1 : 2];
}
const scratchVisits = [0, 0, 0];

/** `visits` at boundary d of the input, weight and output, in that order, into `out`: one walk for all three. */
export function visitsAt(nest: LoopNest, d: number, out: number[]): void {
  let a = 1;
  let b = 1;
  let c = 1;
  let movedA = false;
  let movedB = false;
  let movedC = false;
  for (let j = d; j < nest.levels.length; j++) {
    const loops = nest.levels[j].loops;
    for (let i = 0; i < loops.length; i++) {
      const { dim, count } = loops[i];
      if (count === 1) continue;
      if (RELEVANT.input[dim]) movedA = true;
      else if (movedA) a *= count;
      if (RELEVANT.weight[dim]) movedB = true;
      else if (movedB) b *= count;
      if (RELEVANT.output[dim]) movedC = true;
      else if (movedC) c *= count;
    }
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** Iterations of a dimension at boundary d and every level outside it. */
export function outerCount(nest: LoopNest, x: Dim, d: number): number {
  let n = 1;
  for (let j = d; j < nest.levels.length; j++) for (const l of nest.levels[j].loops) if (l.dim === x) n *= l.count;
  return n;
}

/** Extent (in units of `extents`) of the tile held inside boundary d, per dimension. */
export function tileExtent(nest: LoopNest, extents: readonly number[], x: Dim, d: number): number {
  return Math.ceil(extents[x] / outerCount(nest, x, d));
}

/**
 * The nest as Timeloop prints a mapping: one line per boundary from the outermost in, each loop
 * `for m in [0:4)`, outermost first, then what the innermost tile spans.
 */
export function describeNest(nest: LoopNest, levelNames: readonly string[]): string[] {
  const lines: string[] = [];
  for (let d = nest.levels.length - 1; d >= 0; d--) {
    const loops = [...nest.levels[d].loops]
      .reverse()
      .filter((l) => l.count > 1)
      .map((l) => `${DIM_NAMES[l.dim]}[0:${l.count})`);
    lines.push(`${levelNames[d]}: ${loops.length ? `for ${loops.join(' ')}` : 'holds its whole tile'}`);
  }
  return lines;
}

/**
 * Tile counts worth trying along an extent: its divisors (tiles with no ragged remainder) and
 * powers of two (near-divisors for awkward extents), thinned to at most `max` spread evenly on a
 * log scale, always with 1 (the whole extent in one tile) and the extent (one unit per tile).
 */
export function tileCounts(extent: number, max: number): number[] {
  const set = new Set<number>([1, extent]);
  for (let p = 2; p < extent; p *= 2) set.add(p);
  for (let i = 2; i * i <= extent; i++)
    if (extent % i === 0) {
      set.add(i);
      set.add(extent / i);
    }
  const all = [...set].sort((a, b) => a - b);
  if (all.length <= max) return all;
  const out = new Set<number>();
  const top = Math.log(extent);
  for (let j = 0; j < max; j++) {
    const target = Math.exp((top * j) / (max - 1));
    out.add(all.reduce((b, c) => (Math.abs(Math.log(c) - Math.log(target)) < Math.abs(Math.log(b) - Math.log(target)) ? c : b)));
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Fills `cum[d]` with the tiles per dimension inside boundary d (the product of the loop counts
 * at level d and outside it), from the outermost in. False when the innermost boundary would have
 * more tiles than a dimension has units: empty tiles.
 */
export function cumulativeTiles(nest: LoopNest, cum: number[][], extents: readonly number[]): boolean {
  const depth = cum.length;
  for (let d = depth - 1; d >= 0; d--) {
    const c = cum[d];
    if (d === depth - 1) c[0] = c[1] = c[2] = 1;
    else {
      c[0] = cum[d + 1][0];
      c[1] = cum[d + 1][1];
      c[2] = cum[d + 1][2];
    }
    const loops = nest.levels[d].loops;
    for (let i = 0; i < loops.length; i++) c[loops[i].dim] *= loops[i].count;
  }
  return cum[0][0] <= extents[0] && cum[0][1] <= extents[1] && cum[0][2] <= extents[2];
}

/**
 * The nest of cumulative tile counts per boundary, with each level's loop order (innermost first):
 * level d iterates boundary-d tiles within boundary-(d+1) ones. Written `into` a nest this built
 * before for as many levels, when given: a search scores thousands of nests and keeps none.
 */
export function nestOfTiles(
  tiles: readonly (readonly number[])[],
  orders: readonly (readonly Dim[])[],
  into?: LoopNest,
): LoopNest {
  const nest = (into ?? { levels: tiles.map((_, d) => ({ loops: orders[d].map(() => ({ dim: 0, count: 1 })) })) }) as Writable;
  for (let d = 0; d < tiles.length; d++) {
    const t = tiles[d];
    const outer = d + 1 < tiles.length ? tiles[d + 1] : undefined;
    const order = orders[d];
    const loops = nest.levels[d].loops;
    for (let i = 0; i < order.length; i++) {
      const dim = order[i];
      loops[i].dim = dim;
      loops[i].count = outer ? Math.ceil(t[dim] / outer[dim]) : t[dim];
    }
  }
  return nest;
}

type Writable = { levels: { loops: { dim: Dim; count: number }[] }[] };
