import type { TensorRole } from '../config/schemas/common.js';
import type { Boundary, RoleBytes, Tile, TileRun } from './component.js';

export type { Tile, TileRun } from './component.js';

/** Total tiles in a list of runs. */
export const tileCount = (runs: readonly TileRun[]): number => runs.reduce((n, r) => n + r.count, 0);

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];

/**
 * Bytes per channel for one tile, given what each role moves at each boundary: a role's bytes
 * at a boundary go to the channel that times it there (untimed ones are counted, not timed).
 */
export function route(boundaries: readonly Boundary[], channels: number, perBoundary: readonly Readonly<RoleBytes>[]): number[] {
  const out = new Array<number>(channels).fill(0);
  for (let d = 0; d < boundaries.length; d++) {
    const b = boundaries[d];
    for (const role of ROLES) {
      const c = b.channel[role];
      if (b.crosses[role] && c >= 0) out[c] += perBoundary[d][role];
    }
  }
  return out;
}

/** A tile with every figure multiplied by `k` (k tiles played as one). */
export const scaleTile = (t: Tile, k: number): Tile => ({
  computeCycles: k * t.computeCycles,
  loads: t.loads.map((b) => k * b),
  stores: t.stores.map((b) => k * b),
});

/**
 * Collects a layer's tiles in order and merges consecutive ones into at most `maxTiles` chunks
 * (summing their costs), so engine events stay bounded on layers with thousands of tiny folds.
 * Tiles are added as runs, so a run of a million identical folds costs one call.
 */
export class TileChunker {
  private readonly per: number;
  private readonly out: TileRun[] = [];
  private compute = 0;
  private load: number[] = [];
  private store: number[] = [];
  private inChunk = 0;

  /** `totalTiles` is how many tiles will be added in all. */
  constructor(totalTiles: number, maxTiles: number) {
    this.per = Math.max(1, Math.ceil(totalTiles / Math.max(1, maxTiles)));
  }

  /** Appends `count` copies of `tile`. */
  add(tile: Tile, count = 1): void {
    let left = count;
    // Whole chunks of identical tiles need no per-tile work.
    if (this.inChunk === 0 && left >= this.per) {
      const chunks = Math.floor(left / this.per);
      const merged = this.per === 1 ? tile : scaleTile(tile, this.per);
      this.push({ count: chunks, tile: merged });
      left -= chunks * this.per;
    }
    while (left > 0) {
      const take = Math.min(left, this.per - this.inChunk);
      if (this.inChunk === 0) {
        this.load = new Array<number>(tile.loads.length).fill(0);
        this.store = new Array<number>(tile.stores.length).fill(0);
      }
      this.compute += take * tile.computeCycles;
      for (let c = 0; c < tile.loads.length; c++) this.load[c] += take * tile.loads[c];
      for (let c = 0; c < tile.stores.length; c++) this.store[c] += take * tile.stores[c];
      this.inChunk += take;
      left -= take;
      if (this.inChunk === this.per) this.flush();
    }
  }

  /** The chunked runs, in order. */
  runs(): TileRun[] {
    if (this.inChunk > 0) this.flush();
    return this.out;
  }

  private flush(): void {
    this.push({ count: 1, tile: { computeCycles: this.compute, loads: this.load, stores: this.store } });
    this.compute = this.inChunk = 0;
    this.load = [];
    this.store = [];
  }

  private push(run: TileRun): void {
    const last = this.out[this.out.length - 1];
    if (last && sameTile(last.tile, run.tile)) this.out[this.out.length - 1] = { count: last.count + run.count, tile: last.tile };
    else this.out.push(run);
  }
}

function sameFigures(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameTile = (a: Tile, b: Tile) =>
  a.computeCycles === b.computeCycles && sameFigures(a.loads, b.loads) && sameFigures(a.stores, b.stores);
