import { describe, expect, it } from '@jest/globals';
import { describeNest, outerCount, tileExtent, visits, type LoopNest } from '../../src/hardware/loop-nest.js';

// Dimensions: 0 = m, 1 = n, 2 = k. Orders are innermost first.
type D = 0 | 1 | 2;
const level = (counts: [number, number, number], order: [D, D, D]) => ({
  loops: order.map((dim) => ({ dim, count: counts[dim] })),
});
const one = (counts: [number, number, number], order: [D, D, D]): LoopNest => ({ levels: [level(counts, order)] });

describe('visits (how often a tensor crosses a boundary)', () => {
  it('keeps partial sums in place while the reduction loop is innermost', () => {
    // for n in 2, for m in 4, for k in 3 (k innermost)
    const nest = one([4, 2, 3], [2, 0, 1]);
    expect(visits(nest, 'output', 0)).toBe(1);
    expect(visits(nest, 'input', 0)).toBe(2); // re-read for each n
    expect(visits(nest, 'weight', 0)).toBe(4); // re-read for each m
  });

  it('keeps weights in place while the pixel loop is innermost', () => {
    // for k in 3, for n in 2, for m in 4 (m innermost)
    const nest = one([4, 2, 3], [0, 1, 2]);
    expect(visits(nest, 'weight', 0)).toBe(1);
    expect(visits(nest, 'input', 0)).toBe(2);
    expect(visits(nest, 'output', 0)).toBe(3); // partial sums leave and return for each k
  });

  it('walks the levels outside a boundary only', () => {
    const nest: LoopNest = {
      levels: [level([2, 1, 1], [0, 1, 2]), level([1, 3, 1], [1, 0, 2])],
    };
    expect(visits(nest, 'weight', 0)).toBe(1); // m at level 0 is innermost and does not index B
    expect(visits(nest, 'input', 0)).toBe(3); // m moved A's tile, then n brings it back 3 times
    expect(visits(nest, 'input', 1)).toBe(1); // across the outer boundary A's whole tile stays
    expect(outerCount(nest, 0, 0)).toBe(2);
    expect(tileExtent(nest, [10, 9, 4], 0, 0)).toBe(5);
    expect(tileExtent(nest, [10, 9, 4], 1, 1)).toBe(3);
  });

  it('counts a dimension split over several loops of one level', () => {
    // for m in 2, for k in 3, for m in 4 (innermost): B stays during the inner m, not the outer one.
    const nest: LoopNest = {
      levels: [
        {
          loops: [
            { dim: 0, count: 4 },
            { dim: 2, count: 3 },
            { dim: 0, count: 2 },
          ],
        },
      ],
    };
    expect(visits(nest, 'weight', 0)).toBe(2);
    expect(outerCount(nest, 0, 0)).toBe(8);
  });

  it('prints one line per boundary, outermost first, loops outermost first', () => {
    const nest: LoopNest = {
      levels: [level([7, 1, 1], [0, 1, 2]), level([4, 19, 16], [2, 0, 1])],
    };
    expect(describeNest(nest, ['spad', 'glb'])).toEqual(['glb: for n[0:19) m[0:4) k[0:16)', 'spad: for m[0:7)']);
  });
});
