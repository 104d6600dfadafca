import { describe, expect, it } from '@jest/globals';
import { type Arch } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import type { ArchSpec } from '../../src/config/schemas/arch.js';
import { simulate } from '../../src/sim/simulate.js';
import { denseLayer, graphOf } from '../helpers/layers.js';

function arch4x4(over: {
  dataflow?: 'os' | 'ws' | 'is';
  foldTiming?: 'sequential' | 'pipelined';
  dram?: ArchSpec['memory']['dram'];
  sram?: string;
}): Arch {
  const size = over.sram ?? '64 KiB';
  return buildArch(
    {
      version: 1,
      name: 'a4x4',
      clock: '1 GHz',
      compute: {
        pe: {
          kind: 'systolic-array',
          rows: 4,
          cols: 4,
          dataflow: over.dataflow ?? 'os',
          foldTiming: over.foldTiming ?? 'sequential',
        },
      },
      memory: {
        sram: { i: { size, holds: ['input'] }, w: { size, holds: ['weight'] }, o: { size, holds: ['output'] } },
        dram: over.dram ?? { ideal: true },
      },
    },
    undefined,
  );
}

describe('simulate: one GEMM on a 4×4 array, worked on paper', () => {
  // 8×8×8 matmul: os maps m=8 on rows, n=8 on cols → 2×2 folds, T = k = 8.
  const g = graphOf('mm', [8, 8], [denseLayer('mm', 8, 8, 8)]);

  it('os, sequential: 4 folds × (T + R + C − 2) − 1 = 4 × 14 − 1 = 55 cycles', () => {
    const r = simulate(arch4x4({ dataflow: 'os' }), g);
    expect(r.layers[0].computeCycles).toBe(55);
    expect(r.layers[0].cycles).toBe(55);
    expect(r.layers[0].stallCycles).toBe(0);
    expect(r.layers[0].mapping).toMatchObject({ rowFolds: 2, colFolds: 2, folds: 4 });
  });

  it('ws and is, sequential: 4 folds × (2R + C + T − 2) − 1 = 4 × 18 − 1 = 71 cycles', () => {
    expect(simulate(arch4x4({ dataflow: 'ws' }), g).layers[0].computeCycles).toBe(71);
    expect(simulate(arch4x4({ dataflow: 'is' }), g).layers[0].computeCycles).toBe(71);
  });

  it('pipelined folds pay fill/drain once: os 4 × max(T, R) + (R + C − 2) = 32 + 6 = 38', () => {
    expect(simulate(arch4x4({ dataflow: 'os', foldTiming: 'pipelined' }), g).layers[0].computeCycles).toBe(38);
    // ws: 4 × max(8, 4) + R + (R + C − 2) = 32 + 4 + 6
    expect(simulate(arch4x4({ dataflow: 'ws', foldTiming: 'pipelined' }), g).layers[0].computeCycles).toBe(42);
  });

  it('moves each tensor across DRAM once when everything fits', () => {
    const r = simulate(arch4x4({ dataflow: 'ws' }), g);
    expect(r.layers[0].dram.readBytes).toBe(64 + 64); // input 8×8 + weights 8×8 at 1 byte
    expect(r.layers[0].dram.writeBytes).toBe(64); // the graph output
  });

  it('stalls when DRAM is slow, and says the layer is memory-bound', () => {
    // 1 byte per cycle, no latency: 128 bytes in, 64 out, against 55 compute cycles.
    const r = simulate(arch4x4({ dataflow: 'os', dram: { bandwidth: '1 GB/s' } }), g);
    const l = r.layers[0];
    expect(l.computeCycles).toBe(55);
    expect(l.cycles).toBeGreaterThanOrEqual(128 + 64);
    expect(l.stallCycles).toBe(l.cycles - 55);
    expect(l.bound).toBe('memory');
  });

  it('runs a fold that does not fit the SRAM, streaming it through, and names the buffer and what it needed', () => {
    const r = simulate(arch4x4({ dataflow: 'ws', sram: '16 B' }), g);
    expect(r.layers[0].mapping?.spills).toEqual([
      expect.stringMatching(/^weight: one ws fold of 4×4 needs 32 B .* buffer "w" has 16 B/),
      expect.stringMatching(/^output: one ws fold of 4×4 needs 32 B \(double-buffered partial sums\), SRAM buffer "o" has 16 B/),
    ]);
    expect(r.layers[0].computeCycles).toBe(simulate(arch4x4({ dataflow: 'ws' }), g).layers[0].computeCycles);
  });
});
