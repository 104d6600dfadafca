import { describe, expect, it } from '@jest/globals';
import { buildArch } from '../../src/hardware/build-arch.js';
import type { ArchSpec } from '../../src/config/schemas/arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { sumEnergy } from '../../src/energy/tally.js';
import { denseLayer, graphOf } from '../helpers/layers.js';

/** An 8×8×8 matmul (A, B, C of 64 B each at int8) on a 4×4 os array behind two on-chip levels. */
function twoLevels(l2: Partial<ArchSpec['memory']['sram'][string]> = {}): ArchSpec {
  return {
    version: 1,
    name: 'two-levels',
    clock: '1 GHz',
    compute: { pe: { kind: 'systolic-array', rows: 4, cols: 4, dataflow: 'os', foldTiming: 'sequential' } },
    memory: {
      sram: {
        i: { size: 32, holds: ['input'] },
        w: { size: 1024, holds: ['weight'] },
        o: { size: 1024, holds: ['output'] },
        l2: { size: '64 KiB', holds: ['input', 'weight', 'output'], level: 1, ...l2 },
      },
      dram: { ideal: true },
    },
  };
}
const matmul = graphOf('mm', [8, 8], [denseLayer('mm', 8, 8, 8)]);

describe('a two-level hierarchy, worked on paper', () => {
  const r = simulate(buildArch(twoLevels(), undefined), matmul);
  const l = r.layers[0];

  it('the small input buffer re-fetches from the level behind it, which fetches from DRAM once', () => {
    // os: A streams once per column fold (2). The 32 B input buffer keeps half, 16 B, between
    // passes: A comes in 64 + (1 − 16/64) × 64 = 112 B from l2, and l2 reads it from DRAM once.
    expect(l.memory.i.writeByRole.input).toBe(112);
    expect(l.memory.l2.readByRole.input).toBe(112);
    expect(l.memory.l2.writeByRole.input).toBe(64);
    expect(l.memory.dram.readByRole).toEqual({ input: 64, weight: 64, output: 0 });
    // The array reads A once per column fold from the buffer next to it: 2 × 64 B.
    expect(l.memory.i.readByRole.input).toBe(128);
  });

  it('outputs drain level by level: o → l2 → DRAM', () => {
    expect(l.memory.o.readByRole.output).toBe(64);
    expect(l.memory.l2.writeByRole.output).toBe(64);
    expect(l.memory.l2.readByRole.output).toBe(64);
    expect(l.memory.dram.writeByRole.output).toBe(64);
    expect(l.dram).toMatchObject({ readBytes: 128, writeBytes: 64 });
  });

  it('prices every level and the parts sum to the total', () => {
    const e = l.energyBreakdownJoules;
    for (const k of ['sram.i', 'sram.w', 'sram.o', 'sram.l2']) expect(e[k]).toBeGreaterThan(0);
    expect(sumEnergy(e)).toBe(l.energyJoules);
    expect(l.actionCounts['sram.l2']).toEqual({
      read: l.memory.l2.readBytes,
      write: l.memory.l2.writeBytes,
    });
  });

  it('an on-chip level with a bandwidth times its transfers: 8 B/cycle for 112 + 64 B in and 64 B out stalls the array', () => {
    const timed = simulate(buildArch(twoLevels({ bandwidth: '8 GB/s' }), undefined), matmul).layers[0];
    expect(timed.computeCycles).toBe(l.computeCycles);
    expect(timed.cycles).toBeGreaterThan(l.cycles);
    // Halving it never makes the layer faster.
    const slower = simulate(buildArch(twoLevels({ bandwidth: '4 GB/s' }), undefined), matmul).layers[0];
    expect(slower.cycles).toBeGreaterThanOrEqual(timed.cycles);
  });
});

describe('the Ethos-U55 presets: weights from flash over their own port, feature maps in the SRAM arena', () => {
  // Weights come from flash (AXI1) and are staged in the arena on their way to SHRAM.
  for (const name of ['ethos-u55-128', 'ethos-u55-256']) {
    const r = simulate(loadArch(name), loadWorkload('ds-cnn'));
    it(`${name}: every weight byte crosses the flash link, and no feature map does`, () => {
      for (const l of r.layers) {
        expect(l.memory.arena.writeByRole.weight).toBe(l.memory.dram.readByRole.weight);
        // The arena hosts the network's input and output too (TFLite Micro's tensor arena).
        expect(l.memory.dram.readByRole.input + l.memory.dram.readByRole.output + l.memory.dram.writeBytes).toBe(0);
      }
      const weightBytes = loadWorkload('ds-cnn').totals.params;
      expect(r.totals.memory.dram.readByRole.weight).toBeGreaterThanOrEqual(weightBytes);
      expect(r.totals.memory.arena.readBytes).toBeGreaterThan(0);
      expect(Object.keys(r.totals.energyBreakdownJoules)).toEqual(expect.arrayContaining(['sram.shram', 'sram.arena', 'dram']));
      expect(sumEnergy(r.totals.energyBreakdownJoules)).toBeCloseTo(r.totals.energyJoules, 15);
    });
  }
});

describe('the eyeriss-like preset: scratchpads in front of the global buffer', () => {
  const r = simulate(loadArch('eyeriss-like'), loadWorkload('tiny'));
  it('weights never enter the global buffer; the filter scratchpads take what DRAM sends', () => {
    for (const l of r.layers) {
      expect(l.memory.glb.readByRole.weight + l.memory.glb.writeByRole.weight).toBe(0);
      expect(l.memory['filter-spad'].writeByRole.weight).toBe(l.memory.dram.readByRole.weight);
    }
    expect(r.totals.memory['ifmap-spad'].readBytes).toBeGreaterThan(0);
    expect(r.arch.memory.map((m) => [m.name, m.level])).toEqual([
      ['ifmap-spad', 0],
      ['filter-spad', 0],
      ['psum-spad', 0],
      ['glb', 1],
      ['dram', 2],
    ]);
  });
});
