import type { DeployModel, PlaceCost } from './deploy-sim.js';

/** One point of a break-even sweep: local and offloaded energy and latency of one request, unloaded. */
export interface BreakEvenPoint {
  /** The swept value: input bytes, a model-size factor, or a link-bandwidth factor. */
  readonly x: number;
  readonly localJoules: number | null;
  readonly localSeconds: number | null;
  /** Offloading as the device's battery sees it: the radio only. */
  readonly offloadDeviceJoules: number;
  /** Offloading in all: radio plus the cloud's share × PUE. */
  readonly offloadTotalJoules: number;
  readonly offloadSeconds: number;
}

/** A sweep and where offloading starts or stops paying (null: never within reason, or the edge cannot run it). */
export interface BreakEvenSweep {
  readonly variable: string;
  readonly unit: string;
  readonly points: readonly BreakEvenPoint[];
  /** Where offloaded total energy equals local energy. */
  readonly energy: number | null;
  /** Where offloaded device (radio) energy equals local energy. */
  readonly deviceEnergy: number | null;
  /** Where offloaded latency equals local latency. */
  readonly latency: number | null;
  readonly meaning: string;
}

export interface BreakEven {
  readonly inputSize: BreakEvenSweep;
  readonly modelSize: BreakEvenSweep;
  readonly linkQuality: BreakEvenSweep;
  readonly assumptions: readonly string[];
}

const logSpace = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

/** x where a + b·x = c, if it is positive and finite. */
const solveLinear = (a: number, b: number, c: number): number | null => {
  if (b === 0) return null;
  const x = (c - a) / b;
  return Number.isFinite(x) && x > 0 ? x : null;
};

type Line = { a: number; b: number };
/** Where two lines a + b·k cross, if at a positive, finite k: l1.a + (l1.b − l2.b)·k = l2.a. */
const crossing = (l1: Line, l2: Line): number | null => solveLinear(l1.a, l1.b - l2.b, l2.a);

/**
 * Where offloading pays, as input size, model size and link quality vary, from the same per-request
 * costs the simulation uses, unloaded (no queueing): closed forms, since every cost is linear in
 * the swept quantity (or in its inverse, for the link).
 */
export function breakEven(
  m: DeployModel,
  scaled: { edge(k: number): PlaceCost; cloud(k: number): PlaceCost },
  meanBatch: number,
): BreakEven {
  const r = m.requests;
  const l = m.link;
  const batch = Math.max(1, Math.min(m.cloud.maxBatch, Math.round(meanBatch)));
  const cloudCost = m.cloud.costOfBatch(batch);
  const cloudJ = (cloudCost.energyJoules / batch) * m.cloud.pue;
  const cloudS = m.cloud.costOfBatch(1).seconds + m.cloud.batchTimeoutSeconds;
  const tailJ = l.tailWatts * Math.min(l.tailSeconds, 1 / r.rate);
  const upS = (bytes: number, q = 1) => (8 * bytes) / (l.uplinkBitsPerSecond * q);
  const downS = (q = 1) => (8 * r.outputBytes) / (l.downlinkBitsPerSecond * q);
  const radioJ = (bytes: number, q = 1) =>
    8 * bytes * l.uplinkJoulesPerBit +
    8 * r.outputBytes * l.downlinkJoulesPerBit +
    l.activeWatts * (upS(bytes, q) + downS(q)) +
    tailJ;
  const pathS = (bytes: number, q = 1) => upS(bytes, q) + l.rttSeconds + cloudS + downS(q);
  const local = m.edge.cost;
  const localJ = local?.energyJoules ?? null;
  const localS = local?.seconds ?? null;
  // Input size and link quality leave the local cost as it is and move only the offload path:
  // `at` gives the bytes sent and the bandwidth factor at each swept x.
  const offloadPoints = (xs: number[], at: (x: number) => [bytes: number, q: number]): BreakEvenPoint[] =>
    xs.map((x) => {
      const [bytes, q] = at(x);
      return {
        x,
        localJoules: localJ,
        localSeconds: localS,
        offloadDeviceJoules: radioJ(bytes, q),
        offloadTotalJoules: radioJ(bytes, q) + cloudJ,
        offloadSeconds: pathS(bytes, q),
      };
    });

  // Input size: radio energy and path latency are a + b · bytes.
  const perByteJ = 8 * l.uplinkJoulesPerBit + (8 * l.activeWatts) / l.uplinkBitsPerSecond;
  const inputSize: BreakEvenSweep = {
    variable: 'input size',
    unit: 'B',
    points: offloadPoints(logSpace(100, 1e8, 61), (b) => [b, 1]),
    energy: localJ === null ? null : solveLinear(radioJ(0) + cloudJ, perByteJ, localJ),
    deviceEnergy: localJ === null ? null : solveLinear(radioJ(0), perByteJ, localJ),
    latency: localS === null ? null : solveLinear(pathS(0), 8 / l.uplinkBitsPerSecond, localS),
    meaning: 'offloading costs less energy (or time) than running locally below this input size',
  };

  // Model size: local and cloud costs are a + b · k (exact for a roofline, linear for a simulation).
  const lin = (f: (k: number) => number) => ({ b: f(2) - f(1), a: 2 * f(1) - f(2) });
  const loc = lin((k) => scaled.edge(k).energyJoules);
  const locS = lin((k) => scaled.edge(k).seconds);
  const cl = lin((k) => scaled.cloud(k).energyJoules * m.cloud.pue);
  const clS = lin((k) => scaled.cloud(k).seconds);
  const radio0 = radioJ(r.inputBytes);
  const modelSize: BreakEvenSweep = {
    variable: 'model size (× this model’s work and bytes)',
    unit: '×',
    points: logSpace(0.01, 100, 41).map((k) => ({
      x: k,
      localJoules: local ? scaled.edge(k).energyJoules : null,
      localSeconds: local ? scaled.edge(k).seconds : null,
      offloadDeviceJoules: radio0,
      offloadTotalJoules: radio0 + scaled.cloud(k).energyJoules * m.cloud.pue,
      offloadSeconds: pathS(r.inputBytes) - m.cloud.costOfBatch(1).seconds + scaled.cloud(k).seconds,
    })),
    energy: local ? crossing(loc, { a: cl.a + radio0, b: cl.b }) : null,
    deviceEnergy: local ? solveLinear(loc.a, loc.b, radio0) : null,
    latency: local ? crossing(locS, { a: clS.a + pathS(r.inputBytes) - m.cloud.costOfBatch(1).seconds, b: clS.b }) : null,
    meaning: 'offloading pays above this model size (at the plan’s input size and link)',
  };

  // Link quality: bandwidth × q; transfer time and the radio's base-power energy go as 1/q.
  const xfer = upS(r.inputBytes) + downS();
  const fixedJ = 8 * r.inputBytes * l.uplinkJoulesPerBit + 8 * r.outputBytes * l.downlinkJoulesPerBit + tailJ;
  const inverse = (c: number, d: number, target: number | null) =>
    target === null || target <= c || d <= 0 ? null : d / (target - c);
  const linkQuality: BreakEvenSweep = {
    variable: 'link bandwidth (× the plan’s uplink and downlink)',
    unit: '×',
    points: offloadPoints(logSpace(0.01, 100, 41), (q) => [r.inputBytes, q]),
    energy: inverse(fixedJ + cloudJ, l.activeWatts * xfer, localJ),
    deviceEnergy: inverse(fixedJ, l.activeWatts * xfer, localJ),
    latency: inverse(l.rttSeconds + cloudS, xfer, localS),
    meaning: 'offloading pays above this bandwidth factor (per-bit radio energy held fixed)',
  };
  return {
    inputSize,
    modelSize,
    linkQuality,
    assumptions: [
      'Unloaded: no queueing at the edge, the link or the cloud (the simulation adds those).',
      `Cloud energy per request at the mean batch size the simulation saw (${batch}), × PUE ${m.cloud.pue}; cloud latency at batch 1 plus the batch timeout.`,
      `Radio tail per request: tail power × the shorter of the tail timer and the mean gap between requests (${Number((1 / r.rate).toPrecision(3))} s).`,
      'Model size scales every layer’s ops and bytes: exact for roofline devices (launch overheads stay), linear in latency and energy for cycle-simulated presets.',
    ],
  };
}
