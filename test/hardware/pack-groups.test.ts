import { describe, expect, it } from '@jest/globals';
import type { SystolicArray } from '../../src/hardware/arch.js';
import type { Gemm } from '../../src/workload/lower-layer.js';
import { groupsPerFold, packGemm } from '../../src/hardware/systolic-folds.js';
import { arrayOf } from '../helpers/arch.js';

/** The array of a minimal arch (built by the loader, so new array fields get their defaults). */
const array = (
  dataflow: 'os' | 'ws' | 'is',
  groupPacking: 'block-diagonal' | 'none' = 'block-diagonal',
  rows = 32,
  cols = 32,
): SystolicArray =>
  arrayOf({ kind: 'systolic-array', rows, cols, dataflow, foldTiming: 'sequential', accumulatorBytes: 4, groupPacking });

// A depthwise 3×3 channel on 8×8 pixels: m = 64, k = 9, n = 1.
const dw = (instances: number, n = 1): Gemm => ({ m: 64, k: 9, n, instances });

describe('groupsPerFold', () => {
  it('ws 32×32: floor(32 / 9) = 3 channels side by side (rows bind before columns)', () => {
    expect(groupsPerFold(array('ws'), dw(10))).toBe(3);
  });

  it('columns can bind too: n = 12 per group → floor(32 / 12) = 2', () => {
    expect(groupsPerFold(array('ws'), dw(10, 12))).toBe(2);
  });

  it('never more than there are instances', () => {
    expect(groupsPerFold(array('ws'), dw(2))).toBe(2);
  });

  it('1 when a group does not fit the array at all (k > rows), not 0', () => {
    expect(groupsPerFold(array('ws', 'block-diagonal', 8, 32), dw(10))).toBe(1);
  });

  it('1 for os and is (the packed extent would land in time), with packing off, or for one instance', () => {
    expect(groupsPerFold(array('os'), dw(10))).toBe(1);
    expect(groupsPerFold(array('is'), dw(10))).toBe(1);
    expect(groupsPerFold(array('ws', 'none'), dw(10))).toBe(1);
    expect(groupsPerFold(array('ws'), dw(1))).toBe(1);
  });
});

describe('packGemm', () => {
  it('3 per fold: k and n grow 3×, m stays, 10 instances become ceil(10 / 3) = 4', () => {
    expect(packGemm(dw(10), 3)).toEqual({ m: 64, k: 27, n: 3, instances: 4 });
  });

  it('packing 1 is the identity', () => {
    const g = dw(10);
    expect(packGemm(g, 1)).toBe(g);
  });

  it('the packed GEMM covers every original MAC (more only through the zero blocks and the partial last group)', () => {
    for (const instances of [1, 2, 3, 7, 10, 33]) {
      const g = dw(instances);
      const p = groupsPerFold(array('ws'), g);
      const packed = packGemm(g, p);
      expect(packed.instances * p).toBeGreaterThanOrEqual(instances);
      expect((packed.instances - 1) * p).toBeLessThan(instances);
      expect(packed.k * packed.n).toBe(p * p * g.k * g.n);
    }
  });
});
