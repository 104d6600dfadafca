import { describe, expect, it } from '@jest/globals';
import type { SystolicArray } from '../../src/hardware/arch.js';
import { foldsCycles, gemmSramElements, mapGemm } from '../../src/hardware/systolic-folds.js';
import { type Gemm } from '../../src/workload/lower-layer.js';
import { arrayOf } from '../helpers/arch.js';

/** The array of a minimal arch (built by the loader, so new array fields get their defaults). */
const array = (
  dataflow: 'os' | 'ws' | 'is',
  foldTiming: 'sequential' | 'pipelined' = 'sequential',
  rows = 4,
  cols = 4,
  cores = 1,
): SystolicArray =>
  arrayOf({ kind: 'systolic-array', rows, cols, cores, dataflow, foldTiming, accumulatorBytes: 4, groupPacking: 'none' });

// All cases on a 4×4 array, worked on paper from NOTES.md §2–3.
const g: Gemm = { m: 10, n: 6, k: 3, instances: 1 };

describe('mapGemm: which extent goes where, folds, and per-fold cycles', () => {
  it('os: Sr = m = 10, Sc = n = 6, T = k = 3 → 3 × 2 folds; T + R + C − 2 = 9 cycles per sequential fold', () => {
    expect(mapGemm(array('os'), g)).toEqual({
      spatialRows: 10,
      spatialCols: 6,
      temporal: 3,
      coreSplit: 'stream',
      rowFolds: 3,
      colFolds: 2,
      sequentialFoldCycles: 9,
      // pipelined: max(T, R) = 4 per fold; fill/drain R + C − 2 = 6 once
      pipelinedFoldCycles: 4,
      pipelineOverheadCycles: 6,
    });
  });

  it('ws: Sr = k = 3, Sc = n = 6, T = m = 10 → 1 × 2 folds; 2R + C + T − 2 = 20 cycles per sequential fold', () => {
    expect(mapGemm(array('ws'), g)).toEqual({
      spatialRows: 3,
      spatialCols: 6,
      temporal: 10,
      coreSplit: 'stream',
      rowFolds: 1,
      colFolds: 2,
      sequentialFoldCycles: 20,
      pipelinedFoldCycles: 10, // max(T = 10, R = 4)
      pipelineOverheadCycles: 10, // preload R = 4 + skew R + C − 2 = 6
    });
  });

  it('is: Sr = k = 3, Sc = m = 10, T = n = 6 → 1 × 3 folds; 2R + C + T − 2 = 16 cycles per sequential fold', () => {
    expect(mapGemm(array('is'), g)).toEqual({
      spatialRows: 3,
      spatialCols: 10,
      temporal: 6,
      coreSplit: 'stream',
      rowFolds: 1,
      colFolds: 3,
      sequentialFoldCycles: 16,
      pipelinedFoldCycles: 6,
      pipelineOverheadCycles: 10,
    });
  });

  it('a partial fold counts as a whole one: m = 5 on 4 rows is 2 row folds', () => {
    expect(mapGemm(array('os'), { m: 5, n: 4, k: 1, instances: 1 })).toMatchObject({ rowFolds: 2, colFolds: 1 });
  });

  it('a 1×1 array has no skew: os fold = T cycles, ws/is fold = T + 1 (the preload)', () => {
    const one: Gemm = { m: 2, n: 3, k: 7, instances: 1 };
    expect(mapGemm(array('os', 'sequential', 1, 1), one).sequentialFoldCycles).toBe(7);
    expect(mapGemm(array('ws', 'sequential', 1, 1), one).sequentialFoldCycles).toBe(2 + 1);
    expect(mapGemm(array('is', 'sequential', 1, 1), one).sequentialFoldCycles).toBe(3 + 1);
  });

  it('matches SCALE-Sim v2 on its own test_mnk GEMM (M = 128, N = 64, K = 256) on 32×32: os 2543, ws 3551, is 5055', () => {
    // results.csv, config scale (32×32): total_cycles = row_folds·col_folds·per_fold − 1.
    const mnk: Gemm = { m: 128, n: 64, k: 256, instances: 1 };
    for (const [df, expected] of [
      ['os', 2543],
      ['ws', 3551],
      ['is', 5055],
    ] as const) {
      const a = array(df, 'sequential', 32, 32);
      const map = mapGemm(a, mnk);
      expect(foldsCycles(a, map, map.rowFolds * map.colFolds, true) - 1).toBe(expected);
    }
  });
});

describe('foldsCycles', () => {
  const os = mapGemm(array('os'), g);

  it('sequential: folds × per-fold cycles, whether or not the run starts there', () => {
    expect(foldsCycles(array('os'), os, 5, true)).toBe(45);
    expect(foldsCycles(array('os'), os, 5, false)).toBe(45);
  });

  it('pipelined: folds × max(T, R), plus fill/drain once at the start of a run', () => {
    expect(foldsCycles(array('os', 'pipelined'), os, 5, true)).toBe(5 * 4 + 6);
    expect(foldsCycles(array('os', 'pipelined'), os, 5, false)).toBe(5 * 4);
  });

  it('zero folds cost nothing, even at the start of a run', () => {
    expect(foldsCycles(array('os', 'pipelined'), os, 0, true)).toBe(0);
    expect(foldsCycles(array('os'), os, 0, true)).toBe(0);
  });
});

const elementsOf = (g: Gemm) => ({ a: g.m * g.k, b: g.k * g.n, c: g.m * g.n });

describe('gemmSramElements: SRAM port traffic of one instance', () => {
  // m = 10, k = 9, n = 6 on 4×4: A = 90, B = 54, C = 60 elements.
  const h: Gemm = { m: 10, n: 6, k: 9, instances: 1 };

  it('os (3 row × 2 col folds): A once per column fold, B once per row fold, outputs written once', () => {
    const a = array('os');
    expect(gemmSramElements(a, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90 * 2,
      weightReads: 54 * 3,
      outputWrites: 60,
      outputReads: 0,
    });
  });

  it('ws (k = 9 → 3 row folds, n = 6 → 2 col folds): A once per column fold, B once, partial sums per row fold', () => {
    const a = array('ws');
    expect(gemmSramElements(a, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90 * 2,
      weightReads: 54,
      outputWrites: 60 * 3,
      outputReads: 60 * 2,
    });
  });

  it('is (k = 9 → 3 row folds, m = 10 → 3 col folds): A once, B once per column fold, partial sums per row fold', () => {
    const a = array('is');
    expect(gemmSramElements(a, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90,
      weightReads: 54 * 3,
      outputWrites: 60 * 3,
      outputReads: 60 * 2,
    });
  });

  it('one row fold: no partial sums read back', () => {
    const a = array('ws');
    expect(gemmSramElements(a, elementsOf(g), mapGemm(a, g))).toMatchObject({ outputWrites: 60, outputReads: 0 });
  });
});

describe('several cores (cores × rows × cols PEs)', () => {
  // 4 cores of 4×4, ws, pipelined. A fold costs max(T, R) cycles on one core.
  it('a long stream splits across cores: m = 40 pixels → 10 each, max(10, R = 4) = 10 cycles per fold, every core loads the weights', () => {
    const a = array('ws', 'pipelined', 4, 4, 4);
    const long: Gemm = { m: 40, n: 8, k: 4, instances: 1 };
    const map = mapGemm(a, long);
    expect(map).toMatchObject({ coreSplit: 'stream', rowFolds: 1, colFolds: 2, pipelinedFoldCycles: 10 });
    // stream split: 2 folds × 10 = 20 cycles; column split: ceil(2/4) = 1 step × 40 = 40 → stream wins.
    expect(gemmSramElements(a, { a: 160, b: 32, c: 320 }, map).weightReads).toBe(4 * 32);
  });

  it('a short stream with many column folds gives cores their own columns: 8 column folds on 4 cores take 2 steps', () => {
    const a = array('ws', 'pipelined', 4, 4, 4);
    const wide: Gemm = { m: 4, n: 32, k: 4, instances: 1 };
    const map = mapGemm(a, wide);
    // stream split: 8 folds × max(1, 4) = 32 cycles; columns: 2 steps × max(4, 4) = 8 → columns,
    // spread over the 8 folds as 8 × 2 / 8 = 1... per fold: ceil(4 × 2 / 8) = 1 cycle.
    expect(map).toMatchObject({ coreSplit: 'columns', colFolds: 8, pipelinedFoldCycles: 1 });
    expect(foldsCycles(a, map, 8, false)).toBe(8);
    expect(gemmSramElements(a, { a: 16, b: 128, c: 128 }, map).weightReads).toBe(128);
  });

  it('one core is the plain array', () => {
    expect(mapGemm(array('ws', 'pipelined', 4, 4, 1), { m: 40, n: 8, k: 4, instances: 1 })).toMatchObject({
      coreSplit: 'stream',
      pipelinedFoldCycles: 40,
    });
  });
});
