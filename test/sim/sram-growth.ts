import { describe, expect, it } from '@jest/globals';
import type { Arch } from '../../src/hardware/arch.js';
import { listPresets } from '../../src/load/list-presets.js';
import { loadArch } from '../../src/load/load-arch.js';
import { listWorkloads, loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { withOptions } from '../helpers/arch.js';

/** The arch with one SRAM buffer resized. */
export const resized = (arch: Arch, buffer: string, bytes: number): Arch => ({
  ...arch,
  sram: arch.sram.map((b) => (b.name === buffer ? { ...b, bytes: Math.floor(bytes) } : b)),
});
/**
 * The preset with the array's fixed fold order: these properties are of the residency plan and
 * the traffic model under one mapping, over every preset and network (the mapper's search, which
 * trades time for energy, has its own in mapping-properties.test.ts).
 */
export const fixedMapping = (arch: Arch): Arch => withOptions(arch, { mapping: 'fixed' });
export const dramBytes = (r: SimResult) => r.totals.dramBytes.read + r.totals.dramBytes.write;

// Property over every preset, built-in network and buffer: growing the buffer (×1.05 … ×4)
// never increases DRAM bytes, and never makes a run that worked fail. Cycles never grow either,
// except by a hair where the residency plan, which minimises DRAM bytes, trades them for fewer
// bytes (a kept tensor that saved a compute-bound layer's traffic displaces one that saved a
// memory-bound layer's): then by at most CYCLE_TRADE. The largest seen: sram-cim on
// efficientnet-edgetpu-m with its buffers ×1.5, 27 % fewer DRAM bytes for 0.6 % more cycles.
const FACTORS = [1.05, 1.12, 1.25, 1.5, 2, 4];
const CYCLE_TRADE = 0.01;
// The macro-* presets (one compute-in-memory macro each, for the comparison with silicon) share
// the sram-cim preset's memory model, which is swept here already. A row-stationary array has no
// fixed fold order: even under mapping "fixed" it picks its filters and channels per PE for each
// layer (a small search, which more room can steer elsewhere), so eyeriss-rs is held to the
// mapper's properties in mapping-properties.test.ts instead.
const PRESETS = listPresets()
  .map((p) => p.name)
  .filter((p) => !p.startsWith('macro-') && p !== 'eyeriss-rs');

/** Registers the property for every `of`-th preset from `shard` on (presets in listing order). */
export const sramGrowthProperty = (shard: number, of: number) =>
  describe.each(PRESETS.filter((_, i) => i % of === shard))('growing any SRAM buffer of %s', (preset) => {
    const arch = fixedMapping(loadArch(preset));
    it.each(listWorkloads().map((w) => w.name))('never makes %s move more DRAM bytes or take more cycles', (workload) => {
      const graph = loadWorkload(workload);
      let base: SimResult;
      try {
        base = simulate(arch, graph);
      } catch {
        return; // a network the preset cannot run is not this property's business
      }
      const worse: string[] = [];
      for (const b of arch.sram) {
        for (const f of FACTORS) {
          const r = simulate(resized(arch, b.name, b.bytes * f), graph);
          const moreBytes = dramBytes(r) > dramBytes(base) * (1 + 1e-12);
          const fewerBytes = dramBytes(r) < dramBytes(base) * (1 - 1e-12);
          const slower = r.totals.cycles > base.totals.cycles * (fewerBytes ? 1 + CYCLE_TRADE : 1);
          if (moreBytes || slower) {
            worse.push(
              `${b.name} ×${f}: DRAM ${dramBytes(base)} → ${dramBytes(r)} B, ${base.totals.cycles} → ${r.totals.cycles} cycles`,
            );
          }
        }
      }
      expect(worse).toEqual([]);
    });
  });
