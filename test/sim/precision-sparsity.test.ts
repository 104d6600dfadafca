import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Arch } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import type { ArchSpec, SparsitySupportSpec } from '../../src/config/schemas/arch.js';
import type { PrecisionSpec, SparsitySpec } from '../../src/config/schemas/common.js';
import { WorkloadSpec, type LayerSpec } from '../../src/config/schemas/workload.js';
import { UserError } from '../../src/config/user-error.js';
import { validateAgainst } from '../../src/config/validate.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import type { Graph } from '../../src/workload/graph.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { userErrorOf as userError } from '../helpers/user-error.js';

// Precision and sparsity, worked by hand on small arrays (design.md §Precision and sparsity;
// the rules are in src/mapping/execution.ts). Memory is ideal unless a test is about bytes:
// ideal DRAM still counts every byte, it only never stalls.

type Dataflow = 'os' | 'ws' | 'is';
type Precisions = NonNullable<Extract<ArchSpec['compute'][string], { kind: 'systolic-array' }>['precisions']>;

interface ArchOptions {
  readonly rows?: number;
  readonly cols?: number;
  readonly dataflow?: Dataflow;
  readonly foldTiming?: 'sequential' | 'pipelined';
  readonly precisions?: Precisions;
  readonly precisionFallback?: 'error' | 'widen';
  readonly weight?: SparsitySupportSpec;
  readonly activation?: SparsitySupportSpec;
  readonly sram?: number;
}

/** A small array named "pe" with one roomy buffer per role and ideal DRAM. */
function arch(o: ArchOptions = {}): Arch {
  const size = o.sram ?? 1 << 20;
  const sparsity =
    o.weight || o.activation
      ? { ...(o.weight ? { weight: o.weight } : {}), ...(o.activation ? { activation: o.activation } : {}) }
      : undefined;
  return buildArch(
    {
      version: 1,
      name: 'small',
      clock: '1 GHz',
      compute: {
        pe: {
          kind: 'systolic-array',
          rows: o.rows ?? 4,
          cols: o.cols ?? 4,
          dataflow: o.dataflow ?? 'os',
          foldTiming: o.foldTiming ?? 'sequential',
          ...(o.precisions ? { precisions: o.precisions } : {}),
          ...(o.precisionFallback ? { precisionFallback: o.precisionFallback } : {}),
          ...(sparsity ? { sparsity } : {}),
        },
      },
      memory: {
        sram: { i: { size, holds: ['input'] }, w: { size, holds: ['weight'] }, o: { size, holds: ['output'] } },
        dram: { ideal: true, technology: 'generic' },
      },
    },
    undefined,
  );
}

interface LayerOptions {
  readonly precision?: PrecisionSpec;
  readonly sparsity?: SparsitySpec;
}

/** One dense layer [m × k] · [k × n], without bias, validated and built like a user's file. */
function gemm(m: number, k: number, n: number, o: LayerOptions = {}): Graph {
  return workload({
    inputs: { x: { shape: [m, k] } },
    layers: [{ type: 'dense', name: 'fc', outFeatures: n, bias: false, ...o }],
  });
}

function workload(doc: { inputs: WorkloadSpec['inputs']; layers: unknown[] }): Graph {
  const spec = validateAgainst<WorkloadSpec>(WorkloadSpec, { version: 1, name: 'w', ...doc }, 'w.json');
  return buildGraph(spec, 'w.json');
}

const unstructured = (density: number): SparsitySpec => ({ weight: { density, structure: 'unstructured' } });

describe('weight sparsity on a 4×4 output-stationary array (sequential folds)', () => {
  // m = n = 4 fill the array in one fold; the reduction k = 256 streams through it.
  // os, sequential: cycles = folds × (T + R + C − 2) − 1 with T the reduction the array runs.
  const M = 4;
  const K = 256;
  const N = 4;
  const osCycles = (t: number) => t + 4 + 4 - 2 - 1;
  const dense = simulate(arch(), gemm(M, K, N)).layers[0];

  it('dense: T = k = 256, so 261 cycles', () => {
    expect(dense.computeCycles).toBe(osCycles(K));
    expect(dense.computeCycles).toBe(261);
    expect(dense.macsIssued).toBe(M * K * N);
  });

  it('skipping 50% unstructured zeros: about half the reduction plus the imbalance penalty', () => {
    // The N = 4 outputs of a fold wait for the one with the most non-zeros (execution.ts):
    // T = ceil(k·d + z·√(k·d·(1 − d))) with z = √(2 ln cols) = √(2 ln 4) = 1.665
    //   = ceil(128 + 1.665 × √64) = ceil(141.32) = 142.
    const d = 0.5;
    const z = Math.sqrt(2 * Math.log(4));
    const t = Math.ceil(K * d + z * Math.sqrt(K * d * (1 - d)));
    expect(t).toBe(142);
    const l = simulate(arch({ weight: { mode: 'skipping' } }), gemm(M, K, N, { sparsity: unstructured(d) })).layers[0];
    expect(l.mapping).toMatchObject({ m: M, n: N, k: t });
    expect(l.computeCycles).toBe(osCycles(t)); // 147
    expect(l.computeCycles / dense.computeCycles).toBeGreaterThan(0.5);
    expect(l.computeCycles / dense.computeCycles).toBeLessThan(0.6);
    expect(l.macsIssued).toBe((M * K * N) / 2);
    expect(l.macsSkipped).toBe((M * K * N) / 2);
    expect(l.macsGated).toBe(0);
    expect(l.sparsity).toMatchObject({ weightDensity: d, weightStructure: 'unstructured' });
    expect(l.sparsity.notes).toBeUndefined();
  });

  it('the penalty grows with the columns that wait for each other: one output column has none', () => {
    // n = 1: z = √(2 ln 1) = 0, so T = k·d exactly.
    const l = simulate(arch({ weight: { mode: 'skipping' } }), gemm(M, K, 1, { sparsity: unstructured(0.5) })).layers[0];
    expect(l.mapping?.k).toBe(128);
    expect(l.computeCycles).toBe(osCycles(128));
  });

  it('gating the same zeros: the cycles of the dense layer and half its MAC energy', () => {
    const l = simulate(arch({ weight: { mode: 'gating' } }), gemm(M, K, N, { sparsity: unstructured(0.5) })).layers[0];
    expect(l.computeCycles).toBe(dense.computeCycles);
    expect(l.mapping?.k).toBe(K);
    expect(l.macsIssued).toBe(M * K * N);
    expect(l.macsGated).toBe((M * K * N) / 2);
    expect(l.macsSkipped).toBe(0);
    // horowitz-45nm: 0.29 pJ per int8 MAC; a gated MAC is charged nothing.
    expect(dense.energyBreakdownJoules.mac).toBeCloseTo(M * K * N * 0.29e-12, 18);
    expect(l.energyBreakdownJoules.mac / dense.energyBreakdownJoules.mac).toBeCloseTo(0.5, 12);
    // Nothing else about the layer changes: same reads, same writes, same time.
    expect(l.sram).toEqual(dense.sram);
    expect(l.dram).toEqual(dense.dram);
  });

  it('zeros on an array without sparsity support are computed like any other value', () => {
    const l = simulate(arch(), gemm(M, K, N, { sparsity: unstructured(0.5) })).layers[0];
    expect(l.computeCycles).toBe(dense.computeCycles);
    expect(l.energyBreakdownJoules.mac).toBe(dense.energyBreakdownJoules.mac);
    expect(l.macsIssued).toBe(M * K * N);
  });
});

describe('2:4 structured sparsity on 2:4 hardware: exactly half the reduction', () => {
  const support: SparsitySupportSpec = { mode: 'skipping', structures: ['2:4'] };
  const twoOfFour: SparsitySpec = { weight: { density: 0.5, structure: '2:4' } };

  it('os: T = k/2 exactly, no imbalance (the structure guarantees two per four)', () => {
    // m = n = 4 (one fold), k = 64 → T = 32: 32 + 6 − 1 = 37 cycles against 64 + 6 − 1 = 69.
    const dense = simulate(arch({ weight: support }), gemm(4, 64, 4)).layers[0];
    const l = simulate(arch({ weight: support }), gemm(4, 64, 4, { sparsity: twoOfFour })).layers[0];
    expect(dense.computeCycles).toBe(69);
    expect(l.mapping?.k).toBe(32);
    expect(l.computeCycles).toBe(37);
    expect(l.macsIssued).toBe(dense.macsIssued / 2);
  });

  it('ws, pipelined: the row folds halve exactly, and so do the cycles apart from one fill and drain', () => {
    // ws: Sr = k over 4 rows, Sc = n = 4, T = m = 16. k = 256 → 64 row folds; 2:4 → k = 128, 32 folds.
    // pipelined: folds × max(T, R) + R + (R + C − 2) = 64 × 16 + 10 = 1034, and 32 × 16 + 10 = 522.
    const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', weight: support });
    const dense = simulate(a, gemm(16, 256, 4)).layers[0];
    const l = simulate(a, gemm(16, 256, 4, { sparsity: twoOfFour })).layers[0];
    expect(dense.mapping).toMatchObject({ k: 256, rowFolds: 64, colFolds: 1, folds: 64 });
    expect(l.mapping).toMatchObject({ k: 128, rowFolds: 32, colFolds: 1, folds: 32 });
    expect(dense.computeCycles).toBe(1034);
    expect(l.computeCycles).toBe(522);
    expect(l.computeCycles - 10).toBe((dense.computeCycles - 10) / 2);
  });

  it('2:4 weights are stored as the kept half plus 2 bits of position each: 5 of 8 bytes at int8', () => {
    // (8 + log2 4) bits × 0.5 = 5 bits per weight; k × n = 256 × 4 weights → 640 bytes, not 1024.
    const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', weight: support });
    const l = simulate(a, gemm(16, 256, 4, { sparsity: twoOfFour })).layers[0];
    expect(l.dram.readByRole.weight).toBe((256 * 4 * 5) / 8);
  });

  it('unstructured zeros on 2:4-only hardware run dense, and the result says why', () => {
    const a = arch({ weight: support });
    const dense = simulate(a, gemm(4, 64, 4)).layers[0];
    const l = simulate(a, gemm(4, 64, 4, { sparsity: unstructured(0.5) })).layers[0];
    expect(l.computeCycles).toBe(dense.computeCycles);
    expect(l.mapping?.k).toBe(64);
    expect(l.macsIssued).toBe(dense.macsIssued);
    expect(l.macsSkipped).toBe(0);
    expect(l.sparsity.notes).toEqual([
      expect.stringMatching(/weight sparsity "unstructured" is not exploited.*skipping handles 2:4/),
    ]);
  });
});

describe('compressed storage and pruned channels', () => {
  it('a bitmask costs one bit per element on top of the kept values: 25% dense int8 weights take 3/8 byte each', () => {
    // 0.25 × 8 + 1 = 3 bits per element; k × n = 256 × 4 weights → 384 bytes instead of 1024.
    const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', weight: { mode: 'skipping', format: 'bitmask' } });
    const l = simulate(a, gemm(16, 256, 4, { sparsity: unstructured(0.25) })).layers[0];
    expect(l.dram.readByRole.weight).toBe(384);
  });

  it('a compressed format that would cost more than the dense tensor is not used', () => {
    // csr at 90% density: 0.9 × (8 + log2 256) + 32/256 > 8 bits, so the weights stay dense.
    const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', weight: { mode: 'skipping', format: 'csr' } });
    const l = simulate(a, gemm(16, 256, 4, { sparsity: unstructured(0.9) })).layers[0];
    expect(l.dram.readByRole.weight).toBe(1024);
  });

  it('channel pruning the array skips drops whole filters: fewer output columns and only the kept filters are fetched', () => {
    // n = 8 filters, half pruned: the array runs n = 4 (2 → 1 column folds on 4 columns) and
    // reads 256 × 4 weights, not 256 × 8, with no metadata.
    const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', weight: { mode: 'skipping', structures: ['channel'] } });
    const dense = simulate(a, gemm(16, 256, 8)).layers[0];
    const l = simulate(a, gemm(16, 256, 8, { sparsity: { weight: { density: 0.5, structure: 'channel' } } })).layers[0];
    expect(dense.mapping).toMatchObject({ n: 8, k: 256, colFolds: 2 });
    expect(l.mapping).toMatchObject({ n: 4, k: 256, colFolds: 1 });
    expect(dense.dram.readByRole.weight).toBe(2048);
    expect(l.dram.readByRole.weight).toBe(1024);
    expect(l.macsIssued).toBe(dense.macsIssued / 2);
  });
});

describe('precision: packing several narrow MACs into one PE', () => {
  // ws, pipelined, 4×4: k = 256 over 4 rows; T = m = 64; n = 4 → one column fold.
  const packing: Precisions = { int8: 1, int4: 2 };
  const a = arch({ dataflow: 'ws', foldTiming: 'pipelined', precisions: packing });

  it('int4 at 2× halves the row folds, the compute cycles (bar one fill and drain) and the bytes of every tensor', () => {
    const int8 = simulate(a, gemm(64, 256, 4, { precision: 'int8' })).layers[0];
    const int4 = simulate(a, gemm(64, 256, 4, { precision: 'int4' })).layers[0];
    // int8: 64 folds × 64 + 10 = 4106; int4 packs two MACs per PE: k = 128, 32 folds × 64 + 10 = 2058.
    expect(int8.mapping).toMatchObject({ k: 256, rowFolds: 64, folds: 64 });
    expect(int4.mapping).toMatchObject({ k: 128, rowFolds: 32, folds: 32 });
    expect(int8.computeCycles).toBe(4106);
    expect(int4.computeCycles).toBe(2058);
    expect(int4.precision).toEqual({ weight: 'int4', input: 'int4', output: 'int4', mac: 'int4' });
    // Weights: 256 × 4 at 1 byte, then at half a byte; inputs 64 × 256 likewise.
    expect(int8.dram.readByRole.weight).toBe(1024);
    expect(int4.dram.readByRole.weight).toBe(512);
    expect(int4.dram.readByRole.input).toBe(int8.dram.readByRole.input / 2);
    expect(int4.dram.writeBytes).toBe(int8.dram.writeBytes / 2);
  });

  it('w4a8 runs at the wider precision: int8 MACs, but its weights still take half the bytes', () => {
    const int8 = simulate(a, gemm(64, 256, 4, { precision: 'int8' })).layers[0];
    const l = simulate(a, gemm(64, 256, 4, { precision: 'w4a8' })).layers[0];
    expect(l.precision.mac).toBe('int8');
    expect(l.computeCycles).toBe(int8.computeCycles);
    expect(l.dram.readByRole.weight).toBe(512);
    expect(l.dram.readByRole.input).toBe(int8.dram.readByRole.input);
  });

  it('a precision the PEs lack, with no fallback, is a user error naming /compute/<array>/precisions', () => {
    const err = userError(() => simulate(arch(), gemm(4, 64, 4, { precision: 'int4' })));
    expect(err.problems[0].path).toBe('/compute/pe/precisions');
    expect(err.message).toMatch(/layer "fc" needs int4 MACs but the array runs only: int8.*precisionFallback/);
  });

  it('with "precisionFallback": "widen" it runs on the narrowest wider integer PEs, unpacked, and says so', () => {
    const wide = arch({ precisions: { int8: 1, int16: 0.5 }, precisionFallback: 'widen' });
    const int8 = simulate(wide, gemm(4, 64, 4, { precision: 'int8' })).layers[0];
    const l = simulate(wide, gemm(4, 64, 4, { precision: 'int4' })).layers[0];
    expect(l.precision.mac).toBe('int8');
    expect(l.precision.fallback).toBe('int4 runs on int8 PEs, unpacked');
    expect(l.computeCycles).toBe(int8.computeCycles);
    expect(int8.precision.fallback).toBeUndefined();
    // The MACs are priced at the precision they ran at.
    expect(l.energyBreakdownJoules.mac).toBe(int8.energyBreakdownJoules.mac);
  });

  it('a rate below 1 slows the layer: int16 at 0.25 runs a 4× longer reduction', () => {
    const l = simulate(arch({ precisions: { int8: 1, int16: 0.25 } }), gemm(4, 64, 4, { precision: 'int16' })).layers[0];
    expect(l.mapping?.k).toBe(256);
    expect(l.computeCycles).toBe(256 + 6 - 1);
  });

  it('widening never turns an integer into a float: bf16 on integer PEs is still an error', () => {
    const err = userError(() => simulate(arch({ precisionFallback: 'widen' }), gemm(4, 64, 4, { precision: 'bf16' })));
    expect(err.problems[0].path).toBe('/compute/pe/precisions');
  });
});

describe('bad precision and sparsity in a workload are user errors with a JSON path', () => {
  const dense = (extra: Record<string, unknown>) => () =>
    workload({ inputs: { x: { shape: [4, 16] } }, layers: [{ type: 'dense', name: 'fc', outFeatures: 4, ...extra }] });

  it.each([1.5, -0.1])('density %p → /layers/0/sparsity/weight/density', (density) => {
    const err = userError(dense({ sparsity: { weight: { density } } }));
    expect(err.problems.map((p) => p.path)).toContain('/layers/0/sparsity/weight/density');
    expect(err.problems.every((p) => p.file === 'w.json')).toBe(true);
  });

  it('an N:M pattern with N > M → /layers/0/sparsity/weight/structure', () => {
    const err = userError(dense({ sparsity: { weight: { density: 0.5, structure: '4:2' } } }));
    expect(err.problems).toEqual([
      expect.objectContaining({ path: '/layers/0/sparsity/weight/structure', message: expect.stringMatching(/N ≤ M/) }),
    ]);
  });

  it('a density an N:M pattern cannot hold → /layers/0/sparsity/activation/density', () => {
    const err = userError(dense({ sparsity: { activation: { density: 0.75, structure: '2:4' } } }));
    expect(err.problems[0].path).toBe('/layers/0/sparsity/activation/density');
  });

  it.each(['int3', 'fp8', 'w3a8', 'INT8'])('unknown precision %p → /layers/0/precision', (precision) => {
    const err = userError(dense({ precision }));
    expect(err.problems.map((p) => p.path)).toEqual(['/layers/0/precision']);
  });

  it('an unknown precision name in the per-tensor form → /layers/0/precision/weight, listing the names', () => {
    const err = userError(dense({ precision: { weight: 'int5' } }));
    expect(err.problems.map((p) => p.path)).toEqual(['/layers/0/precision/weight']);
    expect(err.message).toContain('int2 | int4 | int8 | int16 | bf16 | fp16');
    expect(err.message).toContain('got "int5"');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: fewer bits or fewer non-zeros never move more bytes.

const INTS = ['int2', 'int4', 'int8', 'int16'] as const;
type IntPrecision = (typeof INTS)[number];
const BITS: Record<IntPrecision, number> = { int2: 2, int4: 4, int8: 8, int16: 16 };
const MODES = ['none', 'gating', 'skipping'] as const;
const FORMATS = ['none', 'bitmask', 'csr', 'rle'] as const;

interface Case {
  readonly rows: number;
  readonly cols: number;
  readonly dataflow: Dataflow;
  readonly foldTiming: 'sequential' | 'pipelined';
  /** Throughput of int4 and int2 relative to int8 (narrower is never slower), and of int16. */
  readonly rates: { readonly int16: number; readonly int4: number; readonly int2: number };
  readonly weight: { readonly mode: (typeof MODES)[number]; readonly format: (typeof FORMATS)[number] };
  readonly activation: { readonly mode: (typeof MODES)[number]; readonly format: (typeof FORMATS)[number] };
  /** SRAM bytes per role beyond one int16 fold of the full array (small: heavy re-fetching). */
  readonly extra: { readonly input: number; readonly weight: number; readonly output: number };
  readonly cacheWeights: boolean;
  readonly keepActivationsOnChip: boolean;
  readonly graph: readonly LayerSpec[];
  readonly input: readonly number[];
  readonly structure: 'unstructured' | '2:4' | 'channel';
}

const extraBytes = fc.oneof(fc.integer({ min: 0, max: 512 }), fc.integer({ min: 0, max: 1 << 16 }));
const support = fc.record({ mode: fc.constantFrom(...MODES), format: fc.constantFrom(...FORMATS) });

/** A chain of 1–3 conv/depthwise/pointwise layers on a small image, or of dense layers. */
const graphs: fc.Arbitrary<{ input: number[]; layers: LayerSpec[] }> = fc.oneof(
  fc
    .record({
      c: fc.integer({ min: 1, max: 8 }),
      hw: fc.integer({ min: 3, max: 10 }),
      steps: fc.array(
        fc.record({
          type: fc.constantFrom('conv2d', 'depthwise', 'pointwise'),
          out: fc.integer({ min: 1, max: 16 }),
          kernel: fc.constantFrom(1, 3),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ c, hw, steps }) => ({
      input: [1, c, hw, hw],
      layers: steps.map((s, i): LayerSpec => {
        const name = `l${i}`;
        if (s.type === 'depthwise') return { type: 'depthwise', name, kernel: s.kernel, padding: 'same', bias: false };
        if (s.type === 'pointwise') return { type: 'pointwise', name, outChannels: s.out, bias: false };
        return { type: 'conv2d', name, outChannels: s.out, kernel: s.kernel, padding: 'same', bias: false };
      }),
    })),
  fc
    .record({
      m: fc.integer({ min: 1, max: 32 }),
      k: fc.integer({ min: 1, max: 96 }),
      features: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ m, k, features }) => ({
      input: [m, k],
      layers: features.map((n, i): LayerSpec => ({ type: 'dense', name: `fc${i}`, outFeatures: n, bias: false })),
    })),
);

const cases: fc.Arbitrary<Case> = fc
  .record({
    rows: fc.integer({ min: 1, max: 16 }),
    cols: fc.integer({ min: 1, max: 16 }),
    dataflow: fc.constantFrom<Dataflow>('os', 'ws', 'is'),
    foldTiming: fc.constantFrom<'sequential' | 'pipelined'>('sequential', 'pipelined'),
    rates: fc
      .record({ int16: fc.constantFrom(0.25, 0.5, 1), int4: fc.constantFrom(1, 2), int2x: fc.constantFrom(1, 2) })
      .map((r) => ({ int16: r.int16, int4: r.int4, int2: r.int4 * r.int2x })),
    weight: support,
    activation: support,
    extra: fc.record({ input: extraBytes, weight: extraBytes, output: extraBytes }),
    cacheWeights: fc.boolean(),
    keepActivationsOnChip: fc.boolean(),
    g: graphs,
    structure: fc.constantFrom<Case['structure']>('unstructured', 'unstructured', '2:4', 'channel'),
  })
  .map(({ g, ...c }) => ({ ...c, graph: g.layers, input: g.input }));

/** The arch of a case: each buffer holds one fold of the full array at int16 (2 B) plus `extra`. */
function caseArch(c: Case, params: number): Arch {
  const { rows: R, cols: C } = c;
  const acc = 4;
  const fold =
    c.dataflow === 'os'
      ? { input: 2 * R * 2, weight: 2 * C * 2, output: 2 * R * C * acc }
      : c.dataflow === 'ws'
        ? { input: 2 * R * 2, weight: 2 * R * C * 2, output: 2 * C * acc }
        : { input: 2 * R * C * 2, weight: 2 * R * 2, output: 2 * C * acc };
  // With weight caching, room for every parameter at int16 too, so pinning never starves a fold.
  const pinned = c.cacheWeights ? 2 * params : 0;
  return buildArch(
    {
      version: 1,
      name: 'random',
      clock: '1 GHz',
      compute: {
        pe: {
          kind: 'systolic-array',
          rows: R,
          cols: C,
          dataflow: c.dataflow,
          foldTiming: c.foldTiming,
          accumulatorBytes: acc,
          precisions: { int16: c.rates.int16, int8: 1, int4: c.rates.int4, int2: c.rates.int2 },
          sparsity: { weight: c.weight, activation: c.activation },
        },
      },
      memory: {
        sram: {
          i: { size: fold.input + c.extra.input, holds: ['input'] },
          w: { size: fold.weight + c.extra.weight + pinned, holds: ['weight'] },
          o: { size: fold.output + c.extra.output, holds: ['output'] },
        },
        dram: { ideal: true },
      },
      // The fixed fold order: a property of the traffic model under one mapping (the mapper may
      // trade bytes for cycles when a layer shrinks; its own properties: mapping-properties.test.ts).
      options: { cacheWeights: c.cacheWeights, keepActivationsOnChip: c.keepActivationsOnChip, mapping: 'fixed' },
    },
    undefined,
  );
}

/** The case's graph with every layer at one precision and the given densities. */
function caseGraph(c: Case, precision: IntPrecision, weightDensity: number, activationDensity: number): Graph {
  const sparsity: SparsitySpec = {
    weight: { density: weightDensity, structure: c.structure },
    activation: { density: activationDensity, structure: 'unstructured' },
  };
  return workload({ inputs: { x: { shape: [...c.input] } }, layers: c.graph.map((l) => ({ ...l, precision, sparsity })) });
}

const totalBytes = (r: SimResult) => ({
  dram: r.totals.dramBytes.read + r.totals.dramBytes.write,
  sram: r.totals.sramBytes.read + r.totals.sramBytes.write,
});

/** a ≤ b, allowing for floating-point rounding of fractional byte counts. */
const atMost = (a: number, b: number) => a <= b * (1 + 1e-9) + 1e-6;

describe('property: lowering precision or density never moves more bytes', () => {
  /** Runs both configurations; a pair whose heavier side cannot fit one fold is discarded. */
  type Setting = readonly [precision: IntPrecision, weightDensity: number, activationDensity: number];
  function compare(c: Case, heavy: Setting, light: Setting) {
    const gHeavy = caseGraph(c, ...heavy);
    const a = caseArch(c, gHeavy.totals.params);
    let big: SimResult;
    try {
      big = simulate(a, gHeavy);
    } catch (err) {
      if (err instanceof UserError) return fc.pre(false);
      throw err;
    }
    const small = simulate(a, caseGraph(c, ...light));
    const [hi, lo] = [totalBytes(big), totalBytes(small)];
    expect(atMost(lo.dram, hi.dram)).toBe(true);
    expect(atMost(lo.sram, hi.sram)).toBe(true);
  }

  const density = fc.integer({ min: 0, max: 20 }).map((x) => x / 20);

  it('fewer bits per element (int16 → int8 → int4 → int2), same densities', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom(...INTS), fc.constantFrom(...INTS), density, (c, p, q, wd) => {
        const [hi, lo] = BITS[p] >= BITS[q] ? [p, q] : [q, p];
        const w = c.structure === '2:4' ? Math.min(wd, 0.5) : wd;
        compare(c, [hi, w, 1], [lo, w, 1]);
      }),
      { numRuns: 50 },
    );
  });

  it('fewer non-zero weights or activations, same precision', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom(...INTS), density, density, density, density, (c, p, w1, w2, a1, a2) => {
        const cap = (d: number) => (c.structure === '2:4' ? Math.min(d, 0.5) : d);
        const [wHi, wLo] = [cap(Math.max(w1, w2)), cap(Math.min(w1, w2))];
        const [aHi, aLo] = [Math.max(a1, a2), Math.min(a1, a2)];
        compare(c, [p, wHi, aHi], [p, wLo, aLo]);
      }),
      { numRuns: 50 },
    );
  });
});
