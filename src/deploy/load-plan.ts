import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { displayPath, workloadDir } from '../config/paths.js';
import { readJson } from '../config/read-json.js';
import { listBuiltins } from '../config/resolve-extends.js';
import { DeployPlanSpec } from '../config/schemas/deploy-plan.js';
import { parseQuantity } from '../config/units.js';
import { fail, UserError } from '../config/user-error.js';
import { validateAgainst } from '../config/validate.js';
import { rooflineLimits, runRoofline, scaleRun } from '../hardware/roofline-device.js';
import { buildLink, loadLink } from '../load/load-device.js';
import { loadWorkload } from '../load/load-workload.js';
import { simulate } from '../sim/simulate.js';
import type { Graph } from '../workload/graph.js';
import { loadCandidate, type Candidate } from './candidates.js';
import type { DeployModel, PlaceCost } from './deploy-sim.js';

/** A place's cost of one inference (or why it cannot run), and of a model k times the size. */
export interface Costed {
  readonly cost?: PlaceCost;
  readonly reasons: readonly string[];
  /** Cost of the same model with every layer's work × k: exact for a roofline, linear for a simulation. */
  scaled(k: number): PlaceCost;
}

/** Runs a candidate on a graph: a roofline estimate or a cycle simulation. */
export function costOn(c: Candidate, graph: Graph): Costed {
  if (c.kind === 'roofline') {
    const reasons = rooflineLimits(c.device, graph);
    if (reasons.length) return { reasons, scaled: () => ({ seconds: NaN, energyJoules: NaN }) };
    const run = runRoofline(c.device, graph);
    return { cost: { seconds: run.seconds, energyJoules: run.energyJoules }, reasons: [], scaled: (k) => scaleRun(run, k) };
  }
  try {
    const t = simulate(c.arch, graph).totals;
    return {
      cost: { seconds: t.seconds, energyJoules: t.energyJoules },
      reasons: [],
      scaled: (k) => ({ seconds: k * t.seconds, energyJoules: k * t.energyJoules }),
    };
  } catch (err) {
    if (err instanceof UserError) return { reasons: [err.message], scaled: () => ({ seconds: NaN, energyJoules: NaN }) };
    throw err;
  }
}

/** A loaded plan: the model the simulation runs, plus what the report describes. */
export interface LoadedPlan {
  readonly file: string;
  readonly model: DeployModel;
  readonly workload: { readonly name: string; readonly macs: number; readonly layers: number };
  readonly edge: Candidate;
  readonly cloud: Candidate;
  /** Edge and cloud costs of a model k times the size (cloud at batch 1, before PUE). */
  readonly scaled: { edge(k: number): PlaceCost; cloud(k: number): PlaceCost };
  /** The plan as read (for the result document). */
  readonly spec: DeployPlanSpec;
}

const isPath = (ref: string) => ref.endsWith('.json') || ref.includes('/') || ref.includes('\\');

/** Reads, validates and costs a deploy plan; every problem names the plan file and the JSON path. */
export function loadDeployPlan(file: string): LoadedPlan {
  if (!existsSync(file)) fail(file, undefined, 'file not found');
  const where = displayPath(file);
  const spec = validateAgainst<DeployPlanSpec>(DeployPlanSpec, readJson(file), where);
  const dir = dirname(resolve(file));
  const rel = (ref: string) => (isPath(ref) ? resolve(dir, ref) : ref);
  const q = (v: DeployPlanSpec['requests']['deadline'], dim: Parameters<typeof parseQuantity>[1], path: string) =>
    parseQuantity(typeof v === 'object' ? v.value : v, dim, where, path);

  const workloadRef = rel(spec.workload);
  if (isPath(spec.workload) ? !existsSync(workloadRef) : !listBuiltins(workloadDir()).includes(spec.workload))
    fail(
      where,
      '/workload',
      `unknown workload "${spec.workload}"; expected a built-in name (${listBuiltins(workloadDir()).join(', ')}) or a file relative to the plan`,
    );
  const graphs = new Map<number, Graph>();
  const graphAt = (batch: number) => {
    let g = graphs.get(batch);
    if (!g) graphs.set(batch, (g = loadWorkload(workloadRef, batch === 1 ? {} : { batch })));
    return g;
  };
  const graph = graphAt(1);
  const edge = loadCandidate(rel(spec.edge.device), where, '/edge/device');
  const cloud = loadCandidate(rel(spec.cloud.device), where, '/cloud/device');
  const link = typeof spec.link === 'string' ? loadLink(rel(spec.link), where, '/link') : buildLink(spec.link, where, '/link');

  const edgeCost = costOn(edge, graph);
  const cloudCosts = new Map<number, PlaceCost>();
  const cloud1 = costOn(cloud, graph);
  if (!cloud1.cost) fail(where, '/cloud/device', `the cloud device cannot run ${graph.name}: ${cloud1.reasons.join('; ')}`);
  cloudCosts.set(1, cloud1.cost);
  const costOfBatch = (b: number): PlaceCost => {
    let c = cloudCosts.get(b);
    if (!c) {
      const run = costOn(cloud, graphAt(b));
      if (!run.cost)
        throw new UserError({
          file: where,
          path: '/cloud/maxBatch',
          message: `the cloud cannot run a batch of ${b}: ${run.reasons.join('; ')}`,
        });
      cloudCosts.set(b, (c = run.cost));
    }
    return c;
  };

  const mode = spec.policy?.mode ?? 'edge-first';
  const allowDrops = spec.policy?.allowDrops ?? false;
  if (mode === 'edge-only' && !edgeCost.cost)
    fail(where, '/edge/device', `the policy is edge-only but the edge cannot run ${graph.name}: ${edgeCost.reasons.join('; ')}`);
  const requests = {
    arrival: spec.requests.arrival,
    rate: spec.requests.rate,
    count: spec.requests.count,
    inputBytes: q(spec.requests.inputBytes, 'bytes', '/requests/inputBytes'),
    outputBytes: q(spec.requests.outputBytes, 'bytes', '/requests/outputBytes'),
    deadlineSeconds: q(spec.requests.deadline, 'seconds', '/requests/deadline'),
  };
  // Simulated time is counted in whole nanoseconds: the run must stay well inside 2^53 of them.
  if (requests.count / requests.rate > 1e6)
    fail(
      where,
      '/requests/rate',
      `${requests.count} requests at ${requests.rate}/s span ${Number((requests.count / requests.rate).toPrecision(3))} s; expected at most 1e6 s (11.6 days) of simulated time: raise the rate or lower the count`,
    );
  const maxBatch = spec.cloud.maxBatch ?? 1;
  const batchTimeoutSeconds =
    spec.cloud.batchTimeout === undefined ? 0 : q(spec.cloud.batchTimeout, 'seconds', '/cloud/batchTimeout');
  const model: DeployModel = {
    name: spec.name,
    seed: spec.seed,
    requests,
    policy: { mode, allowDrops },
    edge: {
      name: edge.name,
      method: edge.kind === 'roofline' ? 'roofline estimate' : 'cycle simulation',
      reasons: edgeCost.reasons,
      ...(edgeCost.cost ? { cost: edgeCost.cost } : {}),
      failureRate: spec.edge.failureRate ?? 0,
      overloadRate: spec.edge.overloadRate ?? 0,
      serviceTime: spec.edge.serviceTime ?? 'deterministic',
    },
    cloud: {
      name: cloud.name,
      method: cloud.kind === 'roofline' ? 'roofline estimate' : 'cycle simulation',
      costOfBatch,
      maxBatch,
      batchTimeoutSeconds: maxBatch > 1 ? batchTimeoutSeconds : 0,
      pue: spec.cloud.pue,
      serviceTime: spec.cloud.serviceTime ?? 'deterministic',
    },
    link,
    fleet: spec.fleet,
  };
  checkDeadline(model, where, graph.name);
  return {
    file: where,
    model,
    workload: { name: graph.name, macs: graph.totals.macs, layers: graph.layers.length },
    edge,
    cloud,
    scaled: { edge: edgeCost.scaled, cloud: cloud1.scaled },
    spec,
  };
}

/** The unloaded latency of the cloud path: uplink, round trip, a lone request's batch wait, one inference, downlink. */
export function cloudPathSeconds(m: DeployModel): number {
  const r = m.requests;
  return (
    (8 * r.inputBytes) / m.link.uplinkBitsPerSecond +
    m.link.rttSeconds +
    m.cloud.batchTimeoutSeconds +
    m.cloud.costOfBatch(1).seconds +
    (8 * r.outputBytes) / m.link.downlinkBitsPerSecond
  );
}

/** A deadline that no place the policy allows can meet, even unloaded, is a mistake unless drops are allowed. */
function checkDeadline(m: DeployModel, where: string, workload: string): void {
  if (m.policy.allowDrops) return;
  const d = m.requests.deadlineSeconds;
  const edge = m.edge.cost?.seconds;
  const cloud = cloudPathSeconds(m);
  const edgeOk = m.policy.mode !== 'cloud-only' && edge !== undefined && edge <= d;
  const cloudOk = m.policy.mode !== 'edge-only' && cloud <= d;
  if (edgeOk || cloudOk) return;
  const ms = (s: number) => `${Number((s * 1e3).toPrecision(4))} ms`;
  const parts = [
    m.policy.mode === 'cloud-only'
      ? undefined
      : edge === undefined
        ? `the edge cannot run ${workload}`
        : `the edge takes ${ms(edge)}`,
    m.policy.mode === 'edge-only' ? undefined : `the cloud path takes ${ms(cloud)} unloaded`,
  ].filter(Boolean);
  fail(
    where,
    '/requests/deadline',
    `no place can meet the ${ms(d)} deadline: ${parts.join(', ')}; raise the deadline, or set /policy/allowDrops to true to drop such requests and report the drop rate`,
  );
}
