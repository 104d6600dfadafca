import { describe, expect, it } from '@jest/globals';
import { resolvePadding, samePadding, windowOutput } from '../../src/workload/window.js';

describe('sliding-window arithmetic', () => {
  it('output = floor((in + padTotal - dilation·(k-1) - 1) / stride) + 1', () => {
    expect(windowOutput(224, 6, 7, 2, 1)).toBe(112);
    expect(windowOutput(7, 0, 3, 2, 1)).toBe(3);
    expect(windowOutput(9, 0, 3, 1, 2)).toBe(5);
  });

  it('"same" padding gives ceil(in / stride) outputs, the odd pixel after', () => {
    expect(samePadding(224, 3, 2, 1)).toEqual([0, 1]);
    expect(samePadding(225, 3, 2, 1)).toEqual([1, 1]);
    expect(samePadding(10, 3, 1, 2)).toEqual([2, 2]);
    expect(samePadding(5, 1, 2, 1)).toEqual([0, 0]);
    for (const [n, k, s] of [
      [49, 10, 2],
      [10, 4, 2],
      [7, 3, 3],
      [1, 3, 1],
    ]) {
      const [a, b] = samePadding(n, k, s, 1);
      expect(windowOutput(n, a + b, k, s, 1)).toBe(Math.ceil(n / s));
    }
  });

  it('expands padding shorthands to [top, bottom, left, right]', () => {
    const args = [8, 8, [3, 3], [1, 1], [1, 1]] as const;
    expect(resolvePadding(undefined, ...args)).toEqual([0, 0, 0, 0]);
    expect(resolvePadding('valid', ...args)).toEqual([0, 0, 0, 0]);
    expect(resolvePadding(2, ...args)).toEqual([2, 2, 2, 2]);
    expect(resolvePadding([1, 2], ...args)).toEqual([1, 1, 2, 2]);
    expect(resolvePadding([0, 1, 2, 3], ...args)).toEqual([0, 1, 2, 3]);
    expect(resolvePadding('same', ...args)).toEqual([1, 1, 1, 1]);
  });
});
