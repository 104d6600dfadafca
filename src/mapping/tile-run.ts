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
 * Merges consecutive tiles into at most `maxTiles` chunks (summing their costs), so the number of
 * events stays bounded on layers with thousands of tiny tiles (e.g. depthwise groups).
 */
export function coarsen(runs: readonly TileRun[], maxTiles: number): TileRun[] {
  const total = tileCount(runs);
  if (total <= maxTiles) return runs.slice();
  const per = Math.ceil(total / maxTiles);
  const out: TileRun[] = [];
  let acc = { computeCycles: 0, loadBytes: 0, storeBytes: 0 };
  let inChunk = 0;
  const flush = () => {
    const last = out[out.length - 1];
    if (last && sameTile(last.tile, acc)) out[out.length - 1] = { count: last.count + 1, tile: last.tile };
    else out.push({ count: 1, tile: acc });
    acc = { computeCycles: 0, loadBytes: 0, storeBytes: 0 };
    inChunk = 0;
  };
  for (const run of runs) {
    let left = run.count;
    while (left > 0) {
      // Take as many tiles of this run as fit in the current chunk, in one step.
      const take = Math.min(left, per - inChunk);
      acc.computeCycles += take * run.tile.computeCycles;
      acc.loadBytes += take * run.tile.loadBytes;
      acc.storeBytes += take * run.tile.storeBytes;
      inChunk += take;
      left -= take;
      if (inChunk === per) flush();
    }
  }
  if (inChunk > 0) flush();
  return out;
}

const sameTile = (a: Tile, b: Tile) =>
  a.computeCycles === b.computeCycles && a.loadBytes === b.loadBytes && a.storeBytes === b.storeBytes;
