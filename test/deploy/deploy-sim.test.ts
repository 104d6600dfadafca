import { describe, expect, it } from '@jest/globals';
import { simulateDeployment, tailJoules } from '../../src/deploy/deploy-sim.js';
import { LINK, model } from '../helpers/deploy-model.js';

describe('deploy: one request path, worked by hand', () => {
  it('edge success: 20 ms and 50 mJ on the device, nothing on the radio or in the cloud', () => {
    const s = simulateDeployment(model());
    expect(s.latencySeconds.p50).toBeCloseTo(0.02, 12);
    expect(s.edgeFraction).toBe(1);
    expect(s.energyPerInferenceJoules).toEqual({ device: 0.05, radio: 0, cloud: 0, total: 0.05 });
    expect(s.offloads.failure).toBe(0);
  });

  it('edge failure → cloud retry: 20 ms edge + 8 ms up + 5 ms + 2 ms cloud + 5 ms + 1 ms down = 41 ms', () => {
    const s = simulateDeployment(model({ edge: { failureRate: 1 } }));
    expect(s.latencySeconds.p99).toBeCloseTo(0.041, 12);
    expect(s.edgeFraction).toBe(0);
    expect(s.offloads.failure).toBe(1);
    // Radio: 8000 b × 1 µJ + 1000 b × 0.1 µJ + 1 W × 9 ms = 17.1 mJ. Cloud: 0.4 J × PUE 1.5 = 0.6 J. Device: the failed 50 mJ.
    expect(s.energyPerInferenceJoules.device).toBeCloseTo(0.05, 12);
    expect(s.energyPerInferenceJoules.radio).toBeCloseTo(0.0171, 12);
    expect(s.energyPerInferenceJoules.cloud).toBeCloseTo(0.6, 12);
    expect(s.energyPerInferenceJoules.total).toBeCloseTo(0.6671, 12);
  });

  it('an overloaded edge offloads at once: 8 + 5 + 2 + 5 + 1 = 21 ms; the radio tail runs on until the next transfer or its timer', () => {
    const s = simulateDeployment(model({ edge: { overloadRate: 1 }, link: { tailWatts: 1, tailSeconds: 0.5 } }));
    expect(s.latencySeconds.p50).toBeCloseTo(0.021, 12);
    expect(s.offloads.overload).toBe(1);
    // Up 0–8 ms, down 20–21 ms: tail 12 ms between them, then 0.5 s at 1 W: 17.1 mJ + 512 mJ.
    expect(s.energyPerInferenceJoules.radio).toBeCloseTo(0.0171 + 0.512, 12);
    expect(
      tailJoules(
        [
          [0, 8e6],
          [20e6, 21e6],
        ],
        { ...LINK, tailWatts: 1, tailSeconds: 0.5 },
      ),
    ).toBeCloseTo(0.512, 12);
  });

  it('offloads when the edge would miss the deadline and the cloud would not', () => {
    const s = simulateDeployment(model({ requests: { deadlineSeconds: 0.019 }, link: { rttSeconds: 0 } }));
    // Cloud path without a round trip: 8 + 2 + 1 = 11 ms, within 19 ms; the edge's 20 ms is not.
    expect(s.offloads.deadline).toBe(1);
    expect(s.latencySeconds.p50).toBeCloseTo(0.011, 12);
  });

  it('drops what no place can serve in time when the policy allows drops, and reports the rate', () => {
    const s = simulateDeployment(model({ requests: { deadlineSeconds: 0.015, count: 10 }, policy: { allowDrops: true } }));
    expect(s.requests.dropped).toBe(10);
    expect(s.requests.dropRate).toBe(1);
    expect(s.requests.served).toBe(0);
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity|null/);
  });

  it('batches in the cloud: two requests 1 ms apart share one 3 ms batch and both take 30 ms', () => {
    // r0: up 0–8, cloud at 13 (waits ≤ 10 ms); r1: up queued 8–16, cloud at 21: batch full, runs 21–24;
    // results at 29: r0 down 29–30, r1 down 30–31 (arrived at 1 ms).
    const s = simulateDeployment(
      model({
        policy: { mode: 'cloud-only' },
        cloud: { maxBatch: 2, batchTimeoutSeconds: 0.01 },
        requests: { rate: 1000, count: 2 },
      }),
    );
    expect(s.cloudBatches).toEqual({ count: 1, meanSize: 2 });
    expect(s.latencySeconds.p50).toBeCloseTo(0.03, 12);
    expect(s.latencySeconds.max).toBeCloseTo(0.03, 12);
    expect(s.energyPerInferenceJoules.cloud).toBeCloseTo(0.45, 12);
  });

  it('a lone request runs in a batch of one once its batch timeout has passed', () => {
    const s = simulateDeployment(model({ policy: { mode: 'cloud-only' }, cloud: { maxBatch: 4, batchTimeoutSeconds: 0.01 } }));
    expect(s.cloudBatches).toEqual({ count: 1, meanSize: 1 });
    expect(s.latencySeconds.p50).toBeCloseTo(0.031, 12);
  });
});

describe('deploy: queueing against theory', () => {
  // One device, Poisson arrivals at λ = 50/s, mean service 10 ms (μ = 100/s): ρ = 0.5.
  const lambda = 50;
  const mu = 100;
  const queued = (serviceTime: 'exponential' | 'deterministic', seed = 1) =>
    simulateDeployment(
      model({
        seed,
        policy: { mode: 'edge-only' },
        edge: { cost: { seconds: 1 / mu, energyJoules: 0.01 }, serviceTime },
        requests: { arrival: 'poisson', rate: lambda, count: 200_000, deadlineSeconds: 1000 },
      }),
    );

  it('M/M/1: the time in system is exponential with rate μ − λ (mean 20 ms) within 3% for the mean, 4% for the percentiles', () => {
    const s = queued('exponential');
    const w = 1 / (mu - lambda);
    expect(Math.abs(s.latencySeconds.mean / w - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.latencySeconds.p50 / (Math.LN2 * w) - 1)).toBeLessThan(0.04);
    expect(Math.abs(s.latencySeconds.p95 / (Math.log(20) * w) - 1)).toBeLessThan(0.04);
    expect(Math.abs(s.latencySeconds.p99 / (Math.log(100) * w) - 1)).toBeLessThan(0.04);
    expect(Math.abs(s.utilization.edge / (lambda / mu) - 1)).toBeLessThan(0.02);
  });

  it('M/D/1: with a fixed service time the mean wait is ρ / (2μ(1 − ρ)) = 5 ms (Pollaczek–Khinchine) within 3%', () => {
    const s = queued('deterministic');
    const rho = lambda / mu;
    expect(Math.abs((s.latencySeconds.mean - 1 / mu) / (rho / (2 * mu * (1 - rho))) - 1)).toBeLessThan(0.03);
  });

  it('a seeded run is byte-reproducible, and another seed gives another run', () => {
    const a = JSON.stringify(queued('exponential', 42));
    const b = JSON.stringify(queued('exponential', 42));
    expect(a).toBe(b);
    expect(JSON.parse(a).latencySeconds.p99).not.toBe(queued('exponential', 43).latencySeconds.p99);
  });
});
