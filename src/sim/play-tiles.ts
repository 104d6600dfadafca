import type { EventQueue, Resource } from '../engine/index.js';
import type { TileRun } from '../hardware/tiles.js';

/** A DRAM channel's timing: cycles a transfer occupies the channel, and cycles until its data lands. */
export interface ChannelTiming {
  /** Cycles the channel is busy moving `bytes` (bandwidth-limited). */
  readonly occupancy: (bytes: number) => number;
  /**
   * Cycles from the end of a layer's first transfer in each direction until its data is usable.
   * Later transfers of the layer stream behind it (the DMA queue is kept full), so they pay none.
   */
  readonly latency: number;
}

/** When a layer's tiles ran. */
export interface TileRunStats {
  readonly startCycle: number;
  readonly endCycle: number;
  readonly computeCycles: number;
  /** Cycles the DRAM channel was busy for this layer. */
  readonly dramBusyCycles: number;
  readonly tiles: number;
}

/** Receives every load, compute and store interval when tracing is on (for timelines). */
export type TraceSink = (kind: 'load' | 'compute' | 'store', start: number, end: number) => void;

/**
 * Runs a layer's tiles double-buffered: tile i+2 may load once tile i has computed (two buffer
 * halves), tile i computes once it is loaded and tile i-1 has computed, and its results are
 * stored after. Loads and stores share one DRAM channel, served in request order; the channel's
 * latency delays the first load and the first store of the layer, and does not hold the channel.
 */
export function runTiles(
  queue: EventQueue,
  dram: Resource,
  unit: Resource,
  runs: readonly TileRun[],
  timing: ChannelTiming,
  start: number,
  done: (stats: TileRunStats) => void,
  trace?: TraceSink,
): void {
  const tiles: TileRun['tile'][] = [];
  for (const r of runs) for (let k = 0; k < r.count; k++) tiles.push(r.tile);
  const n = tiles.length;
  const dramBefore = dram.busyCycles;
  if (n === 0) {
    queue.schedule(start, () => done({ startCycle: start, endCycle: start, computeCycles: 0, dramBusyCycles: 0, tiles: 0 }));
    return;
  }
  const loaded = new Uint8Array(n);
  let computed = 0; // tiles whose compute has finished, in order
  let computing = false;
  let pendingStores = 0;
  let computeCycles = 0;
  let finished = false;
  let loadsSeen = 0;
  let storesSeen = 0;

  const finishIfDone = () => {
    if (!finished && computed === n && pendingStores === 0) {
      finished = true;
      done({ startCycle: start, endCycle: queue.now, computeCycles, dramBusyCycles: dram.busyCycles - dramBefore, tiles: n });
    }
  };
  const transfer = (bytes: number, kind: 'load' | 'store', then: () => void) => {
    if (bytes <= 0) return queue.schedule(queue.now, then);
    const cycles = timing.occupancy(bytes);
    const begin = dram.reserve(queue.now, cycles);
    const latency = kind === 'load' ? (loadsSeen++ === 0 ? timing.latency : 0) : storesSeen++ === 0 ? timing.latency : 0;
    if (trace) trace(kind, begin, begin + cycles + latency);
    queue.schedule(begin + cycles + latency, then);
  };
  const load = (i: number) =>
    transfer(tiles[i].loadBytes, 'load', () => {
      loaded[i] = 1;
      tryCompute();
    });
  const tryCompute = () => {
    const i = computed;
    if (computing || i >= n || !loaded[i]) return;
    computing = true;
    const c = tiles[i].computeCycles;
    const begin = unit.reserve(queue.now, c);
    if (trace && c > 0) trace('compute', begin, begin + c);
    computeCycles += c;
    queue.schedule(begin + c, () => {
      computing = false;
      computed++;
      pendingStores++;
      transfer(tiles[i].storeBytes, 'store', () => {
        pendingStores--;
        finishIfDone();
      });
      if (i + 2 < n) load(i + 2);
      tryCompute();
    });
  };

  queue.schedule(start, () => {
    load(0);
    if (n > 1) load(1);
  });
}
