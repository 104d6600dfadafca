import { describe, expect, it } from '@jest/globals';
import { DeviceSpec } from '../../src/config/schemas/device.js';
import { validateAgainst } from '../../src/config/validate.js';
import {
  buildRooflineDevice,
  devicePrecision,
  rooflineLimits,
  runRoofline,
  scaleRun,
  type RooflineDevice,
} from '../../src/hardware/roofline-device.js';
import { listDevices, loadDevice } from '../../src/load/load-device.js';
import { denseLayer, graphOf } from '../helpers/layers.js';
import { userErrorOf } from '../helpers/user-error.js';

/** Round numbers so every figure below can be checked by hand. */
export const ROUND_DEVICE = {
  version: 1,
  name: 'round',
  kind: 'roofline-device',
  class: 'npu',
  peakOpsPerSecond: { int8: 1e12 },
  memory: { bandwidth: '10 GB/s', capacity: '1 GB' },
  power: { idle: '1 W', active: '10 W' },
  sustainedEfficiency: 0.5,
  launchOverhead: '10 us',
};

export const roundDevice = (over: object = {}): RooflineDevice =>
  buildRooflineDevice(validateAgainst<DeviceSpec>(DeviceSpec, { ...ROUND_DEVICE, ...over }, 'round.json'), 'round.json');

describe('the roofline-device component', () => {
  // fc1: 1x1000 · 1000x1000: 2e6 ops, 1,002,000 B. fc2: 1000x1000 · 1000x100: 2e8 ops, 1.2e6 B.
  const graph = graphOf('two', [1000, 1000], [denseLayer('fc1', 1, 1000, 1000), denseLayer('fc2', 1000, 1000, 100)]);

  it('times each layer as max(ops at sustained peak, bytes at bandwidth) + launch (hand-worked)', () => {
    const run = runRoofline(roundDevice(), graph);
    const [fc1, fc2] = run.layers;
    // fc1: compute 2e6 / (1e12 × 0.5) = 4 µs; memory 1.002e6 / 1e10 = 100.2 µs → memory-bound.
    expect(fc1.computeSeconds).toBeCloseTo(4e-6, 12);
    expect(fc1.memorySeconds).toBeCloseTo(100.2e-6, 12);
    expect(fc1.bound).toBe('memory');
    expect(fc1.seconds).toBeCloseTo(110.2e-6, 12);
    // fc2: compute 2e8 / 5e11 = 400 µs; memory 1.2e6 / 1e10 = 120 µs → compute-bound.
    expect(fc2.bound).toBe('compute');
    expect(fc2.seconds).toBeCloseTo(410e-6, 12);
    expect(run.seconds).toBeCloseTo(520.2e-6, 12);
    // Active 10 W for the 500.2 µs layers run, idle 1 W for the 20 µs of launches.
    expect(run.energyJoules).toBeCloseTo(10 * 500.2e-6 + 1 * 20e-6, 12);
    // 2.02e8 ops in 520.2 µs against a 1e12 peak.
    expect(run.utilization).toBeCloseTo(2.02e8 / (520.2e-6 * 1e12), 9);
  });

  it('scales a run exactly as a k-times larger model (overheads stay)', () => {
    const run = runRoofline(roundDevice(), graph);
    expect(scaleRun(run, 1).seconds).toBeCloseTo(run.seconds, 15);
    expect(scaleRun(run, 3).seconds).toBeCloseTo(3 * 500.2e-6 + 20e-6, 12);
    expect(scaleRun(run, 3).energyJoules).toBeCloseTo(10 * 3 * 500.2e-6 + 20e-6, 12);
  });

  it('runs a narrower precision at the next wider one it has, never float on integers', () => {
    const d = roundDevice({ peakOpsPerSecond: { int8: 1e12, fp16: 5e11 } });
    expect(devicePrecision(d, 'int4')).toBe('int8');
    expect(devicePrecision(d, 'int16')).toBe('fp16');
    expect(devicePrecision(d, 'bf16')).toBeUndefined();
    const fp16 = graphOf(
      'h',
      [1, 8],
      [{ ...denseLayer('fc', 1, 8, 8), precision: { weight: 'fp16', input: 'fp16', output: 'fp16' } }],
    );
    expect(rooflineLimits(roundDevice(), fp16)).toEqual([expect.stringContaining('no fp16 datapath')]);
  });

  it('refuses a model that does not fit in memory, and unsupported layer types', () => {
    const small = roundDevice({ memory: { bandwidth: '10 GB/s', capacity: '1 MB' } });
    expect(rooflineLimits(small, graph)).toEqual([expect.stringContaining('more than the 1000000')]);
    expect(rooflineLimits(roundDevice({ unsupportedLayerTypes: ['dense'] }), graph)).toEqual([
      'round does not run "dense" layers',
    ]);
  });

  it('names the JSON path of a bad parameter', () => {
    const e = userErrorOf(() => roundDevice({ power: { idle: '5 W', active: '2 W' } }));
    expect(e.message).toContain('round.json: /power/active: active power must be at least the idle power');
    const bad = userErrorOf(() => validateAgainst(DeviceSpec, { ...ROUND_DEVICE, sustainedEfficiency: 1.5 }, 'round.json'));
    expect(bad.message).toContain('/sustainedEfficiency');
  });

  it('every built-in device loads and every parameter says where it comes from', () => {
    expect(listDevices().length).toBeGreaterThanOrEqual(8);
    for (const name of listDevices()) {
      const d = loadDevice(name);
      const paths = Object.keys(d.sources);
      for (const p of Object.keys(d.peakOpsPerSecond)) expect(paths).toContain(`/peakOpsPerSecond/${p}`);
      for (const p of [
        '/memory/bandwidth',
        '/memory/capacity',
        '/power/idle',
        '/power/active',
        '/sustainedEfficiency',
        '/launchOverhead',
      ])
        expect([name, paths]).toEqual([name, expect.arrayContaining([p])]);
      // The document cites its public sources; each field names its own or says it is estimated or derived.
      expect(d.sources['']).toMatch(/https:\/\//);
      for (const s of Object.values(d.sources)) expect(s.length).toBeGreaterThan(10);
    }
  });
});
