import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TileChunker, tileCount, type Tile, type TileRun } from '../../src/hardware/tiles.js';

/** Runs through a TileChunker sized for them: at most `maxTiles` chunks. */
function coarsen(runs: readonly TileRun[], maxTiles: number): TileRun[] {
  const chunker = new TileChunker(tileCount(runs), maxTiles);
  for (const r of runs) chunker.add(r.tile, r.count);
  return chunker.runs();
}
import { EventQueue, Resource } from '../../src/engine/index.js';
import { LayerTiles, runTiles, type ChannelTiming, type TileRunStats } from '../../src/sim/play-tiles.js';

/** A tile with one channel: `loadBytes` in before it, `storeBytes` out after. */
const tile = (computeCycles: number, loadBytes: number, storeBytes: number): Tile => ({
  computeCycles,
  loads: [loadBytes],
  stores: [storeBytes],
});
const totals = (runs: readonly TileRun[]) =>
  runs.reduce(
    (s, r) => ({
      computeCycles: s.computeCycles + r.count * r.tile.computeCycles,
      loads: [s.loads[0] + r.count * r.tile.loads[0]],
      stores: [s.stores[0] + r.count * r.tile.stores[0]],
    }),
    tile(0, 0, 0),
  );

describe('TileChunker', () => {
  // 5 tiles A = (2 cycles, 10 B in, 1 B out), then 1 tile B = (7, 0, 3): 6 tiles.
  const A = tile(2, 10, 1);
  const B = tile(7, 0, 3);
  const runs: TileRun[] = [
    { count: 5, tile: A },
    { count: 1, tile: B },
  ];

  it('leaves runs that are within the limit as they are (a copy)', () => {
    const out = coarsen(runs, 6);
    expect(out).toEqual(runs);
    expect(out).not.toBe(runs);
  });

  it('3 chunks of 2 tiles: A+A twice (merged into one run), then A+B', () => {
    expect(coarsen(runs, 3)).toEqual([
      { count: 2, tile: tile(4, 20, 2) },
      { count: 1, tile: tile(9, 10, 4) },
    ]);
  });

  it('4 allowed still needs chunks of ceil(6 / 4) = 2 tiles, so 3 chunks', () => {
    expect(coarsen(runs, 4)).toEqual(coarsen(runs, 3));
  });

  it('1 allowed: everything in one tile', () => {
    expect(coarsen(runs, 1)).toEqual([{ count: 1, tile: tile(17, 50, 8) }]);
  });

  it('keeps the sums of cycles and bytes, and never exceeds maxTiles (random runs)', () => {
    const runArb = fc.record({
      count: fc.integer({ min: 1, max: 500 }),
      tile: fc.tuple(fc.nat(1000), fc.nat(100000), fc.nat(100000)).map(([c, l, st]) => tile(c, l, st)),
    });
    fc.assert(
      fc.property(fc.array(runArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 300 }), (rs, maxTiles) => {
        const out = coarsen(rs, maxTiles);
        expect(tileCount(out)).toBeLessThanOrEqual(Math.max(maxTiles, 0));
        expect(totals(out)).toEqual(totals(rs));
        if (tileCount(rs) <= maxTiles) expect(out).toEqual(rs);
        expect(out.every((r) => r.count >= 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('runTiles: double buffering on the event queue, worked on paper', () => {
  interface Interval {
    kind: 'load' | 'compute' | 'store';
    start: number;
    end: number;
  }
  /** Runs the tiles with a channel of 1 byte/cycle and the given latency; returns trace and stats. */
  function play(runs: TileRun[], latency = 0, start = 0): { trace: Interval[]; stats: TileRunStats } {
    const queue = new EventQueue();
    const timing: ChannelTiming = { occupancy: (bytes) => bytes, latency };
    const trace: Interval[] = [];
    let stats: TileRunStats | undefined;
    runTiles(
      queue,
      [{ resource: new Resource('dram'), timing }],
      new Resource('array'),
      runs,
      start,
      (s) => (stats = s),
      (kind, s, e) => trace.push({ kind, start: s, end: e }),
    );
    queue.run();
    return { trace, stats: stats! };
  }
  const I = (kind: Interval['kind'], start: number, end: number): Interval => ({ kind, start, end });

  it('3 tiles, 10-cycle loads, 4-cycle computes, no stores: tile 2 loads only after tile 0 frees its half', () => {
    // load0 [0,10], load1 [10,20] (both halves at once); compute0 [10,14]; at 14 tile 0's half is
    // free → load2 queues behind load1 on the channel: [20,30]; compute1 [20,24]; compute2 [30,34].
    const { trace, stats } = play([{ count: 3, tile: tile(4, 10, 0) }]);
    expect(trace).toEqual([
      I('load', 0, 10),
      I('load', 10, 20),
      I('compute', 10, 14),
      I('load', 20, 30),
      I('compute', 20, 24),
      I('compute', 30, 34),
    ]);
    expect(stats).toEqual({ startCycle: 0, endCycle: 34, computeCycles: 12, dramBusyCycles: 30, tiles: 3 });
  });

  it('with 2-byte stores: stores share the channel in request order, and the layer ends when the last store lands', () => {
    // at 14: store0 (requested first) [20,22], then load2 [22,32]; compute1 [20,24];
    // at 24: store1 [32,34]; compute2 [32,36]; store2 [36,38].
    const { trace, stats } = play([{ count: 3, tile: tile(4, 10, 2) }]);
    expect(trace).toEqual([
      I('load', 0, 10),
      I('load', 10, 20),
      I('compute', 10, 14),
      I('store', 20, 22),
      I('load', 22, 32),
      I('compute', 20, 24),
      I('store', 32, 34),
      I('compute', 32, 36),
      I('store', 36, 38),
    ]);
    expect(stats).toEqual({ startCycle: 0, endCycle: 38, computeCycles: 12, dramBusyCycles: 36, tiles: 3 });
  });

  it('latency delays the layer’s first load (later ones stream behind it) and does not hold the channel', () => {
    // latency 3: load0 on the channel [0,10], data at 13; load1 [10,20] → 20; compute0 [13,17];
    // compute1 [20,24]; load2 [20,30] → 30; compute2 [30,34].
    const { trace, stats } = play([{ count: 3, tile: tile(4, 10, 0) }], 3);
    expect(trace).toEqual([
      I('load', 0, 13),
      I('load', 10, 20),
      I('compute', 13, 17),
      I('load', 20, 30),
      I('compute', 20, 24),
      I('compute', 30, 34),
    ]);
    expect(stats.endCycle).toBe(34);
    expect(stats.dramBusyCycles).toBe(30);
  });

  it('compute-bound tiles hide the loads: 4 tiles of 10 compute, 3-byte loads → 3 + 4 × 10', () => {
    const { stats } = play([{ count: 4, tile: tile(10, 3, 0) }]);
    expect(stats.endCycle).toBe(43);
    expect(stats.endCycle - stats.computeCycles).toBe(3); // only the first load is exposed
  });

  it('starts at the given cycle; no tiles end where they start', () => {
    expect(play([{ count: 3, tile: tile(4, 10, 0) }], 0, 100).stats).toMatchObject({ startCycle: 100, endCycle: 134 });
    expect(play([], 0, 7).stats).toEqual({ startCycle: 7, endCycle: 7, computeCycles: 0, dramBusyCycles: 0, tiles: 0 });
  });
});

describe('LayerTiles: the next layer’s first loads in the previous layer’s tail, worked on paper', () => {
  /** Two layers of 2 tiles (10-byte loads, 4-cycle computes, no stores) on a 1 byte/cycle channel. */
  function twoLayers(overlap: boolean): TileRunStats[] {
    const queue = new EventQueue();
    const channels = [{ resource: new Resource('dram'), timing: { occupancy: (b: number) => b, latency: 0 } }];
    const unit = new Resource('array');
    const stats: TileRunStats[] = [];
    const runs: TileRun[] = [{ count: 2, tile: tile(4, 10, 0) }];
    const second = new LayerTiles(queue, channels, unit, runs, (s) => stats.push(s));
    const first = new LayerTiles(queue, channels, unit, runs, (s) => {
      stats.push(s);
      second.begin(s.endCycle);
    });
    if (overlap) first.onFree = () => second.prefetch();
    first.begin(0);
    queue.run();
    return stats;
  }

  it('without: the second layer loads from 24 and ends at 48', () => {
    // first: load0 [0,10], load1 [10,20], compute [10,14], [20,24]; second from 24: load0
    // [24,34], load1 [34,44], compute [34,38], [44,48].
    expect(twoLayers(false).map((s) => [s.startCycle, s.endCycle])).toEqual([
      [0, 24],
      [24, 48],
    ]);
  });

  it('with: its loads take the halves the first layer frees at 14 and 24, and it ends at 44', () => {
    // at 14 (first's tile 0 done, no tile 2) second's load0 queues behind load1: [20,30]; at 24
    // its load1: [30,40]. Second begins at 24, computes [30,34] and [40,44]. The first layer's
    // own time and channel share are unchanged; the prefetched bytes count as the second's.
    const [a, b] = twoLayers(true);
    expect([a.startCycle, a.endCycle, a.dramBusyCycles]).toEqual([0, 24, 20]);
    expect([b.startCycle, b.endCycle, b.dramBusyCycles]).toEqual([24, 44, 20]);
  });
});
