import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { dramBytes, fixedMapping, resized } from './sram-growth.js';

const KiB = 1024;

describe('more SRAM never makes a run worse: the cases that once did', () => {
  it.each([
    // was DRAM 2.72 → 4.71 MiB and 8.15 → 13.1 ms
    ['edge-tpu', 'unified', 7124, 7979],
    // at 384 KiB it failed with "0 bytes for input data"
    ['eyeriss-v2-like', 'iact-glb', 343, 384],
    ['ethos-u55-256', 'arena', 512, 573],
  ])('%s running bert-base-layer, %s %i → %i KiB: no more DRAM bytes, no more cycles', (preset, buffer, small, big) => {
    const arch = fixedMapping(loadArch(preset));
    const graph = loadWorkload('bert-base-layer');
    const before = simulate(resized(arch, buffer, small * KiB), graph);
    const after = simulate(resized(arch, buffer, big * KiB), graph);
    expect(dramBytes(after)).toBeLessThanOrEqual(dramBytes(before));
    expect(after.totals.cycles).toBeLessThanOrEqual(before.totals.cycles);
  });
});

// The same property over every preset, built-in network and buffer: sram-growth-*.test.ts (two
// files, so jest's workers share the longest property of the suite).

describe('growing a buffer step by step never moves more DRAM bytes', () => {
  // A ladder from a third of the preset's size to twice it, each step against the one before.
  const LADDER = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.5, 2];
  it.each([
    ['edge-tpu', 'bert-base-layer', 'unified'],
    ['edge-tpu', 'resnet-50', 'unified'],
    ['apple-ane', 'bert-base-layer', 'l2'],
    ['eyeriss-v2-like', 'bert-base-layer', 'iact-glb'],
    ['eyeriss-v2-like', 'resnet-50', 'iact-glb'],
    ['sram-cim', 'resnet-18', 'buffers'],
    ['ethos-u55-128', 'mobilenet-v2', 'arena'],
  ])('%s running %s, %s', (preset, workload, buffer) => {
    const arch = fixedMapping(loadArch(preset));
    const graph = loadWorkload(workload);
    const size = arch.sram.find((b) => b.name === buffer)!.bytes;
    let prev: number | undefined;
    for (const f of LADDER) {
      let bytes: number;
      try {
        bytes = dramBytes(simulate(resized(arch, buffer, size * f), graph));
      } catch {
        expect(prev).toBeUndefined(); // once a size runs, every bigger one does
        continue;
      }
      if (prev !== undefined) expect({ factor: f, bytes: bytes <= prev * (1 + 1e-12) }).toEqual({ factor: f, bytes: true });
      prev = bytes;
    }
  });
});
