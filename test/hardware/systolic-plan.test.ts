import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { type Arch } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { planGemm } from '../../src/hardware/systolic-plan.js';
import type { GemmJob } from '../../src/hardware/systolic-job.js';
import { tilePartialSumBytes } from '../../src/hardware/systolic-traffic.js';
import { refetchFraction } from '../../src/hardware/buffer-reuse.js';
import { planLayer } from '../../src/mapping/tile-layer.js';
import { mapGemm } from '../../src/hardware/systolic-folds.js';
import type { Execution, PlanContext, RoleBytes } from '../../src/hardware/component.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import type { LayerSpec } from '../../src/config/schemas/workload.js';

function arch(
  dataflow: 'os' | 'ws' | 'is',
  foldTiming: 'sequential' | 'pipelined' = 'sequential',
  size = 32,
  groupPacking: 'none' | 'block-diagonal' = 'none',
): Arch {
  return buildArch(
    {
      version: 1,
      name: 't',
      clock: 1e9,
      compute: { pe: { kind: 'systolic-array', rows: size, cols: size, dataflow, foldTiming, groupPacking } },
      memory: {
        sram: {
          i: { size: 1 << 20, holds: ['input'] },
          w: { size: 1 << 20, holds: ['weight'] },
          o: { size: 1 << 20, holds: ['output'] },
        },
        dram: { ideal: true },
      },
    },
    undefined,
  );
}
const a4 = (dataflow: 'os' | 'ws' | 'is', foldTiming: 'sequential' | 'pipelined' = 'sequential') => arch(dataflow, foldTiming, 4);

const INT8_DENSE: Execution = {
  macPrecision: 'int8',
  throughput: 1,
  bytes: { input: 1, weight: 1, output: 1 },
  kScale: 1,
  nScale: 1,
  macsIssued: 0,
  macsGated: 0,
  notes: [],
};

const all = <T>(v: T) => ({ input: v, weight: v, output: v });
/** One level (buffers i, w, o) in front of one off-chip channel, with `capacity` for each role. */
const ctx = (capacity: Partial<RoleBytes> = {}, over: Partial<PlanContext> = {}): PlanContext => ({
  origin: 'arch "t"',
  clockHz: 1e9,
  execution: INT8_DENSE,
  inputsOnChip: [false],
  weightsCached: false,
  keepOutputOnChip: false,
  boundaries: [
    {
      capacity: { input: 1 << 20, weight: 1 << 20, output: 1 << 20, ...capacity },
      crosses: all(true),
      last: all(true),
      channel: all(0),
      level: { input: 'i', weight: 'w', output: 'o' },
    },
  ],
  channels: 1,
  maxTiles: 256,
  ...over,
});

// An 8×8×8 GEMM, 1 byte per element: A, B and C are 64 B each.
const job = (over: Partial<GemmJob> = {}): GemmJob => ({
  layerName: 'mm',
  gemm: { m: 8, n: 8, k: 8, instances: 1 },
  elements: { a: 64, b: 64, c: 64 },
  inputBytes: 64,
  weightBytes: 64,
  outputBytes: 64,
  weightIsParameter: true,
  inputOnChip: false,
  weightOnChip: false,
  ...over,
});

describe('refetchFraction', () => {
  it('nothing is re-fetched when the operand fits', () => {
    expect(refetchFraction(100, 100)).toBe(0);
    expect(refetchFraction(10, 200)).toBe(0);
  });

  it('otherwise all but the half-buffer kept between passes: 100 B in 50 B → 1 − 25/100', () => {
    expect(refetchFraction(100, 50)).toBe(0.75);
    expect(refetchFraction(100, 0)).toBe(1);
  });
});

describe('planGemm: 8×8×8 on a 4×4 os array (2 row × 2 column folds), worked on paper', () => {
  it('everything fits: each fold is a tile; A comes in row-fold slices once, B in column slices, C leaves per fold', () => {
    const p = planGemm(systolicOf(a4('os'))!, job(), ctx());
    // fold = T + R + C − 2 = 14 cycles. Column fold 0: A's two 32 B row slices, with B's 32 B
    // column slice on its first row fold; column fold 1: A stays on chip, only B's slice comes in.
    // Every fold stores its 4×4 block of C (16 B); the last reports −1 (SCALE-Sim's convention).
    expect(p.runs).toEqual([
      { count: 1, tile: { computeCycles: 14, loads: [64], stores: [16] } },
      { count: 2, tile: { computeCycles: 14, loads: [32], stores: [16] } },
      { count: 1, tile: { computeCycles: 13, loads: [0], stores: [16] } },
    ]);
    expect(p.computeCycles).toBe(55);
    expect(p.traffic[0].fills).toEqual({ input: 64, weight: 64, output: 0 });
    expect(p.traffic[0].drains).toEqual({ input: 0, weight: 0, output: 64 });
    expect(p.mapping).toMatchObject({ rowFolds: 2, colFolds: 2, folds: 4 });
  });

  it('pipelined: fill/drain once, on the first fold: max(8, 4) + 6, then 8 per fold', () => {
    const p = planGemm(systolicOf(a4('os', 'pipelined'))!, job(), ctx());
    expect(p.runs.map((r) => [r.count, r.tile.computeCycles])).toEqual([
      [1, 14],
      [2, 8],
      [1, 8],
    ]);
  });

  it('a 32 B B-slice in a 16 B weight buffer is re-read: 1 + (2 − 1) × (1 − 8/32) = 1.75 passes', () => {
    const p = planGemm(systolicOf(a4('os'))!, job(), ctx({ weight: 16 }));
    expect(p.traffic[0].fills.weight).toBe(2 * 32 * 1.75);
    // second row fold of column fold 0: A's slice (32) + 0.75 of B's slice (24)
    expect(p.runs[1].tile.loads[0]).toBe(32 + 24);
  });

  it('A (64 B) in a 32 B input buffer: the second column fold streams 1 − 16/64 of it again', () => {
    const p = planGemm(systolicOf(a4('os'))!, job(), ctx({ input: 32 }));
    expect(p.traffic[0].fills.input).toBe(64 + 48);
    // column fold 1, row fold 0: 0.75 of A's 32 B row slice + B's 32 B column slice
    expect(p.runs[2].tile.loads[0]).toBe(24 + 32);
  });

  it('on-chip operands and a kept output move nothing', () => {
    const p = planGemm(
      systolicOf(a4('os'))!,
      job({ inputOnChip: true, weightOnChip: true }),
      ctx({}, { keepOutputOnChip: true }),
    );
    expect(p.traffic[0].fills).toEqual({ input: 0, weight: 0, output: 0 });
    expect(p.traffic[0].drains).toEqual({ input: 0, weight: 0, output: 0 });
  });

  it('is streams B (the weights) every column fold and splits A', () => {
    // is: Sr = k = 8, Sc = m = 8 → 2 column folds; B fits, so it is read once.
    const p = planGemm(systolicOf(a4('is'))!, job(), ctx({ weight: 32 }));
    // B = 64 B in a 32 B buffer: read 64, then 1 − 16/64 of it again for the second fold.
    expect(p.traffic[0].fills).toEqual({ input: 64, weight: 64 + 48, output: 0 });
  });

  it('byte totals stay integers where the tile slices are not (126 B of weights over 13 column folds)', () => {
    const a = buildArch(
      {
        version: 1,
        name: 't',
        clock: 1e9,
        compute: { pe: { kind: 'systolic-array', rows: 1, cols: 5, dataflow: 'os', foldTiming: 'sequential' } },
        memory: {
          sram: { i: { size: 64, holds: ['input'] }, w: { size: 1024, holds: ['weight'] }, o: { size: 1024, holds: ['output'] } },
          dram: { ideal: true },
        },
      },
      undefined,
    );
    const p = planGemm(
      systolicOf(a)!,
      job({ gemm: { m: 1, n: 63, k: 1, instances: 1 }, inputBytes: 1, weightBytes: 126, outputBytes: 63 }),
      ctx(),
    );
    expect(p.traffic[0].fills.weight).toBe(126);
    expect(p.traffic[0].drains.output).toBe(63);
  });
});

describe('partial sums (ws, is)', () => {
  // ws 4×4, m = 8, k = 8, n = 4: Sr = k → 2 row folds, Sc = n → 1 column fold, T = m = 8.
  const g = { m: 8, n: 4, k: 8, instances: 1 };

  it('one tile keeps T × min(C, Sc) × 4 B = 8 × 4 × 4 = 128 B of partial sums; os keeps them in the PEs', () => {
    expect(tilePartialSumBytes(systolicOf(a4('ws'))!, mapGemm(systolicOf(a4('ws'))!, g))).toBe(128);
    expect(tilePartialSumBytes(systolicOf(a4('os'))!, mapGemm(systolicOf(a4('os'))!, g))).toBe(0);
    // one row fold: nothing to keep between folds
    expect(tilePartialSumBytes(systolicOf(a4('ws'))!, mapGemm(systolicOf(a4('ws'))!, { ...g, k: 4 }))).toBe(0);
  });

  it('they spill when the output buffer is smaller: (2 − 1) × (128 − 64/2) = 96 B out and back', () => {
    const p = planGemm(
      systolicOf(a4('ws'))!,
      job({ gemm: g, inputBytes: 64, weightBytes: 32, outputBytes: 32 }),
      ctx({ output: 64 }),
    );
    expect(p.traffic[0].fills.output).toBe(96);
    expect(p.traffic[0].drains.output).toBe(32 + 96);
  });
});

describe('folds that do not fit their buffer', () => {
  it('still run, and the mapping says which role streams through and how short the buffer is (ws weights: 2 × 4 × 4 B)', () => {
    const short = planGemm(systolicOf(a4('ws'))!, job(), ctx({ weight: 31 }));
    expect(short.mapping?.spills).toEqual([
      expect.stringMatching(/^weight: one ws fold of 4×4 needs 32 B .* buffer "w" has 31 B/),
    ]);
    const enough = planGemm(systolicOf(a4('ws'))!, job(), ctx({ weight: 32 }));
    expect(enough.mapping?.spills).toBeUndefined();
    // Same compute either way: a spill costs transfers, not array cycles.
    expect(short.computeCycles).toBe(enough.computeCycles);
  });

  it('an operand already on chip needs no room', () => {
    expect(planGemm(systolicOf(a4('ws'))!, job({ weightOnChip: true }), ctx({ weight: 0 })).mapping?.spills).toBeUndefined();
  });
});

describe('planLayer (block-diagonal packing and views)', () => {
  const layerOf = (shape: number[], layers: LayerSpec[]) => {
    const g = buildGraph({ version: 1, name: 't', inputs: { x: { shape } }, layers }, 't.json');
    return g.layers[g.layers.length - 1];
  };

  it('a partial last group does not inflate the bytes: 10 depthwise channels, 3 per fold, move each tensor once', () => {
    // ws 32×32: floor(32 / 9) = 3 channels per fold → 4 packed instances, the last with 1 channel.
    const l = layerOf([1, 10, 8, 8], [{ type: 'depthwise', name: 'dw', kernel: 3, padding: 1, bias: false }]);
    const p = planLayer(l, systolicOf(arch('ws', 'sequential', 32, 'block-diagonal')), ctx());
    expect(p.mapping).toMatchObject({ m: 64, k: 27, n: 3, instances: 4 });
    expect(p.traffic[0].fills).toEqual({ input: 640, weight: 90, output: 0 });
    expect(p.traffic[0].drains.output).toBe(640);
  });

  it('a view moves nothing, unless its on-chip input must leave the chip (a graph output)', () => {
    const l = layerOf([1, 3, 4, 4], [{ type: 'flatten', name: 'f' }]);
    expect(planLayer(l, undefined, ctx({}, { inputsOnChip: [false] })).traffic[0].drains.output).toBe(0);
    expect(planLayer(l, undefined, ctx({}, { inputsOnChip: [true], keepOutputOnChip: true })).traffic[0].drains.output).toBe(0);
    const drained = planLayer(l, undefined, ctx({}, { inputsOnChip: [true], keepOutputOnChip: false }));
    expect(drained.traffic[0].drains.output).toBe(48);
    expect(drained.runs).toEqual([{ count: 1, tile: { computeCycles: 0, loads: [0], stores: [48] } }]);
  });
});
