import { EventQueue, Resource } from '../engine/index.js';
import type { Link } from '../load/load-device.js';
import { exponential, randomStream } from './random.js';

/** What one inference costs at a place: its latency and its energy. */
export interface PlaceCost {
  readonly seconds: number;
  readonly energyJoules: number;
}

export type ServiceTime = 'deterministic' | 'exponential';
export type PolicyMode = 'edge-first' | 'edge-only' | 'cloud-only';

/** A deployment plan with every device costed and every quantity in SI units: what the simulation runs. */
export interface DeployModel {
  readonly name: string;
  readonly seed: number;
  readonly requests: {
    readonly arrival: 'poisson' | 'periodic';
    /** Requests per second. */
    readonly rate: number;
    readonly count: number;
    readonly inputBytes: number;
    readonly outputBytes: number;
    readonly deadlineSeconds: number;
  };
  readonly policy: { readonly mode: PolicyMode; readonly allowDrops: boolean };
  readonly edge: {
    readonly name: string;
    readonly method: string;
    /** Why the edge cannot run the model at all (empty when it can). */
    readonly reasons: readonly string[];
    /** Cost of one inference, when it can. */
    readonly cost?: PlaceCost;
    readonly failureRate: number;
    readonly overloadRate: number;
    readonly serviceTime: ServiceTime;
  };
  readonly cloud: {
    readonly name: string;
    readonly method: string;
    /** Cost of one batch of `batch` requests (the whole batch's latency and energy, before PUE). */
    costOfBatch(batch: number): PlaceCost;
    readonly maxBatch: number;
    readonly batchTimeoutSeconds: number;
    readonly pue: number;
    readonly serviceTime: ServiceTime;
  };
  readonly link: Link;
  readonly fleet: { readonly devices: number; readonly requestsPerDevicePerDay: number };
}

/** Why a request went to the cloud. */
export type OffloadReason = 'deadline' | 'overload' | 'failure' | 'unsupported' | 'policy';

/** The outcome of a simulated deployment (the `picojoule/deploy@1` document's results). */
export interface DeployStats {
  readonly requests: {
    readonly simulated: number;
    readonly served: number;
    readonly servedAtEdge: number;
    readonly servedInCloud: number;
    readonly dropped: number;
    readonly dropRate: number;
    /** Served requests that took longer than the deadline. */
    readonly deadlineMisses: number;
    readonly deadlineMissRate: number;
    readonly simulatedSeconds: number;
  };
  /** Latency of served requests from arrival to result (nearest-rank percentiles). */
  readonly latencySeconds: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly mean: number;
    readonly max: number;
  };
  /** Share of served requests answered by the edge device. */
  readonly edgeFraction: number;
  readonly offloads: Readonly<Record<OffloadReason, number>>;
  readonly cloudBatches: { readonly count: number; readonly meanSize: number };
  /** Busy time over simulated time. */
  readonly utilization: { readonly edge: number; readonly uplink: number; readonly downlink: number; readonly cloud: number };
  /** Energy per served request: the edge's compute (failed attempts included), the radio, the cloud's share × PUE. */
  readonly energyPerInferenceJoules: {
    readonly device: number;
    readonly radio: number;
    readonly cloud: number;
    readonly total: number;
  };
  readonly energyTotalJoules: { readonly device: number; readonly radio: number; readonly cloud: number };
  /** The latency distribution: [seconds, fraction of served requests at most that late], at most 201 points. */
  readonly cdf: readonly (readonly [number, number])[];
}

/** Simulated time is counted in integer nanoseconds (the engine's cycles). */
const TICKS_PER_SECOND = 1e9;
const ticks = (s: number) => Math.round(s * TICKS_PER_SECOND);
const EDGE = 1;
const CLOUD = 2;
const DROPPED = 3;

/**
 * Runs the requests of a plan through the engine: arrivals are events; the edge device, the
 * uplink, the downlink and the cloud are servers with FIFO queues (the engine's resources); the
 * cloud gathers requests into batches. Every random draw comes from streams seeded by the plan,
 * so the same plan gives the same run.
 */
export function simulateDeployment(m: DeployModel): DeployStats {
  const r = m.requests;
  const n = r.count;
  const q = new EventQueue();
  const edge = new Resource('edge');
  const uplink = new Resource('uplink');
  const downlink = new Resource('downlink');
  const cloud = new Resource('cloud');
  const gaps = randomStream(m.seed, 0);
  const edgeDraws = randomStream(m.seed, 1);
  const failures = randomStream(m.seed, 2);
  const overloads = randomStream(m.seed, 3);
  const cloudDraws = randomStream(m.seed, 4);

  const arrivedAt = new Float64Array(n);
  const doneAt = new Float64Array(n);
  const place = new Uint8Array(n);
  const atCloud = new Float64Array(n);
  const offloads: Record<OffloadReason, number> = { deadline: 0, overload: 0, failure: 0, unsupported: 0, policy: 0 };
  let deviceJ = 0;
  let radioJ = 0;
  let cloudJ = 0;
  let batches = 0;
  let batched = 0;
  const radio: [number, number][] = [];

  const deadline = ticks(r.deadlineSeconds);
  const link = m.link;
  const upTicks = ticks((8 * r.inputBytes) / link.uplinkBitsPerSecond);
  const downTicks = ticks((8 * r.outputBytes) / link.downlinkBitsPerSecond);
  const rtt = ticks(link.rttSeconds);
  const rttUp = Math.floor(rtt / 2);
  const rttDown = rtt - rttUp;
  const radioPerOffload =
    8 * r.inputBytes * link.uplinkJoulesPerBit +
    8 * r.outputBytes * link.downlinkJoulesPerBit +
    link.activeWatts * ((upTicks + downTicks) / TICKS_PER_SECOND);
  const edgeCost = m.edge.cost;
  const edgeCan = m.edge.reasons.length === 0 && edgeCost !== undefined;
  const edgeMean = edgeCan ? Math.max(1, ticks(edgeCost.seconds)) : 0;
  const cloudSingle = Math.max(1, ticks(m.cloud.costOfBatch(1).seconds));
  const timeout = m.cloud.maxBatch > 1 ? ticks(m.cloud.batchTimeoutSeconds) : 0;
  const draw = (mean: number, kind: ServiceTime, u: () => number) =>
    kind === 'exponential' ? Math.max(1, Math.round(exponential(u(), mean))) : mean;

  const complete = (i: number, at: number, where: number) => {
    doneAt[i] = at;
    place[i] = where;
  };

  // The cloud: requests wait in `pending`; a batch starts when it is full or its first request has waited `timeout`.
  const pending: number[] = [];
  let head = 0;
  let wake = false;
  const scheduleHeadTimeout = () => {
    if (head < pending.length) q.schedule(Math.max(q.now, atCloud[pending[head]] + timeout), dispatch);
  };
  function dispatch(): void {
    const waiting = pending.length - head;
    if (waiting === 0) return;
    if (cloud.busyUntil > q.now) {
      if (!wake) {
        wake = true;
        q.schedule(cloud.busyUntil, () => {
          wake = false;
          dispatch();
        });
      }
      return;
    }
    if (waiting < m.cloud.maxBatch && q.now - atCloud[pending[head]] < timeout) return;
    const batch = pending.slice(head, head + m.cloud.maxBatch);
    head += batch.length;
    if (head > 4096 && head * 2 > pending.length) {
      pending.splice(0, head);
      head = 0;
    }
    const cost = m.cloud.costOfBatch(batch.length);
    const mean = Math.max(1, ticks(cost.seconds));
    const service = draw(mean, m.cloud.serviceTime, cloudDraws);
    const start = cloud.reserve(q.now, service);
    const end = start + service;
    cloudJ += cost.energyJoules * (service / mean) * m.cloud.pue;
    batches++;
    batched += batch.length;
    q.schedule(end, () => {
      for (const j of batch) {
        const start = downlink.reserve(end + rttDown, downTicks);
        radio.push([start, start + downTicks]);
        complete(j, start + downTicks, CLOUD);
      }
    });
    scheduleHeadTimeout();
  }

  const offload = (i: number, at: number, why: OffloadReason) => {
    offloads[why]++;
    const start = uplink.reserve(at, upTicks);
    radio.push([start, start + upTicks]);
    radioJ += radioPerOffload;
    q.schedule(start + upTicks + rttUp, () => {
      atCloud[i] = q.now;
      pending.push(i);
      if (pending.length - head === 1) scheduleHeadTimeout();
      dispatch();
    });
  };

  /** When an offload starting now is predicted to finish, queues at the link and the cloud included. */
  const cloudFinish = (at: number) => {
    const up = Math.max(at, uplink.busyUntil) + upTicks + rttUp;
    return Math.max(up + timeout, cloud.busyUntil) + cloudSingle + rttDown + downTicks;
  };

  const runEdge = (i: number, at: number) => {
    const service = draw(edgeMean, m.edge.serviceTime, edgeDraws);
    const start = edge.reserve(at, service);
    const end = start + service;
    deviceJ += edgeCost!.energyJoules * (service / edgeMean);
    const failed = failures() < m.edge.failureRate;
    q.schedule(end, () => (failed ? offload(i, end, 'failure') : complete(i, end, EDGE)));
  };

  const arrive = (i: number) => {
    const t = q.now;
    arrivedAt[i] = t;
    const overloaded = overloads() < m.edge.overloadRate;
    const mode = m.policy.mode;
    const edgeFinish = edgeCan ? Math.max(t, edge.busyUntil) + edgeMean : Infinity;
    if (mode === 'cloud-only' || !edgeCan || (mode === 'edge-first' && overloaded)) {
      if (m.policy.allowDrops && cloudFinish(t) - t > deadline) return complete(i, t, DROPPED);
      return offload(i, t, mode === 'cloud-only' ? 'policy' : !edgeCan ? 'unsupported' : 'overload');
    }
    if (edgeFinish - t <= deadline) return runEdge(i, t);
    if (mode === 'edge-only') return m.policy.allowDrops ? complete(i, t, DROPPED) : runEdge(i, t);
    const cloudAt = cloudFinish(t);
    if (cloudAt - t <= deadline) return offload(i, t, 'deadline');
    if (m.policy.allowDrops) return complete(i, t, DROPPED);
    return cloudAt < edgeFinish ? offload(i, t, 'deadline') : runEdge(i, t);
  };

  // Arrivals are scheduled one ahead, so the queue holds few events however many requests there are.
  let next = 0;
  let clock = 0;
  const meanGap = TICKS_PER_SECOND / r.rate;
  const scheduleArrival = () => {
    if (next >= n) return;
    const i = next++;
    q.schedule(Math.round(clock), () => {
      arrive(i);
      clock += r.arrival === 'poisson' ? exponential(gaps(), meanGap) : meanGap;
      scheduleArrival();
    });
  };
  scheduleArrival();
  const end = q.run();

  radioJ += tailJoules(radio, link);
  return summarise(
    m,
    { arrivedAt, doneAt, place, offloads, deviceJ, radioJ, cloudJ, batches, batched, deadline, end },
    {
      edge: edge.busyCycles,
      uplink: uplink.busyCycles,
      downlink: downlink.busyCycles,
      cloud: cloud.busyCycles,
    },
  );
}

/**
 * Energy of the radio's tail: after each burst of transfers it stays powered for `tailSeconds`,
 * or until the next transfer starts (Huang et al., MobiSys 2012).
 */
export function tailJoules(intervals: [number, number][], link: Link): number {
  if (!intervals.length || link.tailWatts === 0 || link.tailSeconds === 0) return 0;
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const tail = ticks(link.tailSeconds);
  let total = 0;
  let end = sorted[0][1];
  for (let k = 1; k < sorted.length; k++) {
    const [s, e] = sorted[k];
    if (s > end) {
      total += Math.min(tail, s - end);
      end = e;
    } else if (e > end) end = e;
  }
  total += tail;
  return (link.tailWatts * total) / TICKS_PER_SECOND;
}

interface Tally {
  readonly arrivedAt: Float64Array;
  readonly doneAt: Float64Array;
  readonly place: Uint8Array;
  readonly offloads: Record<OffloadReason, number>;
  readonly deviceJ: number;
  readonly radioJ: number;
  readonly cloudJ: number;
  readonly batches: number;
  readonly batched: number;
  readonly deadline: number;
  readonly end: number;
}

function summarise(m: DeployModel, t: Tally, busy: Record<'edge' | 'uplink' | 'downlink' | 'cloud', number>): DeployStats {
  const n = m.requests.count;
  const latencies: number[] = [];
  let atEdge = 0;
  let dropped = 0;
  let misses = 0;
  for (let i = 0; i < n; i++) {
    if (t.place[i] === DROPPED) {
      dropped++;
      continue;
    }
    if (t.place[i] === EDGE) atEdge++;
    const lat = t.doneAt[i] - t.arrivedAt[i];
    if (lat > t.deadline) misses++;
    latencies.push(lat);
  }
  const sorted = Float64Array.from(latencies).sort();
  const served = sorted.length;
  const s = (v: number) => v / TICKS_PER_SECOND;
  const rank = (p: number) => (served ? s(sorted[Math.max(0, Math.ceil(p * served) - 1)]) : 0);
  const mean = served ? s(sorted.reduce((a, b) => a + b, 0) / served) : 0;
  const per = (j: number) => (served ? j / served : 0);
  const span = Math.max(1, t.end);
  const cdf: [number, number][] = [];
  if (served) {
    const points = Math.min(200, served);
    for (let k = 0; k <= points; k++) {
      const idx = Math.min(served - 1, Math.max(0, Math.ceil((k / points) * served) - 1));
      cdf.push([s(sorted[idx]), k === 0 ? 1 / served : (idx + 1) / served]);
    }
  }
  return {
    requests: {
      simulated: n,
      served,
      servedAtEdge: atEdge,
      servedInCloud: served - atEdge,
      dropped,
      dropRate: dropped / n,
      deadlineMisses: misses,
      deadlineMissRate: per(misses),
      simulatedSeconds: s(t.end),
    },
    latencySeconds: { p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), mean, max: served ? s(sorted[served - 1]) : 0 },
    edgeFraction: per(atEdge),
    offloads: t.offloads,
    cloudBatches: { count: t.batches, meanSize: t.batches ? t.batched / t.batches : 0 },
    utilization: {
      edge: busy.edge / span,
      uplink: busy.uplink / span,
      downlink: busy.downlink / span,
      cloud: busy.cloud / span,
    },
    energyPerInferenceJoules: {
      device: per(t.deviceJ),
      radio: per(t.radioJ),
      cloud: per(t.cloudJ),
      total: per(t.deviceJ + t.radioJ + t.cloudJ),
    },
    energyTotalJoules: { device: t.deviceJ, radio: t.radioJ, cloud: t.cloudJ },
    cdf,
  };
}
