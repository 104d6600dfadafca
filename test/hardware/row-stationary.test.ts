import { describe, expect, it } from '@jest/globals';
import type { Arch } from '../../src/hardware/arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { simulate } from '../../src/sim/simulate.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import type { Graph } from '../../src/workload/graph.js';
import { withOptions } from '../helpers/arch.js';

/** One int16 convolution, unpadded, as a workload document would give it. */
function conv(name: string, c: number, hw: number, k: number, kernel: number, stride = 1): Graph {
  return buildGraph(
    {
      version: 1,
      name,
      precision: 'int16',
      inputs: { image: { shape: [1, c, hw, hw] } },
      layers: [{ type: 'conv2d', name: 'conv', outChannels: k, kernel, stride }],
    },
    undefined,
  );
}

// Ideal memory: the compute cycles alone, no DRAM stalls.
const ideal = (arch: Arch): Arch => ({ ...arch, dram: { ...arch.dram, ideal: true } });

describe('the row-stationary dataflow (eyeriss-rs)', () => {
  const rs = loadArch('eyeriss-rs');
  const fixed = ideal(withOptions(rs, { mapping: 'fixed' }));

  it('lays a 3×3 convolution as Eyeriss does, and counts its cycles by hand', () => {
    // 8 → 4 channels, 16×16 in, 14×14 out. Filter rows R = 3 per set, 12 / 3 = 4 sets down on
    // channels; E = 14 output rows fill the 14 columns in one strip. Scratchpads per PE (2-byte
    // words): ifmap 4032 B / 168 / 2 = 12, filters 224, partial sums 24. Each PE takes q = 2
    // channels (8 channels / 4 sets; its window holds 12 / 3 = 4) and p = 4 filters (all of
    // them), so one pass: 14 × 3 × 2 × 4 = 336 cycles, plus R + S = 6 to fill and drain the
    // chain. 14·14·4·8·9 = 56,448 MACs / 168 PEs = 336: every PE busy.
    const r = simulate(fixed, conv('c', 8, 16, 4, 3));
    const l = r.layers[0];
    expect(l.macs).toBe(56448);
    expect(l.cycles).toBe(342);
    expect(l.mapping?.dataflow).toBe('rs');
    expect(l.mapping?.spatial).toBe(
      'row-stationary: 4 set(s) of 3 filter rows down (channels) × 1 set(s) of 14 output rows across (filters); each PE 4 filter(s) × 2 channel(s); 1 passes of 336 cycles',
    );
  });

  it('pays for filter groups that do not divide: 30 filters in two groups of 15', () => {
    // p is bounded by the 24 partial sums (the filter weights would allow 224 / (2 × 3) = 37):
    // ⌈30 / 24⌉ = 2 groups, evened to 15 filters each: 2 passes of 14 × 3 × 2 × 15 = 1260.
    const l = simulate(fixed, conv('c', 8, 16, 30, 3)).layers[0];
    expect(l.cycles).toBe(2 * 1260 + 6);
    expect(l.mapping?.spatial).toContain('each PE 15 filter(s) × 2 channel(s); 2 passes of 1260 cycles');
  });

  it('runs output rows beyond the array in strips, and reads the rows strips share again', () => {
    // E = F = 28: two strips of 14 rows, each pass 28 × 3 × 2 × 4 = 672 cycles. Each strip
    // reads 13 + 3 = 16 ifmap rows of the 30.
    const l = simulate(fixed, conv('c', 8, 30, 4, 3)).layers[0];
    expect(l.mapping?.spatial).toContain('2 passes of 672 cycles');
    expect(l.cycles).toBe(2 * 672 + 6);
    // Into the ifmap scratchpads: the whole input once per filter group, with the shared rows twice.
    const spad = l.memory!['ifmap-spad'];
    expect(spad.writeBytes).toBeCloseTo(8 * 30 * 30 * 2 * (32 / 30), 6);
  });

  it('reads every operand from the scratchpads at every MAC, and nothing from PE registers', () => {
    const l = simulate(fixed, conv('c', 8, 16, 4, 3)).layers[0];
    const m = l.memory!;
    expect(m['ifmap-spad'].readBytes).toBe(56448 * 2);
    expect(m['filter-spad'].readBytes).toBe(56448 * 2);
    // and the finished outputs (14 × 14 × 4 × 2 B) once more, on their way out.
    expect(m['psum-spad'].readBytes).toBe(56448 * 2 + 1568);
    expect(m['psum-spad'].writeBytes).toBe(56448 * 2);
    expect(l.actions.regfileReadBytes).toBe(0);
  });

  it('lets the mapper choose the filters and channels per PE, never worse than the fixed choice', () => {
    for (const g of [conv('a', 128, 58, 256, 3), conv('b', 64, 30, 64, 1), conv('c', 32, 59, 64, 5, 2)]) {
      const searched = simulate(rs, g).layers[0];
      const fixedRun = simulate(withOptions(rs, { mapping: 'fixed' }), g).layers[0];
      const edp = (l: typeof searched) => l.energyJoules * l.cycles;
      expect(edp(searched)).toBeLessThanOrEqual(edp(fixedRun) * (1 + 1e-9));
      expect(searched.dram.toCompulsory).toBeGreaterThanOrEqual(1);
    }
  });

  it('says the array is row stationary', () => {
    expect(rs.units.map((u) => (u as { dataflow?: string }).dataflow)).toContain('rs');
  });
});
