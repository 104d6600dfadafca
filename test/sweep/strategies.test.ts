import { describe, expect, it } from '@jest/globals';
import { grid, latinHypercube, random, zip } from '../../src/sweep/strategies.js';

const points = (s: { count: number; choice: (i: number) => number[] }) => Array.from({ length: s.count }, (_, i) => s.choice(i));

describe('sweep strategies', () => {
  it('grid: every combination once, the last parameter fastest', () => {
    expect(points(grid([2, 3]))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('zip: the i-th value of every parameter together', () => {
    expect(points(zip(3, 2))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('random: the same seed gives the same points, another seed others, all in range', () => {
    const a = points(random([5, 7, 3], 200, 42));
    expect(points(random([5, 7, 3], 200, 42))).toEqual(a);
    expect(points(random([5, 7, 3], 200, 43))).not.toEqual(a);
    for (const c of a) expect(c.every((v, p) => Number.isInteger(v) && v >= 0 && v < [5, 7, 3][p])).toBe(true);
    // Each value of the 5-value parameter drawn about 200/5 = 40 times.
    const counts = [0, 1, 2, 3, 4].map((v) => a.filter((c) => c[0] === v).length);
    for (const n of counts) expect(n).toBeGreaterThan(20);
  });

  it('Latin hypercube: reproducible from its seed, and every value of every parameter used equally', () => {
    const lhs = points(latinHypercube([4, 8], 16, 7));
    expect(points(latinHypercube([4, 8], 16, 7))).toEqual(lhs);
    expect(points(latinHypercube([4, 8], 16, 8))).not.toEqual(lhs);
    // 16 samples over 4 values: each 4 times; over 8 values: each twice.
    for (const v of [0, 1, 2, 3]) expect(lhs.filter((c) => c[0] === v)).toHaveLength(4);
    for (const v of [0, 1, 2, 3, 4, 5, 6, 7]) expect(lhs.filter((c) => c[1] === v)).toHaveLength(2);
  });

  it('Latin hypercube with as many samples as values is a permutation per parameter', () => {
    const lhs = points(latinHypercube([10, 10, 10], 10, 1));
    for (const p of [0, 1, 2]) expect(lhs.map((c) => c[p]).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
