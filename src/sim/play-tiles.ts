import type { EventQueue, Resource } from '../engine/index.js';
import type { ChannelTiming } from '../hardware/dram.js';
import type { TileRun } from '../hardware/tiles.js';

export type { ChannelTiming } from '../hardware/dram.js';

/** A memory channel on the engine: the server its transfers queue on, and its timing. */
export interface Channel {
  readonly resource: Resource;
  readonly timing: ChannelTiming;
}

/** When a layer's tiles ran. */
export interface TileRunStats {
  readonly startCycle: number;
  readonly endCycle: number;
  readonly computeCycles: number;
  /** Cycles the off-chip channel (channel 0) was busy for this layer. */
  readonly dramBusyCycles: number;
  readonly tiles: number;
  /** Cycles each channel was busy for this layer (absent when there is only the off-chip one). */
  readonly channelBusyCycles?: readonly number[];
}

/** Receives every off-chip load and store and every compute interval when tracing is on (for timelines). */
export type TraceSink = (kind: 'load' | 'compute' | 'store', start: number, end: number) => void;

/**
 * Runs a layer's tiles double-buffered: tile i+2 may load once tile i has computed (two buffer
 * halves), tile i computes once all its loads have landed and tile i-1 has computed, and its
 * results are stored after. Each channel serves its loads and stores in request order; a
 * channel's latency delays its first load and first store of the layer, and does not hold it.
 */
export function runTiles(
  queue: EventQueue,
  channels: readonly Channel[],
  unit: Resource,
  runs: readonly TileRun[],
  start: number,
  done: (stats: TileRunStats) => void,
  trace?: TraceSink,
): void {
  const tiles: TileRun['tile'][] = [];
  for (const r of runs) for (let k = 0; k < r.count; k++) tiles.push(r.tile);
  const n = tiles.length;
  const before = channels.map((c) => c.resource.busyCycles);
  const busy = () => channels.map((c, i) => c.resource.busyCycles - before[i]);
  const stats = (endCycle: number, computeCycles: number, tiles: number): TileRunStats => {
    const b = busy();
    return {
      startCycle: start,
      endCycle,
      computeCycles,
      dramBusyCycles: b[0],
      tiles,
      ...(b.length > 1 ? { channelBusyCycles: b } : {}),
    };
  };
  if (n === 0) {
    queue.schedule(start, () => done(stats(start, 0, 0)));
    return;
  }
  const loaded = new Uint8Array(n);
  let computed = 0; // tiles whose compute has finished, in order
  let computing = false;
  let pendingStores = 0;
  let computeCycles = 0;
  let finished = false;
  const loadsSeen = channels.map(() => 0);
  const storesSeen = channels.map(() => 0);

  const finishIfDone = () => {
    if (!finished && computed === n && pendingStores === 0) {
      finished = true;
      done(stats(queue.now, computeCycles, n));
    }
  };
  /** Moves a tile's bytes over every channel that has some, then runs `then` once all have landed. */
  const transfer = (bytes: readonly number[], kind: 'load' | 'store', then: () => void) => {
    let waiting = 0;
    for (const b of bytes) if (b > 0) waiting++;
    // One channel (the usual case) needs no join.
    const landed =
      waiting === 1
        ? then
        : () => {
            if (--waiting === 0) then();
          };
    const seen = kind === 'load' ? loadsSeen : storesSeen;
    for (let c = 0; c < bytes.length; c++) {
      const b = bytes[c];
      if (b <= 0) continue;
      const { resource, timing } = channels[c];
      const cycles = timing.occupancy(b);
      const begin = resource.reserve(queue.now, cycles);
      const latency = seen[c]++ === 0 ? timing.latency : 0;
      if (trace && c === 0) trace(kind, begin, begin + cycles + latency);
      queue.schedule(begin + cycles + latency, landed);
    }
    if (waiting === 0) queue.schedule(queue.now, then);
  };
  const load = (i: number) =>
    transfer(tiles[i].loads, 'load', () => {
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
      transfer(tiles[i].stores, 'store', () => {
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
