import { describe, expect, it } from '@jest/globals';
import { loadCandidate } from '../../src/deploy/candidates.js';
import { compareDevices } from '../../src/deploy/compare.js';
import { checkClass } from '../../src/deploy/device-classes.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { listDevices } from '../../src/load/load-device.js';
import { userErrorOf } from '../helpers/user-error.js';

/**
 * Where each built-in device lands, from its datasheet numbers. Every one lands in its class as
 * revised; against the seed table's rows, today's datacenter GPUs (400-700 W, 624-1979 dense int8
 * TOPS), a 125 W desktop CPU, a 60 W edge GPU module and a 35 TOPS phone NPU would not.
 */
const SEED_FLAGS: Record<string, string[]> = {
  'intel-i7-1185g7': [],
  'intel-i9-11900k': ['power 125 W above the seed CPU range (15 W–100 W)'],
  'snapdragon-8-gen2-cpu': [],
  'nvidia-h100-sxm': [
    'power 700 W above the seed datacenter GPU range (75 W–300 W)',
    'peak 1980 TOPS above the seed datacenter GPU range (10 TOPS–150 TOPS)',
  ],
  'nvidia-a100-sxm': [
    'power 400 W above the seed datacenter GPU range (75 W–300 W)',
    'peak 624 TOPS above the seed datacenter GPU range (10 TOPS–150 TOPS)',
  ],
  'jetson-agx-orin-64gb': ['power 60 W below the seed edge GPU range (75 W–300 W)'],
  'apple-a17-pro-ane': ['peak 35 TOPS above the seed NPU range (1 TOPS–20 TOPS)'],
  'apple-a15-ane': [],
};

describe('picojoule compare: devices against the class table', () => {
  const graph = loadWorkload('mobilenet-v2');

  it('checks power and peak against the class range, bound by bound', () => {
    expect(checkClass('cpu', 28, 1.5e12)).toEqual({ class: 'cpu', inRange: true, flags: [], seedFlags: [] });
    expect(checkClass('micro-npu', 0.05, 0.1e12)).toEqual({ class: 'micro-npu', inRange: true, flags: [] });
    expect(checkClass('npu', 2.5, 35e12)).toEqual({
      class: 'npu',
      inRange: true,
      flags: [],
      seedFlags: ['peak 35 TOPS above the seed NPU range (1 TOPS–20 TOPS)'],
    });
    expect(checkClass('datacenter-gpu', 1200, 50e12).flags).toEqual([
      'power 1200 W above the datacenter GPU range (300 W–1000 W)',
      'peak 50 TOPS below the datacenter GPU range (100 TOPS–5000 TOPS)',
    ]);
    expect(checkClass('edge-accelerator', 0.2, 20e12).flags).toEqual([
      'power 0.2 W below the edge accelerator range (0.5 W–5 W)',
      'peak 20 TOPS above the edge accelerator range (0.5 TOPS–10 TOPS)',
    ]);
  });

  it('lands every built-in device in its class, and says where the seed rows would not', () => {
    expect(listDevices().sort()).toEqual(Object.keys(SEED_FLAGS).sort());
    const c = compareDevices(
      listDevices().map((d) => loadCandidate(d, '--devices')),
      graph,
    );
    for (const r of c.rows) {
      expect([r.name, r.check!.flags]).toEqual([r.name, []]);
      expect([r.name, r.check!.seedFlags ?? []]).toEqual([r.name, SEED_FLAGS[r.name]]);
    }
  });

  it('puts roofline estimates and cycle simulations in one table, every number finite', () => {
    const c = compareDevices(
      ['intel-i7-1185g7', 'nvidia-h100-sxm', 'apple-a17-pro-ane', 'edge-tpu', 'ethos-u55-128'].map((d) => loadCandidate(d, '-d')),
      graph,
    );
    expect(c.rows.map((r) => r.method)).toEqual([
      'roofline estimate',
      'roofline estimate',
      'roofline estimate',
      'cycle simulation',
      'cycle simulation',
    ]);
    for (const r of c.rows) {
      expect(r.runnable).toBe(true);
      for (const v of [r.latencySeconds, r.energyJoules, r.averagePowerWatts, r.opsPerWatt, r.utilization, r.classPowerWatts])
        expect(Number.isFinite(v) && v! > 0).toBe(true);
      expect(r.utilization!).toBeLessThanOrEqual(1);
      // Energy is power × time: the average power times the latency.
      expect(r.averagePowerWatts! * r.latencySeconds!).toBeCloseTo(r.energyJoules!, 9);
    }
    // The Edge TPU lands in the edge-accelerator row, the microNPU in the range added for it.
    expect(c.rows[3].check!.inRange).toBe(true);
    // Coral publishes 0.5 W per TOPS at 4 TOPS, ~2 W at peak: the simulated full-load power is within 1.5x of it.
    expect(c.rows[3].classPowerWatts!).toBeGreaterThan(2 / 1.5);
    expect(c.rows[3].classPowerWatts!).toBeLessThan(2 * 1.5);
    expect(c.rows[4].check!.class).toBe('micro-npu');
    // A datacenter GPU at batch 1 is launch-bound: its utilisation on MobileNetV2 is tiny.
    expect(c.rows[1].utilization!).toBeLessThan(0.01);
    expect(JSON.stringify(c)).not.toMatch(/NaN|Infinity/);
  });

  it('says a device cannot run a model instead of inventing numbers', () => {
    const big = loadWorkload('resnet-50');
    const row = compareDevices([loadCandidate('test/fixtures/devices/tiny-memory.json', '-d')], big).rows[0];
    expect(row.runnable).toBe(false);
    expect(row.latencySeconds).toBeUndefined();
    expect(row.reasons[0]).toMatch(/more than the 1000000 it has/);
  });

  it('is part of the library API', async () => {
    const pj = await import('../../src/index.js');
    for (const f of [
      pj.compareDevices,
      pj.loadDevice,
      pj.runRoofline,
      pj.loadDeployPlan,
      pj.runDeployPlan,
      pj.simulateDeployment,
    ])
      expect(typeof f).toBe('function');
  });

  it('names the flag and the known devices for an unknown one', () => {
    const e = userErrorOf(() => loadCandidate('h100', '--devices'));
    expect(e.message).toMatch(
      /^--devices: unknown device "h100"; known roofline devices: .*nvidia-h100-sxm.*cycle-simulated presets: .*edge-tpu/,
    );
  });
});
