import type { DeployModel, PlaceCost } from '../../src/deploy/deploy-sim.js';
import type { Link } from '../../src/load/load-device.js';

/** A link with round numbers: 1 Mb/s each way, 10 ms round trip, 1 µJ/bit up, 0.1 µJ/bit down, 1 W while sending. */
export const LINK: Link = {
  name: 'round-link',
  uplinkBitsPerSecond: 1e6,
  downlinkBitsPerSecond: 1e6,
  rttSeconds: 0.01,
  uplinkJoulesPerBit: 1e-6,
  downlinkJoulesPerBit: 1e-7,
  activeWatts: 1,
  tailWatts: 0,
  tailSeconds: 0,
  sources: {},
};

const CLOUD_BATCH: Record<number, PlaceCost> = {
  1: { seconds: 0.002, energyJoules: 0.4 },
  2: { seconds: 0.003, energyJoules: 0.6 },
};

/** One request of 1000 B up (8 ms) and 125 B down (1 ms); the edge takes 20 ms and 50 mJ, the cloud 2 ms and 0.4 J at PUE 1.5. */
export function model(
  over: {
    edge?: Partial<DeployModel['edge']>;
    cloud?: Partial<DeployModel['cloud']>;
    requests?: Partial<DeployModel['requests']>;
    policy?: Partial<DeployModel['policy']>;
    link?: Partial<Link>;
    seed?: number;
  } = {},
): DeployModel {
  return {
    name: 'hand',
    seed: over.seed ?? 1,
    requests: {
      arrival: 'periodic',
      rate: 1,
      count: 1,
      inputBytes: 1000,
      outputBytes: 125,
      deadlineSeconds: 0.1,
      ...over.requests,
    },
    policy: { mode: 'edge-first', allowDrops: false, ...over.policy },
    edge: {
      name: 'edge',
      method: 'roofline estimate',
      reasons: [],
      cost: { seconds: 0.02, energyJoules: 0.05 },
      failureRate: 0,
      overloadRate: 0,
      serviceTime: 'deterministic',
      ...over.edge,
    },
    cloud: {
      name: 'cloud',
      method: 'roofline estimate',
      costOfBatch: (b) => CLOUD_BATCH[b],
      maxBatch: 1,
      batchTimeoutSeconds: 0,
      pue: 1.5,
      serviceTime: 'deterministic',
      ...over.cloud,
    },
    link: { ...LINK, ...over.link },
    fleet: { devices: 1000, requestsPerDevicePerDay: 100 },
  };
}
