import type { DeviceClass } from '../config/schemas/device.js';
import { UserError } from '../config/user-error.js';
import { peakOpsPerSecond } from '../hardware/arch.js';
import { headlineOpsPerSecond, rooflineLimits, runRoofline } from '../hardware/roofline-device.js';
import { simulate } from '../sim/simulate.js';
import type { SimResult } from '../sim/result.js';
import type { Graph } from '../workload/graph.js';
import type { Candidate } from './candidates.js';
import { CLASS_RANGES, checkClass, classOfPreset, type ClassCheck } from './device-classes.js';

/** How a row's numbers were obtained. */
export type Method = 'roofline estimate' | 'cycle simulation';

/** One device running one workload. Numbers are absent when the device cannot run it (`reasons` say why). */
export interface CompareRow {
  readonly name: string;
  readonly method: Method;
  readonly class: DeviceClass;
  readonly description?: string;
  readonly runnable: boolean;
  readonly reasons: readonly string[];
  readonly latencySeconds?: number;
  readonly energyJoules?: number;
  readonly averagePowerWatts?: number;
  /** Ops (2 per MAC) per joule; TOPS/W is this ÷ 1e12. */
  readonly opsPerWatt?: number;
  readonly utilization?: number;
  /** Dense int8 peak (else the fastest precision): what the class check compares. */
  readonly peakOpsPerSecond: number;
  /** The power the class check compares, and what it is. */
  readonly classPowerWatts?: number;
  readonly classPowerBasis: string;
  readonly check?: ClassCheck;
}

/** A device comparison on one workload (the `picojoule/compare@1` document). */
export interface Comparison {
  readonly schema: 'picojoule/compare@1';
  readonly workload: { readonly name: string; readonly layers: number; readonly macs: number };
  readonly rows: readonly CompareRow[];
  readonly classRanges: typeof CLASS_RANGES;
  readonly notes: readonly string[];
}

const NOTES = [
  'Roofline rows are estimates, not cycle simulation: per layer, the longer of its ops at peak × sustained efficiency and its bytes (weights, inputs, output, once each) at the memory bandwidth, plus a launch overhead per operator; active power while a layer runs, idle power through overheads.',
  'Cycle-simulated rows come from picojoule simulate on our presets (tile-level discrete-event simulation with a cost table); their class check uses the power they would draw at full load (the dynamic energy per op of the workload’s compute-bound layers × peak ops/s, plus static power), not a datasheet power.',
  'The class check compares dense int8 peak and power against the class table; a flag says which bound a device crosses. The seed table is revised where current parts of a class fall outside it (desktop CPUs to 125 W, NPUs to 50 TOPS) and split where it has no row (phone CPUs, edge GPUs, datacenter GPUs); "in range (revised row)" marks a device that only the revision admits, and the JSON keeps its seed-row flags.',
];

/** The numbers of a row that ran, from a roofline estimate or a simulation's totals (the same fields in both). */
const measured = (t: {
  seconds: number;
  energyJoules: number;
  averagePowerWatts: number;
  opsPerWatt: number;
  utilization: number;
}) => ({
  runnable: true,
  reasons: [],
  latencySeconds: t.seconds,
  energyJoules: t.energyJoules,
  averagePowerWatts: t.averagePowerWatts,
  opsPerWatt: t.opsPerWatt,
  utilization: t.utilization,
});

/** Runs one candidate on a graph and checks it against its class. */
export function evaluateCandidate(c: Candidate, graph: Graph): CompareRow {
  if (c.kind === 'roofline') {
    const d = c.device;
    const peak = headlineOpsPerSecond(d);
    const base = {
      name: c.name,
      method: 'roofline estimate' as const,
      class: d.class,
      ...(d.description === undefined ? {} : { description: d.description }),
      peakOpsPerSecond: peak,
      classPowerWatts: d.activeWatts,
      classPowerBasis: 'active power (datasheet or estimate in the device file)',
      check: checkClass(d.class, d.activeWatts, peak),
    };
    const reasons = rooflineLimits(d, graph);
    if (reasons.length) return { ...base, runnable: false, reasons };
    return { ...base, ...measured(runRoofline(d, graph)) };
  }
  const cls = classOfPreset(c.name);
  const peak = peakOpsPerSecond(c.arch);
  const base = {
    name: c.name,
    method: 'cycle simulation' as const,
    class: cls,
    ...(c.arch.description === undefined ? {} : { description: c.arch.description }),
    peakOpsPerSecond: peak,
    classPowerBasis:
      'simulated power at full load: the compute-bound layers’ dynamic energy per op × peak ops/s, plus the static power',
  };
  let result;
  try {
    result = simulate(c.arch, graph);
  } catch (err) {
    if (err instanceof UserError) return { ...base, runnable: false, reasons: [err.message] };
    throw err;
  }
  const t = result.totals;
  const fullLoadWatts = fullLoadPower(result, peak);
  return {
    ...base,
    ...measured(t),
    classPowerWatts: fullLoadWatts,
    check: checkClass(cls, fullLoadWatts, peak),
  };
}

/** Compares candidates on one graph, in the order given. */
export function compareDevices(candidates: readonly Candidate[], graph: Graph): Comparison {
  return {
    schema: 'picojoule/compare@1',
    workload: { name: graph.name, layers: graph.layers.length, macs: graph.totals.macs },
    rows: candidates.map((c) => evaluateCandidate(c, graph)),
    classRanges: CLASS_RANGES,
    notes: NOTES,
  };
}

/**
 * The power a simulated arch would draw at its peak rate: the dynamic energy per op of the
 * layers the simulation found compute-bound (memory-bound layers and fixed costs would inflate
 * it) × peak ops/s, plus its static power. All layers with MACs stand in when none is compute-bound.
 */
export function fullLoadPower(r: SimResult, peakOpsPerSecond: number): number {
  const withMacs = r.layers.filter((l) => l.macs > 0);
  const bound = withMacs.filter((l) => l.bound === 'compute');
  const use = bound.length ? bound : withMacs;
  const ops = use.reduce((s, l) => s + 2 * l.macs, 0);
  const dynamic = use.reduce((s, l) => s + l.energyJoules - (l.energyBreakdownJoules.static ?? 0), 0);
  const staticWatts = r.totals.seconds > 0 ? (r.totals.energyBreakdownJoules.static ?? 0) / r.totals.seconds : 0;
  return (ops > 0 ? (dynamic / ops) * peakOpsPerSecond : 0) + staticWatts;
}
