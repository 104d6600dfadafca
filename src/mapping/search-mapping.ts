import { timedChannels, type Arch } from '../hardware/arch.js';
import type { Boundary, MapSpace, NestCost } from '../hardware/component.js';
import { DIMS, nestOfTiles, tileCounts, type Dim, type LoopNest } from '../hardware/loop-nest.js';
import { onNetwork, type SramBuffer } from '../hardware/sram.js';
import { crossings } from './level-bytes.js';

/**
 * How layers are laid onto a unit: `search` (the default) picks a loop nest per layer by a
 * budgeted search, `exhaustive` finds the best nest of each layer's whole space, `fixed` keeps
 * the unit's own fold order, `scalesim` keeps SCALE-Sim v2's conventions (today that fold order).
 */
export type MappingMode = 'search' | 'exhaustive' | 'fixed' | 'scalesim';

/** What the mapper minimises: energy, latency or their product. */
export type MappingObjective = 'energy' | 'latency' | 'edp';

/** The prices that rank loop nests: per byte at every level, and the chip's static power. */
export interface MapPrices {
  /** Joules per byte read and written, by SRAM level name. */
  readonly sram: ReadonlyMap<string, { readonly read: number; readonly write: number }>;
  /** Joules per byte moved to or from off-chip memory. */
  readonly dramPerByte: number;
  /** Joules per on-chip byte on the network-on-chip (its hops included). */
  readonly nocPerByte: number;
  readonly staticWatts: number;
}

/** A layer's estimated energy (J) and cycles under one nest: roofline time, priced bytes. */
export interface NestScore {
  readonly joules: number;
  readonly cycles: number;
  /** Cycles without the first fold's unhidden load: what no finer tiling of the nest can go below. */
  readonly floorCycles: number;
}

const ROLES = ['input', 'weight', 'output'] as const;

/**
 * Scores a nest's cost without playing it: bytes at every level priced, time as the longest of
 * compute and each channel's transfers (double buffering overlaps them). A byte crossing a
 * boundary is read on one side and written on the other, so each role's fills and drains at each
 * boundary, and its port reads and writes, have one price each, worked out once per arch. With
 * `prologue`, the first fold's loads (which nothing hides) come before the compute. The score
 * is read at once: the next call writes over it.
 */
export function nestScorer(
  arch: Arch,
  prices: MapPrices,
  prologue = false,
): (c: NestCost, boundaries: readonly Boundary[]) => NestScore {
  const perCycle = timedChannels(arch).map((c) => (c.ideal ? Infinity : c.bytesPerSecond / arch.clockHz));
  const onChip = (name: string) => prices.sram.get(name)!;
  const noc = (b: SramBuffer) => (onNetwork(b) ? prices.nocPerByte : 0);
  const read = (b: SramBuffer | undefined) => (b ? onChip(b.name).read + noc(b) : prices.dramPerByte);
  const write = (b: SramBuffer | undefined) => (b ? onChip(b.name).write + noc(b) : prices.dramPerByte);
  const price = ROLES.map((role) => {
    const path = crossings(arch, role);
    return {
      portRead: path.length ? read(path[0].inner) : 0,
      portWrite: path.length ? write(path[0].inner) : 0,
      fill: path.map(({ inner, outer }) => write(inner) + read(outer)),
      drain: path.map(({ inner, outer }) => read(inner) + write(outer)),
    };
  });
  const channels = new Array<number>(perCycle.length);
  const firsts = new Array<number>(perCycle.length);
  const [pi, pw, po] = price;
  const score = { joules: 0, cycles: 0, floorCycles: 0 };
  // Roles unrolled: keyed access by a role variable costs more than the arithmetic here.
  return (c, boundaries) => {
    const { reads, writes } = c.port;
    let joules =
      reads.input * pi.portRead +
      writes.input * pi.portWrite +
      reads.weight * pw.portRead +
      writes.weight * pw.portWrite +
      reads.output * po.portRead +
      writes.output * po.portWrite;
    channels.fill(0);
    for (let d = 0; d < c.traffic.length; d++) {
      const { fills, drains } = c.traffic[d];
      const ch = boundaries[d].channel;
      if (d < pi.fill.length) {
        joules += fills.input * pi.fill[d] + drains.input * pi.drain[d];
        if (ch.input >= 0) channels[ch.input] += fills.input + drains.input;
      }
      if (d < pw.fill.length) {
        joules += fills.weight * pw.fill[d] + drains.weight * pw.drain[d];
        if (ch.weight >= 0) channels[ch.weight] += fills.weight + drains.weight;
      }
      if (d < po.fill.length) {
        joules += fills.output * po.fill[d] + drains.output * po.drain[d];
        if (ch.output >= 0) channels[ch.output] += fills.output + drains.output;
      }
    }
    // Nothing computes before the first fold's loads have landed.
    let first = 0;
    if (prologue && c.firstLoads) {
      firsts.fill(0);
      for (let d = 0; d < c.firstLoads.length; d++) {
        const f = c.firstLoads[d];
        const ch = boundaries[d].channel;
        if (ch.input >= 0) firsts[ch.input] += f.input;
        if (ch.weight >= 0) firsts[ch.weight] += f.weight;
        if (ch.output >= 0) firsts[ch.output] += f.output;
      }
      for (let i = 0; i < firsts.length; i++) first = Math.max(first, firsts[i] / perCycle[i]);
    }
    let floorCycles = c.computeCycles;
    for (let i = 0; i < channels.length; i++) floorCycles = Math.max(floorCycles, channels[i] / perCycle[i]);
    const cycles = Math.max(floorCycles, c.computeCycles + first);
    score.joules = joules + (prices.staticWatts * cycles) / arch.clockHz;
    score.cycles = cycles;
    score.floorCycles = floorCycles;
    return score;
  };
}

/** The number the objective minimises. */
export const objectiveValue = (s: NestScore, objective: MappingObjective): number =>
  objective === 'energy' ? s.joules : objective === 'latency' ? s.cycles : s.joules * s.cycles;

/** The best nest found, with its cost and objective value. */
export interface ChosenNest {
  readonly nest: LoopNest;
  readonly value: number;
  /** Nests scored to find it. */
  readonly tried: number;
  /** How it was found. */
  readonly by: 'search' | 'exhaustive';
}

/**
 * Nests the default search scores per layer before it settles for the best found. Against the
 * exhaustive optimum's EDP on eyeriss-like, 2,500 finds it on ResNet-50, ResNet-18 and
 * MobileNetV1/V2 and comes within 0.02 % on Inception-v1, with VGG-16 conv3_1 at its optimum's
 * 3.2× compulsory bytes; 2,000 left ResNet-18 0.06 % above, 1,500 ResNet-50 1.1 %, and 1,000
 * conv3_1 at 5.8×. Most layers end their search well inside it.
 */
export const SEARCH_BUDGET = 2500;

/**
 * Tile counts per dimension the default search tries, round by round: thinned sets (divisors and
 * powers of two, spread on a log scale) find a good nest fast, and the full set, seeded with it,
 * cuts most branches. Rounds of 9 and all counts left Inception-v1 0.3 % above the optimum; one
 * round of all counts ran out of budget on conv3_1 far from it (10×), as 3, 6, 12 and all did.
 */
const ROUNDS = [9, 20, Infinity];

/**
 * Finds a loop nest for one layer: tile counts at each boundary (cumulative, so boundary d holds
 * tiles no larger than boundary d+1's, each count a divisor or a power of two) and a loop order
 * at each level. Branch and bound from the outermost level in: with the levels inside a
 * boundary not yet tiled (their tiles as large as its own, their room unchecked) a nest's cost
 * is a lower bound on every way of tiling them, since inner loops only add refetches and folds.
 * Choices are expanded best bound first and a branch whose bound is no better than the best
 * complete nest (the `incumbent`, a value already in hand, from the start) is cut.
 *
 * With `exact`, a complete nest's value is exact(nest), or any number no smaller than the cutoff
 * it is given when it is not below it, and `value` only bounds it from below: at the innermost
 * level finer tilings are tried too. A `value` that can fall as tiles shrink (the first tile's
 * unhidden load) comes with a `floor` that cannot, which ends each chain of finer k tilings.
 * Undefined when no nest fits (even one fold's tiles are too big) or none beats the incumbent:
 * the unit's fixed order then runs the layer.
 */
export function chooseNest(
  space: MapSpace,
  depth: number,
  value: (c: NestCost) => number,
  mode: 'search' | 'exhaustive',
  { incumbent = Infinity, exact, floor = value }: ChooseOptions = {},
): ChosenNest | undefined {
  let cands: number[][] = [];
  // The exhaustive mode runs the branch and bound once on every count with no budget, so it finds
  // the best nest of the whole space (as an exhaustive walk does, much faster).
  const exhaustive = mode === 'exhaustive';
  const budget = exhaustive ? Infinity : SEARCH_BUDGET;
  let tried = 0;
  let best: { tiles: number[][]; orders: (readonly Dim[])[]; value: number } | undefined;
  // The nest being scored: tile counts and order per level, written in place (one nest object for all).
  const tiles: number[][] = Array.from({ length: depth }, () => [1, 1, 1]);
  const orders: (readonly Dim[])[] = Array.from({ length: depth }, () => ALL_ORDERS[0]);
  const scratch = nestOfTiles(tiles, orders);
  const better = (v: number) => v < (best ? best.value : incumbent) * (1 - 1e-12);
  // Levels up to d take tiles (m, n, k) and order o (those inside as large, unchecked).
  const place = (d: number, m: number, n: number, k: number, o: number) => {
    for (let j = 0; j <= d; j++) {
      const t = tiles[j];
      t[0] = m;
      t[1] = n;
      t[2] = k;
      orders[j] = ALL_ORDERS[o];
    }
  };
  let cost: NestCost | undefined;
  const bound = (d: number, m: number, n: number, k: number, o: number): number => {
    place(d, m, n, k, o);
    tried++;
    cost = space.cost(nestOfTiles(tiles, orders, scratch), d);
    return cost ? value(cost) : Infinity;
  };
  // The floor never grows with the tile, so for each m and n tiling and order the k tilings are
  // taken coarsest first, the next one scored only when this one's floor is taken off the heap.
  // Where the bound is the floor, one heap entry stands for a nest and its finer k tilings;
  // where it is not (the first fold's load falls as tiles shrink), the nest and the chain below
  // it are entries of their own, keyed by its bound and by its floor.
  const split = floor !== value;
  const expand = (d: number) => {
    const lo = d + 1 < depth ? tiles[d + 1] : [1, 1, 1];
    const [lm, ln, lk] = lo;
    const ks = cands[2].filter((k) => k >= lk);
    // Heap entries are packed numbers (m and n as indices into their counts, the order, k's
    // index and what the entry stands for): the search pushes thousands and keeps none.
    const [ms, ns] = cands;
    const heap = new MinHeap();
    const pack = (mi: number, ni: number, o: number, ki: number, is: Entry) =>
      (((mi * ns.length + ni) * ALL_ORDERS.length + o) * ks.length + ki) * 3 + is;
    // A k count that leaves no ragged tile floors every finer one; a ragged count's last tile
    // streams in full, so a finer count may do better than it: the exhaustive mode steps on at
    // once. The budgeted search ends the chain there all the same: stepping on spent its budget
    // on such counts (ResNet-50 on eyeriss-like came out 14 % above the exhaustive EDP, not 1 %).
    const push = (mi: number, ni: number, o: number, ki: number): void => {
      if (ki >= ks.length || tried >= budget) return;
      const v = bound(d, ms[mi], ns[ni], ks[ki], o);
      const f = split && cost ? floor(cost) : v;
      const ragged = exhaustive && ks[ki] * Math.ceil(space.extents[2] / ks[ki]) !== space.extents[2];
      if (better(v)) heap.push(v, pack(mi, ni, o, ki, split || ragged ? NEST : BOTH));
      if (ragged) finer(mi, ni, o, ki);
      else if (split && better(f)) heap.push(f, pack(mi, ni, o, ki, CHAIN));
    };
    // The next finer k tiling. A k loop that starts iterating brings the orders that place it among the others.
    const finer = (mi: number, ni: number, o: number, ki: number) => {
      if (ks[ki] > lk || ki + 1 >= ks.length) return push(mi, ni, o, ki + 1);
      const [m, n] = [ms[mi], ns[ni]];
      for (const o2 of ordersFor(m, n, ks[ki + 1], lo))
        if (sameArrangement(ALL_ORDERS[o], ALL_ORDERS[o2], m > lm, n > ln)) push(mi, ni, o2, ki + 1);
    };
    // At the innermost level, where the score is the nest's value, a nest is no better than the
    // one with the next fewer tiles of a monotone dimension when both take the same coarsest k.
    const dominance = d === 0 && !split && !exact && !exhaustive ? space.monotone : undefined;
    const coarsest = dominance ? new Int32Array(ms.length * ns.length).fill(-1) : undefined;
    for (let mi = 0; mi < ms.length; mi++)
      for (let ni = 0; ni < ns.length; ni++) {
        const [m, n] = [ms[mi], ns[ni]];
        if (m < lm || n < ln) continue;
        // The coarsest k tiling that fits (room does not depend on the order).
        let from = 0;
        let hi = ks.length;
        while (from < hi) {
          const mid = (from + hi) >> 1;
          fitting[0] = m;
          fitting[1] = n;
          fitting[2] = ks[mid];
          if (space.fits(fitting, d)) hi = mid;
          else from = mid + 1;
        }
        if (coarsest && dominance) {
          const at = mi * ns.length + ni;
          coarsest[at] = from;
          if (dominance[0] && mi > 0 && coarsest[at - ns.length] === from) continue;
          if (dominance[1] && ni > 0 && coarsest[at - 1] === from) continue;
        }
        for (const o of ordersFor(m, n, ks[Math.min(from, ks.length - 1)], lo)) push(mi, ni, o, from);
      }
    while (heap.size > 0 && tried < budget) {
      const v = heap.peek();
      if (!better(v)) break;
      let item = heap.pop();
      const is = item % 3;
      const ki = (item = (item - is) / 3) % ks.length;
      const o = (item = (item - ki) / ks.length) % ALL_ORDERS.length;
      const ni = (item = (item - o) / ALL_ORDERS.length) % ns.length;
      const mi = (item - ni) / ns.length;
      // At the innermost level a score that is exact makes a finer k tiling no better.
      if (is === CHAIN || (is === BOTH && d > 0)) finer(mi, ni, o, ki);
      if (is === CHAIN) continue;
      place(d, ms[mi], ns[ni], ks[ki], o);
      if (d > 0) expand(d - 1);
      else {
        const e = exact ? (tried++, exact(nestOfTiles(tiles, orders), best ? best.value : incumbent)) : v;
        if (better(e)) best = { tiles: tiles.map((x) => [...x]), orders: [...orders], value: e };
      }
    }
  };
  const fitting = [0, 0, 0];
  for (const per of exhaustive ? [Infinity] : ROUNDS) {
    if (tried >= budget) break;
    cands = DIMS.map((x) => tileCounts(space.extents[x], per));
    expand(depth - 1);
  }
  if (!best) return undefined;
  return { nest: nestOfTiles(best.tiles, best.orders), value: best.value, tried, by: mode };
}

/** What a heap entry stands for: a nest and its finer k tilings, the nest alone, or the chain below it. */
type Entry = 0 | 1 | 2;
const [BOTH, NEST, CHAIN]: Entry[] = [0, 1, 2];

/** What `chooseNest` may be given beyond the space and its objective. */
export interface ChooseOptions {
  readonly incumbent?: number;
  readonly exact?: (nest: LoopNest, cutoff: number) => number;
  readonly floor?: (c: NestCost) => number;
}

/** A binary heap of numbers keyed by numbers, smallest key first. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  peek(): number {
    return this.keys[0];
  }
  push(key: number, item: number): void {
    let i = this.keys.length;
    this.keys.push(key);
    this.items.push(item);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.keys[up] <= key) break;
      this.keys[i] = this.keys[up];
      this.items[i] = this.items[up];
      i = up;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }
  /** Removes the item with the smallest key and returns it. */
  pop(): number {
    const top = this.items[0];
    const key = this.keys.pop()!;
    const item = this.items.pop()!;
    const n = this.keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && this.keys[l + 1] < this.keys[l] ? l + 1 : l;
        if (this.keys[c] >= key) break;
        this.keys[i] = this.keys[c];
        this.items[i] = this.items[c];
        i = c;
      }
      this.keys[i] = key;
      this.items[i] = item;
    }
    return top;
  }
}

const ALL_ORDERS: readonly (readonly [Dim, Dim, Dim])[] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * Orders that differ for a level: only the relative order of its loops that iterate (count > 1)
 * matters, so one order is kept for each arrangement of those. Indexed by the mask of iterating dimensions.
 */
const ORDERS_BY_ACTIVE: readonly (readonly number[])[] = Array.from({ length: 8 }, (_, mask) => {
  const seen = new Set<string>();
  return ALL_ORDERS.flatMap((o, i) => {
    const key = o.filter((x) => mask & (1 << x)).join();
    if (seen.has(key)) return [];
    seen.add(key);
    return [i];
  });
});

/** Whether two orders place the iterating m and n loops alike (k aside). */
function sameArrangement(a: readonly Dim[], b: readonly Dim[], m: boolean, n: boolean): boolean {
  if (!m || !n) return true;
  return a.indexOf(0) < a.indexOf(1) === b.indexOf(0) < b.indexOf(1);
}

/** Indices into ALL_ORDERS of the orders that differ for a level of tiles (m, n, k) within `outer`. */
function ordersFor(m: number, n: number, k: number, outer: readonly number[]): readonly number[] {
  const mask = (m > outer[0] ? 1 : 0) | (n > outer[1] ? 2 : 0) | (k > outer[2] ? 4 : 0);
  return ORDERS_BY_ACTIVE[mask];
}
