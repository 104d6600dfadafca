/** One tile's cost: the unit of double buffering (load it, compute it, store its results). */
export interface Tile {
  /** Cycles the compute unit is busy with this tile. */
  readonly computeCycles: number;
  /** Bytes read from DRAM before the tile can start. */
  readonly loadBytes: number;
  /** Bytes written to DRAM after it finishes. */
  readonly storeBytes: number;
}

/** `count` identical tiles in a row: a layer has only a few distinct tile shapes. */
export interface TileRun {
  readonly count: number;
  readonly tile: Tile;
}

/** Total tiles in a list of runs. */
export const tileCount = (runs: readonly TileRun[]): number => runs.reduce((n, r) => n + r.count, 0);

/**
 * Collects a layer's tiles in order and merges consecutive ones into at most `maxTiles` chunks
 * (summing their costs), so engine events stay bounded on layers with thousands of tiny folds.
 * Tiles are added as runs, so a run of a million identical folds costs one call.
 */
export class TileChunker {
  private readonly per: number;
  private readonly out: TileRun[] = [];
  private compute = 0;
  private load = 0;
  private store = 0;
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
      const merged = this.per === 1 ? tile : scale(tile, this.per);
      this.push({ count: chunks, tile: merged });
      left -= chunks * this.per;
    }
    while (left > 0) {
      const take = Math.min(left, this.per - this.inChunk);
      this.compute += take * tile.computeCycles;
      this.load += take * tile.loadBytes;
      this.store += take * tile.storeBytes;
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
    this.push({ count: 1, tile: { computeCycles: this.compute, loadBytes: this.load, storeBytes: this.store } });
    this.compute = this.load = this.store = this.inChunk = 0;
  }

  private push(run: TileRun): void {
    const last = this.out[this.out.length - 1];
    if (last && sameTile(last.tile, run.tile)) this.out[this.out.length - 1] = { count: last.count + run.count, tile: last.tile };
    else this.out.push(run);
  }
}

const scale = (t: Tile, k: number): Tile => ({
  computeCycles: k * t.computeCycles,
  loadBytes: k * t.loadBytes,
  storeBytes: k * t.storeBytes,
});

const sameTile = (a: Tile, b: Tile) =>
  a.computeCycles === b.computeCycles && a.loadBytes === b.loadBytes && a.storeBytes === b.storeBytes;
