import { EventQueue, Resource, type EventAction } from '../engine/index.js';
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
  new LayerTiles(queue, channels, unit, runs, done, trace).begin(start);
}

/**
 * Cycles a layer's tiles take on their own, from cycle 0 with nothing prefetched: what the
 * engine gives the layer when no neighbour overlaps it. The mapper's latency objective ranks by
 * it. When a bound shows the cycles are no fewer than `cutoff`, that bound is returned unplayed.
 */
export function playAlone(timings: readonly ChannelTiming[], runs: readonly TileRun[], cutoff = Infinity): number {
  if (cutoff < Infinity && runs.length > 0) {
    // Nothing computes before the first tile's loads land, and the unit computes one tile at a
    // time; each channel serves every transfer, one at a time.
    let bound = 0;
    const first = runs[0].tile.loads;
    for (let c = 0; c < first.length; c++)
      if (first[c] > 0) bound = Math.max(bound, timings[c].occupancy(first[c]) + timings[c].latency);
    for (const r of runs) bound += r.count * r.tile.computeCycles;
    for (let c = 0; c < timings.length; c++) {
      let busy = 0;
      for (const { count, tile } of runs)
        busy += count * (timings[c].occupancy(tile.loads[c]) + timings[c].occupancy(tile.stores[c]));
      bound = Math.max(bound, busy);
    }
    if (bound >= cutoff) return bound;
  }
  const queue = new EventQueue();
  const channels = timings.map((timing) => ({ resource: new Resource('channel'), timing }));
  let end = 0;
  new LayerTiles(queue, channels, new Resource('unit'), runs, (s) => (end = s.endCycle)).begin(0);
  queue.run();
  return end;
}

/**
 * One layer's tiles on the engine. Its first two loads (one per buffer half) may be issued
 * before the layer begins, as the previous layer's last tiles free the halves (`prefetch`);
 * nothing computes before `begin`. Each half it frees once it has no tile of its own left to
 * load is passed on (`onFree`), in order, for the next layer.
 */
export class LayerTiles {
  private readonly tiles: TileRun['tile'][] = [];
  private readonly loaded: Uint8Array;
  /** Per tile, the channels whose share of its loads (stores) is still in flight. */
  private readonly loadsLeft: Int32Array;
  private readonly storesLeft: Int32Array;
  /** Loads issued so far, in tile order. */
  private issued = 0;
  private computed = 0;
  private computing = false;
  private pendingStores = 0;
  private computeCycles = 0;
  private started = false;
  private finished = false;
  private startCycle = 0;
  private readonly busy: number[];
  private readonly loadsSeen: number[];
  private readonly storesSeen: number[];
  /** Receives each buffer half this layer frees with no tile of its own to load into it. */
  onFree?: () => void;

  constructor(
    private readonly queue: EventQueue,
    private readonly channels: readonly Channel[],
    private readonly unit: Resource,
    runs: readonly TileRun[],
    private readonly done: (stats: TileRunStats) => void,
    private readonly trace?: TraceSink,
  ) {
    for (const r of runs) for (let k = 0; k < r.count; k++) this.tiles.push(r.tile);
    this.loaded = new Uint8Array(this.tiles.length);
    this.loadsLeft = new Int32Array(this.tiles.length);
    this.storesLeft = new Int32Array(this.tiles.length);
    this.busy = channels.map(() => 0);
    this.loadsSeen = channels.map(() => 0);
    this.storesSeen = channels.map(() => 0);
  }

  /** Issues the next of the first two loads now, into a half the previous layer has freed. */
  prefetch(): void {
    if (this.issued < Math.min(2, this.tiles.length)) this.load(this.issued);
  }

  /** Starts the layer at `start`: issues whichever of the first two loads are not yet in flight. */
  begin(start: number): void {
    this.queue.schedule(start, () => {
      this.started = true;
      this.startCycle = start;
      const n = this.tiles.length;
      if (n === 0) {
        this.finished = true;
        this.free();
        this.free();
        this.done(this.stats(start));
        return;
      }
      while (this.issued < Math.min(2, n)) this.load(this.issued);
      // A single tile leaves the other half free from the start.
      if (n === 1) this.free();
      this.tryCompute();
    });
  }

  private free(): void {
    this.onFree?.();
  }

  private stats(endCycle: number): TileRunStats {
    return {
      startCycle: this.startCycle,
      endCycle,
      computeCycles: this.computeCycles,
      dramBusyCycles: this.busy[0],
      tiles: this.tiles.length,
      ...(this.busy.length > 1 ? { channelBusyCycles: this.busy.slice() } : {}),
    };
  }

  private finishIfDone(): void {
    if (!this.finished && this.computed === this.tiles.length && this.pendingStores === 0) {
      this.finished = true;
      this.done(this.stats(this.queue.now));
    }
  }

  /**
   * Moves tile i's bytes over every channel that has some; `landed(i)` runs as each channel's
   * share lands, and `left[i]` counts those still to land (one event when there is nothing to move).
   */
  private transfer(i: number, bytes: readonly number[], kind: 'load' | 'store', left: Int32Array, landed: EventAction): void {
    const { queue, channels, trace } = this;
    let waiting = 0;
    for (const b of bytes) if (b > 0) waiting++;
    left[i] = Math.max(1, waiting);
    const seen = kind === 'load' ? this.loadsSeen : this.storesSeen;
    for (let c = 0; c < bytes.length; c++) {
      const b = bytes[c];
      if (b <= 0) continue;
      const { resource, timing } = channels[c];
      const cycles = timing.occupancy(b);
      const begin = resource.reserve(queue.now, cycles);
      this.busy[c] += cycles;
      const latency = seen[c]++ === 0 ? timing.latency : 0;
      if (trace && c === 0) trace(kind, begin, begin + cycles + latency);
      queue.schedule(begin + cycles + latency, landed, i);
    }
    if (waiting === 0) queue.schedule(queue.now, landed, i);
  }

  // The engine's callbacks, made once per layer: events say which tile they are about.
  private readonly loadLanded = (i: number): void => {
    if (--this.loadsLeft[i] > 0) return;
    this.loaded[i] = 1;
    this.tryCompute();
  };

  private readonly storeLanded = (i: number): void => {
    if (--this.storesLeft[i] > 0) return;
    this.pendingStores--;
    this.finishIfDone();
  };

  private readonly computeEnded = (i: number): void => {
    this.computing = false;
    this.computed++;
    this.pendingStores++;
    this.transfer(i, this.tiles[i].stores, 'store', this.storesLeft, this.storeLanded);
    if (i + 2 < this.tiles.length) this.load(i + 2);
    else this.free();
    this.tryCompute();
  };

  private load(i: number): void {
    this.issued = i + 1;
    this.transfer(i, this.tiles[i].loads, 'load', this.loadsLeft, this.loadLanded);
  }

  private tryCompute(): void {
    const i = this.computed;
    if (!this.started || this.computing || i >= this.tiles.length || !this.loaded[i]) return;
    this.computing = true;
    const c = this.tiles[i].computeCycles;
    const begin = this.unit.reserve(this.queue.now, c);
    if (this.trace && c > 0) this.trace('compute', begin, begin + c);
    this.computeCycles += c;
    this.queue.schedule(begin + c, this.computeEnded, i);
  }
}
