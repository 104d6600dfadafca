import { breakEven, type BreakEven } from './break-even.js';
import { simulateDeployment, type DeployStats } from './deploy-sim.js';
import { cloudPathSeconds, type LoadedPlan } from './load-plan.js';

/** The `picojoule/deploy@1` document: the plan's places, the simulated outcome, the fleet and the break-even. */
export interface DeployReport {
  readonly schema: 'picojoule/deploy@1';
  readonly plan: { readonly name: string; readonly file: string; readonly seed: number };
  readonly workload: LoadedPlan['workload'];
  readonly places: {
    readonly edge: {
      readonly device: string;
      readonly method: string;
      readonly canRun: boolean;
      readonly reasons: readonly string[];
      readonly latencySeconds: number | null;
      readonly energyJoules: number | null;
      readonly failureRate: number;
      readonly overloadRate: number;
    };
    readonly cloud: {
      readonly device: string;
      readonly method: string;
      readonly latencySeconds: number;
      readonly energyJoules: number;
      readonly maxBatch: number;
      readonly batchTimeoutSeconds: number;
      readonly pue: number;
      /** Unloaded latency of the whole offload path for one request. */
      readonly pathSeconds: number;
    };
    readonly link: {
      readonly name: string;
      readonly uplinkBitsPerSecond: number;
      readonly downlinkBitsPerSecond: number;
      readonly rttSeconds: number;
      readonly uplinkJoulesPerBit: number;
      readonly downlinkJoulesPerBit: number;
      readonly sources: Readonly<Record<string, string>>;
    };
  };
  readonly requests: LoadedPlan['model']['requests'];
  readonly policy: LoadedPlan['model']['policy'];
  readonly results: DeployStats;
  readonly fleet: {
    readonly devices: number;
    readonly requestsPerDay: number;
    readonly energyPerDayJoules: number;
    readonly energyPerDayKilowattHours: number;
    readonly deviceEnergyPerDayJoules: number;
  };
  readonly breakEven: BreakEven;
  readonly notes: readonly string[];
}

/** Simulates a loaded plan and assembles its document. Pure: the same plan gives the same document. */
export function runDeployPlan(p: LoadedPlan): DeployReport {
  const m = p.model;
  const results = simulateDeployment(m);
  const cloud1 = m.cloud.costOfBatch(1);
  const requestsPerDay = m.fleet.devices * m.fleet.requestsPerDevicePerDay;
  const perDay = results.energyPerInferenceJoules.total * requestsPerDay;
  const served = results.requests.served;
  return {
    schema: 'picojoule/deploy@1',
    plan: { name: m.name, file: p.file, seed: m.seed },
    workload: p.workload,
    places: {
      edge: {
        device: m.edge.name,
        method: m.edge.method,
        canRun: m.edge.cost !== undefined,
        reasons: m.edge.reasons,
        latencySeconds: m.edge.cost?.seconds ?? null,
        energyJoules: m.edge.cost?.energyJoules ?? null,
        failureRate: m.edge.failureRate,
        overloadRate: m.edge.overloadRate,
      },
      cloud: {
        device: m.cloud.name,
        method: m.cloud.method,
        latencySeconds: cloud1.seconds,
        energyJoules: cloud1.energyJoules,
        maxBatch: m.cloud.maxBatch,
        batchTimeoutSeconds: m.cloud.batchTimeoutSeconds,
        pue: m.cloud.pue,
        pathSeconds: cloudPathSeconds(m),
      },
      link: {
        name: m.link.name,
        uplinkBitsPerSecond: m.link.uplinkBitsPerSecond,
        downlinkBitsPerSecond: m.link.downlinkBitsPerSecond,
        rttSeconds: m.link.rttSeconds,
        uplinkJoulesPerBit: m.link.uplinkJoulesPerBit,
        downlinkJoulesPerBit: m.link.downlinkJoulesPerBit,
        sources: m.link.sources,
      },
    },
    requests: m.requests,
    policy: m.policy,
    results,
    fleet: {
      devices: m.fleet.devices,
      requestsPerDay,
      energyPerDayJoules: perDay,
      energyPerDayKilowattHours: perDay / 3.6e6,
      deviceEnergyPerDayJoules:
        served > 0 ? ((results.energyTotalJoules.device + results.energyTotalJoules.radio) / served) * requestsPerDay : 0,
    },
    breakEven: breakEven(m, p.scaled, results.cloudBatches.meanSize),
    notes: [
      `Edge on ${m.edge.name} (${m.edge.method}); cloud on ${m.cloud.name} (${m.cloud.method}). Roofline rows are estimates, not cycle simulation.`,
      'Energy per inference is per served request: the edge device’s compute (failed attempts included), the radio (per bit, base power while sending, tail), and the cloud’s batch energy × PUE. Idle power between requests is not charged.',
      'Fleet energy per day scales the energy per served request to the fleet’s request volume; the simulated request stream is one device’s.',
      'Times are simulated in whole nanoseconds on the engine’s event queue.',
    ],
  };
}

/** The document as JSON text. */
export const deployJson = (r: DeployReport): string => JSON.stringify(r, null, 2) + '\n';
