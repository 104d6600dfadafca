import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArch } from '../../src/hardware/build-arch.js';
import { loadArch } from '../../src/load/load-arch.js';
import { listPresets } from '../../src/load/list-presets.js';
import { loadCostTable } from '../../src/load/load-cost-table.js';
import { loadWorkload, listWorkloads } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { applyWhatIf } from '../../src/workload/what-if.js';
import { denseLayer, graphOf } from '../helpers/layers.js';
import { UserError } from '../../src/config/user-error.js';
import type { SimResult } from '../../src/sim/result.js';

const pJ = 1e-12;

describe('energy of one 8×8×8 matmul on a 4×4 output-stationary array, worked on paper', () => {
  const arch = buildArch(
    {
      version: 1,
      name: 'paper',
      clock: '1 GHz',
      compute: { pe: { kind: 'systolic-array', rows: 4, cols: 4, dataflow: 'os', foldTiming: 'sequential' } },
      memory: {
        sram: {
          i: { size: '64 KiB', holds: ['input'] },
          w: { size: '64 KiB', holds: ['weight'] },
          o: { size: '64 KiB', holds: ['output'] },
        },
        dram: { ideal: true, technology: 'generic' },
      },
    },
    undefined,
  );
  const table = loadCostTable('test/fixtures/round-costs.json');
  const r = simulate(arch, graphOf('mm', [8, 8], [denseLayer('mm', 8, 8, 8)]), { costTable: table });
  const l = r.layers[0];

  it('counts the actions', () => {
    // os: 2×2 folds; A (8×8) is streamed once per column fold, B once per row fold.
    expect(l.actions.macs).toBe(512);
    expect(l.actions.sram).toEqual({
      i: { readBytes: 128, writeBytes: 64 }, // 2 passes of A; filled once from DRAM
      w: { readBytes: 128, writeBytes: 64 }, // 2 passes of B; filled once from DRAM
      o: { readBytes: 64, writeBytes: 64 }, // results written once, drained once to DRAM
    });
    expect(l.actions.dramReadBytes).toBe(128);
    expect(l.actions.dramWriteBytes).toBe(64);
    expect(l.cycles).toBe(55);
  });

  it('prices them: counts × table + static power × time, to 0.1%', () => {
    const expected = {
      mac: 512 * 1 * pJ,
      regfile: (512 * 2 * 0.1 + 512 * 4 * 0.1) * pJ, // operands read, 4-byte partial sum written
      'sram.i': (128 * 2 + 64 * 3) * pJ,
      'sram.w': (128 * 2 + 64 * 3) * pJ,
      'sram.o': (64 * 2 + 64 * 3) * pJ,
      noc: 512 * 8 * 0.5 * pJ, // every SRAM byte crosses one hop
      vector: 0,
      dram: 192 * 8 * 10 * pJ,
      static: 16 * 1e-3 * 55e-9, // 16 PEs × 1 mW for 55 ns
    };
    for (const [k, v] of Object.entries(expected)) expect(l.energyBreakdownJoules[k]).toBeCloseTo(v, 15);
    const total = Object.values(expected).reduce((s, v) => s + v, 0);
    expect(Math.abs(l.energyJoules - total) / total).toBeLessThan(1e-3);
    expect(total).toBeCloseTo(20323.2 * pJ, 15);
    expect(l.averagePowerWatts).toBeCloseTo(l.energyJoules / 55e-9, 6);
    expect(l.opsPerWatt).toBeCloseTo(1024 / l.energyJoules, -3);
  });
});

const sumParts = (b: Record<string, number>) => Object.values(b).reduce((s, j) => s + j, 0);

describe('every joule belongs to a component', () => {
  const networks = listWorkloads().map((w) => w.name);
  const presets = listPresets().map((p) => p.name);
  it.each(presets)('%s: parts sum to the total on every built-in network, per layer and overall', (preset) => {
    const arch = loadArch(preset);
    // A macro whose DAC takes at most 4-bit inputs runs the networks quantized to int4.
    const narrow = arch.units.some((u) => ((u as { maxInputBits?: number }).maxInputBits ?? 8) < 8);
    for (const name of networks) {
      const graph = loadWorkload(name);
      const r: SimResult = simulate(arch, narrow ? applyWhatIf(graph, { precision: 'int4' }) : graph);
      for (const l of r.layers) {
        expect(sumParts(l.energyBreakdownJoules)).toBe(l.energyJoules);
        for (const j of Object.values(l.energyBreakdownJoules)) expect(j).toBeGreaterThanOrEqual(0);
      }
      expect(sumParts(r.totals.energyBreakdownJoules)).toBe(r.totals.energyJoules);
      const layerSum = r.layers.reduce((s, l) => s + l.energyJoules, 0) + r.totals.invokeEnergyJoules;
      expect(Math.abs(layerSum - r.totals.energyJoules) / r.totals.energyJoules).toBeLessThan(1e-12);
      expect(r.totals.energyJoules).toBeGreaterThan(0);
    }
  });
});

describe('sanity against published figures', () => {
  // Edge accelerators sit at 0.5–5 W and 0.5–10 TOPS (a rule-of-thumb range, no single source); the Edge TPU is
  // rated 2 TOPS/W at peak (Coral). On a dense int8 network (ResNet-50) the simulated efficiency
  // must be of that order: not above the rated peak, not orders of magnitude below.
  it('edge-tpu: dense int8 efficiency below the 2 TOPS/W peak and above a tenth of it; power within 0.05–5 W', () => {
    const r = simulate(loadArch('edge-tpu'), loadWorkload('resnet-50'));
    expect(r.totals.opsPerWatt).toBeLessThan(2e12);
    expect(r.totals.opsPerWatt).toBeGreaterThan(0.2e12);
    expect(r.totals.averagePowerWatts).toBeGreaterThan(0.05);
    expect(r.totals.averagePowerWatts).toBeLessThan(5);
  });

  it('apple-ane: phone-NPU power (0.3–10 W) and 1–10 TOPS/W on ResNet-50', () => {
    const r = simulate(loadArch('apple-ane'), loadWorkload('resnet-50'));
    expect(r.totals.averagePowerWatts).toBeGreaterThan(0.3);
    expect(r.totals.averagePowerWatts).toBeLessThan(10);
    expect(r.totals.opsPerWatt).toBeGreaterThan(1e12);
    expect(r.totals.opsPerWatt).toBeLessThan(10e12);
  });

  it('ethos-u55: microNPU power, well under 1 W', () => {
    for (const p of ['ethos-u55-128', 'ethos-u55-256']) {
      const r = simulate(loadArch(p), loadWorkload('ds-cnn'));
      expect(r.totals.averagePowerWatts).toBeLessThan(1);
      expect(r.totals.averagePowerWatts).toBeGreaterThan(0.001);
    }
  });
});

describe('bad cost tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pj-energy-'));
  it('a table without the precision the arch runs is a user error naming /mac/int8', () => {
    const file = join(dir, 'no-int8.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, name: 'no-int8', node: 'x', source: 'test', extends: 'horowitz-45nm', mac: { int8: null } }),
    );
    const table = loadCostTable(file);
    const run = () => simulate(loadArch('edge-tpu'), loadWorkload('tiny'), { costTable: table });
    expect(run).toThrow(UserError);
    expect(run).toThrow(/no-int8\.json: \/mac\/int8: .*has no MAC energy "int8"/);
  });

  it('an arch naming an unknown table fails naming /energy/table', () => {
    const file = join(dir, 'arch.json');
    writeFileSync(file, JSON.stringify({ version: 1, name: 'x', extends: 'edge-tpu', energy: { table: 'no-such-table' } }));
    expect(() => simulate(loadArch(file), loadWorkload('tiny'))).toThrow(/\/energy\/table.*unknown cost table "no-such-table"/);
  });
});

describe('loadCostTable reads a rewritten file again', () => {
  it('does not serve a stale table for a path whose content changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pj-table-'));
    const file = join(dir, 't.json');
    const table = (macPj: string) => ({
      version: 1,
      name: 't',
      node: 'x',
      source: 'test',
      extends: 'horowitz-45nm',
      mac: { int8: { value: macPj, source: 'test fixture' } },
    });
    writeFileSync(file, JSON.stringify(table('1 pJ')));
    expect(loadCostTable(file).macJ.int8).toBeCloseTo(1e-12, 20);
    writeFileSync(file, JSON.stringify(table('2 pJ')));
    expect(loadCostTable(file).macJ.int8).toBeCloseTo(2e-12, 20);
  });
});
