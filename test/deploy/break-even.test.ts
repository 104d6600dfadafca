import { describe, expect, it } from '@jest/globals';
import { breakEven } from '../../src/deploy/break-even.js';
import type { DeployModel } from '../../src/deploy/deploy-sim.js';
import { model } from '../helpers/deploy-model.js';

// The hand model of deploy-sim.test.ts: local 20 ms / 50 mJ; 1 Mb/s links, 10 ms RTT, 1 µJ/b up,
// 0.1 µJ/b down, 1 W while sending; 125 B results; cloud 2 ms / 0.4 J at PUE 1.5.
const m: DeployModel = model();
const linear = (s: number, j: number) => (k: number) => ({ seconds: k * s, energyJoules: k * j });
const b = breakEven(m, { edge: linear(0.02, 0.05), cloud: linear(0.002, 0.4) }, 1);

describe('deploy: break-even, worked by hand', () => {
  it('by input size: radio 1.6e-5 J/B + 1.1 mJ meets 50 mJ at 3056.25 B; latency 8 µs/B + 13 ms meets 20 ms at 875 B', () => {
    expect(b.inputSize.deviceEnergy).toBeCloseTo(3056.25, 6);
    expect(b.inputSize.latency).toBeCloseTo(875, 6);
    // With the cloud's 0.6 J the offload never pays in total energy.
    expect(b.inputSize.energy).toBeNull();
  });

  it('by link bandwidth: 8.1 mJ + 9 mJ / q meets 50 mJ at q = 0.2148; 12 ms + 9 ms / q meets 20 ms at q = 1.125', () => {
    expect(b.linkQuality.deviceEnergy).toBeCloseTo(0.009 / (0.05 - 0.0081), 9);
    expect(b.linkQuality.latency).toBeCloseTo(1.125, 9);
    expect(b.linkQuality.energy).toBeNull();
  });

  it('by model size: 50 mJ · k meets the 17.1 mJ radio at k = 0.342; 20 ms · k meets 19 ms + 2 ms · k at k = 1.0556', () => {
    expect(b.modelSize.deviceEnergy).toBeCloseTo(0.342, 9);
    expect(b.modelSize.latency).toBeCloseTo(0.019 / 0.018, 9);
    expect(b.modelSize.energy).toBeNull();
  });

  it('its sweeps agree with the break-even points they draw', () => {
    const below = b.inputSize.points.filter((p) => p.x < 3056.25);
    const above = b.inputSize.points.filter((p) => p.x > 3056.25);
    expect(below.every((p) => p.offloadDeviceJoules < p.localJoules!)).toBe(true);
    expect(above.every((p) => p.offloadDeviceJoules > p.localJoules!)).toBe(true);
  });
});
