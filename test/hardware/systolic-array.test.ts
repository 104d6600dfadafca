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
): SystolicArray =>
  arrayOf({ kind: 'systolic-array', rows, cols, dataflow, foldTiming, accumulatorBytes: 4, groupPacking: 'none' });

// All cases on a 4×4 array, worked on paper from NOTES.md §2–3.
const g: Gemm = { m: 10, n: 6, k: 3, instances: 1 };

describe('mapGemm: which extent goes where, folds, and per-fold cycles', () => {
  it('os: Sr = m = 10, Sc = n = 6, T = k = 3 → 3 × 2 folds; T + R + C − 2 = 9 cycles per sequential fold', () => {
    expect(mapGemm(array('os'), g)).toEqual({
      spatialRows: 10,
      spatialCols: 6,
      temporal: 3,
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
    expect(gemmSramElements(a.dataflow, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90 * 2,
      weightReads: 54 * 3,
      outputWrites: 60,
      outputReads: 0,
    });
  });

  it('ws (k = 9 → 3 row folds, n = 6 → 2 col folds): A once per column fold, B once, partial sums per row fold', () => {
    const a = array('ws');
    expect(gemmSramElements(a.dataflow, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90 * 2,
      weightReads: 54,
      outputWrites: 60 * 3,
      outputReads: 60 * 2,
    });
  });

  it('is (k = 9 → 3 row folds, m = 10 → 3 col folds): A once, B once per column fold, partial sums per row fold', () => {
    const a = array('is');
    expect(gemmSramElements(a.dataflow, elementsOf(h), mapGemm(a, h))).toEqual({
      inputReads: 90,
      weightReads: 54 * 3,
      outputWrites: 60 * 3,
      outputReads: 60 * 2,
    });
  });

  it('one row fold: no partial sums read back', () => {
    const a = array('ws');
    expect(gemmSramElements(a.dataflow, elementsOf(g), mapGemm(a, g))).toMatchObject({ outputWrites: 60, outputReads: 0 });
  });
});
