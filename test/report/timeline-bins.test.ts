import { describe, expect, it } from '@jest/globals';
import { binShares, stackRuns } from '../../src/report/timeline-bins.js';
import type { TimelineInterval } from '../../src/report/timeline-intervals.js';

const bar = (kind: TimelineInterval['kind'], startCycle: number, endCycle: number): TimelineInterval => ({
  layer: 0,
  lane: kind === 'compute' || kind === 'stall' ? 'compute' : 'dram',
  kind,
  startCycle,
  endCycle,
});

describe('binShares', () => {
  it('gives each bin the share of its time each kind covers', () => {
    const shares = binShares([bar('compute', 0, 15), bar('stall', 15, 20), bar('compute', 25, 40)], 40, 4);
    expect([...shares.compute]).toEqual([1, 0.5, 0.5, 1]);
    expect([...shares.stall]).toEqual([0, 0.5, 0, 0]);
    expect([...shares.load]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the covered time: Σ share × bin width = Σ bar lengths', () => {
    const bars = Array.from({ length: 50 }, (_, i) => bar('load', i * 7.3, i * 7.3 + 3.1));
    const shares = binShares(bars, 400, 37);
    const covered = shares.load.reduce((s, v) => s + v * (400 / 37), 0);
    expect(covered).toBeCloseTo(50 * 3.1, 9);
  });
});

describe('stackRuns', () => {
  it('stacks shares into whole pixels and joins bins that look the same', () => {
    const compute = Float64Array.from([1, 1, 0.5, 0.5, 0, 0]);
    const stall = Float64Array.from([0, 0, 0.5, 0.5, 0, 1]);
    expect(stackRuns([compute, stall], 40)).toEqual([
      { first: 0, last: 1, heights: [40, 0] },
      { first: 2, last: 3, heights: [20, 20] },
      { first: 5, last: 5, heights: [0, 40] },
    ]);
  });

  it('scales parts down when together they cover more than the lane', () => {
    expect(stackRuns([Float64Array.from([1]), Float64Array.from([1])], 40)).toEqual([{ first: 0, last: 0, heights: [20, 20] }]);
  });
});
