import type { SourcedValue, TensorPrecision } from '../config/schemas/common.js';
import type { DeviceClass, DeviceSpec } from '../config/schemas/device.js';
import { SourceLog } from '../config/sourced.js';
import { parseQuantity } from '../config/units.js';
import { UserError, type Problem } from '../config/user-error.js';
import type { Graph, Layer } from '../workload/graph.js';
import { isFloat, precisionBits } from '../workload/precision.js';

/**
 * A device timed by a roofline instead of cycle simulation (a CPU, a GPU, a phone NPU we have no
 * microarchitecture for): per layer, the longer of its ops at the sustained peak and its bytes at
 * the memory bandwidth, plus a fixed launch overhead per operator. Every result built on it says
 * it is a roofline estimate.
 */
export interface RooflineDevice {
  readonly name: string;
  readonly kind: 'roofline-device';
  readonly class: DeviceClass;
  readonly description?: string;
  /** Dense peak ops/s (2 per MAC) by MAC precision. */
  readonly peakOpsPerSecond: Readonly<Partial<Record<TensorPrecision, number>>>;
  readonly vectorOpsPerSecond: number;
  readonly memoryBytesPerSecond: number;
  readonly memoryBytes: number;
  readonly idleWatts: number;
  readonly activeWatts: number;
  /** Fraction of peak ops/s sustained on large layers. */
  readonly sustainedEfficiency: number;
  readonly launchSeconds: number;
  readonly invokeSeconds: number;
  readonly unsupportedLayerTypes: readonly string[];
  /** Source of each parameter, keyed by JSON path. */
  readonly sources: Readonly<Record<string, string>>;
  /** How messages name it: its file, or `device "<name>"`. */
  readonly origin: string;
}

/** Narrowest first; a float layer never runs on an integer datapath. */
const WIDTH_ORDER: readonly TensorPrecision[] = ['int2', 'int4', 'int8', 'int16', 'fp16', 'bf16'];

/** Builds the numeric model from a schema-valid spec; problems a schema cannot catch name their JSON path. */
export function buildRooflineDevice(spec: DeviceSpec, file: string | undefined): RooflineDevice {
  const log = new SourceLog();
  const problems: Problem[] = [];
  log.note(spec.source, '');
  log.note(spec.memory.source, '/memory');
  log.note(spec.power.source, '/power');
  const q = (v: Parameters<SourceLog['take']>[0], dim: Parameters<typeof parseQuantity>[1], path: string) =>
    parseQuantity(log.take(v as never, path) as number | string, dim, file, path);
  const peak: Partial<Record<TensorPrecision, number>> = {};
  for (const p of WIDTH_ORDER) {
    const v = (spec.peakOpsPerSecond as Partial<Record<TensorPrecision, SourcedValue<number>>>)[p];
    if (v !== undefined) peak[p] = log.take(v, `/peakOpsPerSecond/${p}`);
  }
  const firstPeak = peak.int8 ?? Object.values(peak)[0]!;
  const idleWatts = q(spec.power.idle, 'watts', '/power/idle');
  const activeWatts = q(spec.power.active, 'watts', '/power/active');
  if (activeWatts < idleWatts)
    problems.push({ file, path: '/power/active', message: `active power must be at least the idle power (${idleWatts} W)` });
  const memoryBytesPerSecond = q(spec.memory.bandwidth, 'bytesPerSecond', '/memory/bandwidth');
  if (memoryBytesPerSecond <= 0) problems.push({ file, path: '/memory/bandwidth', message: 'bandwidth must be > 0' });
  if (problems.length) throw new UserError(problems);
  return {
    name: spec.name,
    kind: 'roofline-device',
    class: spec.class,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    peakOpsPerSecond: peak,
    vectorOpsPerSecond:
      spec.vectorOpsPerSecond === undefined ? firstPeak : log.take(spec.vectorOpsPerSecond, '/vectorOpsPerSecond'),
    memoryBytesPerSecond,
    memoryBytes: q(spec.memory.capacity, 'bytes', '/memory/capacity'),
    idleWatts,
    activeWatts,
    sustainedEfficiency: log.take(spec.sustainedEfficiency, '/sustainedEfficiency'),
    launchSeconds: q(spec.launchOverhead, 'seconds', '/launchOverhead'),
    invokeSeconds: spec.invokeOverhead === undefined ? 0 : q(spec.invokeOverhead, 'seconds', '/invokeOverhead'),
    unsupportedLayerTypes: spec.unsupportedLayerTypes ?? [],
    sources: log.entries,
    origin: file ?? `device "${spec.name}"`,
  };
}

/** The precision a layer's MACs need: the float one if either operand is float, else the wider integer. */
export function macPrecisionOf(layer: Layer): TensorPrecision {
  const { weight, input } = layer.precision;
  if (isFloat(weight) || isFloat(input)) return isFloat(input) ? input : weight;
  return precisionBits(weight) >= precisionBits(input) ? weight : input;
}

/** The precision the device runs a layer at: its own if listed, else the narrowest wider one (never float → int). */
export function devicePrecision(device: RooflineDevice, wanted: TensorPrecision): TensorPrecision | undefined {
  const from = WIDTH_ORDER.indexOf(wanted);
  return WIDTH_ORDER.slice(from).find((p) => device.peakOpsPerSecond[p] !== undefined && (!isFloat(wanted) || isFloat(p)));
}

/** One layer on a roofline device. */
export interface RooflineLayer {
  readonly name: string;
  readonly type: string;
  /** Operations: 2 per MAC, or the element-wise operations. */
  readonly ops: number;
  readonly macs: number;
  /** Bytes read and written at the memory: weights, biases, inputs and the output, each once. */
  readonly bytes: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly launchSeconds: number;
  /** max(compute, memory) + launch. */
  readonly seconds: number;
  readonly bound: 'compute' | 'memory' | 'none';
  /** Precision its MACs ran at on the device (undefined for element-wise work and views). */
  readonly precision?: TensorPrecision;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const bytesOf = (elements: number, p: TensorPrecision) => (elements * precisionBits(p)) / 8;

/** Weight and bias bytes of a layer as stored (biases as 32-bit integers). */
export const weightBytesOf = (layer: Layer): number =>
  bytesOf(layer.weightElements, layer.precision.weight) + 4 * layer.biasElements;

/** Activation bytes a layer reads and writes. */
export const activationBytesOf = (layer: Layer): number =>
  layer.inputShapes.reduce((s, sh) => s + bytesOf(product(sh), layer.precision.input), 0) +
  bytesOf(product(layer.outputShape), layer.precision.output);

/** Times one layer: the roofline's max of compute and memory time, plus a launch per operator. */
export function planRooflineLayer(device: RooflineDevice, layer: Layer): RooflineLayer {
  const base = { name: layer.name, type: layer.type, macs: layer.macs };
  const op = layer.op;
  if (op.kind === 'view')
    return { ...base, ops: 0, bytes: 0, computeSeconds: 0, memorySeconds: 0, launchSeconds: 0, seconds: 0, bound: 'none' };
  const bytes = weightBytesOf(layer) + activationBytesOf(layer);
  const memorySeconds = bytes / device.memoryBytesPerSecond;
  let ops: number;
  let rate: number;
  let precision: TensorPrecision | undefined;
  if (op.kind === 'elementwise') {
    ops = op.elements * op.opsPerElement;
    rate = device.vectorOpsPerSecond;
  } else {
    ops = 2 * layer.macs;
    precision = devicePrecision(device, macPrecisionOf(layer));
    if (precision === undefined) throw new Error(`${device.name}: layer "${layer.name}" has a precision the device lacks`);
    rate = device.peakOpsPerSecond[precision]!;
  }
  const computeSeconds = ops / (rate * device.sustainedEfficiency);
  const busy = Math.max(computeSeconds, memorySeconds);
  return {
    ...base,
    ops,
    bytes,
    computeSeconds,
    memorySeconds,
    launchSeconds: device.launchSeconds,
    seconds: busy + device.launchSeconds,
    bound: computeSeconds >= memorySeconds ? 'compute' : 'memory',
    ...(precision === undefined ? {} : { precision }),
  };
}

/** Why a device cannot run a graph at all (empty when it can): unsupported layers or precisions, too little memory. */
export function rooflineLimits(device: RooflineDevice, graph: Graph): string[] {
  const reasons: string[] = [];
  const types = [...new Set(graph.layers.filter((l) => device.unsupportedLayerTypes.includes(l.type)).map((l) => l.type))];
  if (types.length) reasons.push(`${device.name} does not run ${types.map((t) => `"${t}"`).join(', ')} layers`);
  const precisions = [
    ...new Set(
      graph.layers
        .filter((l) => l.op.kind === 'conv' || l.op.kind === 'matmul')
        .map(macPrecisionOf)
        .filter((p) => devicePrecision(device, p) === undefined),
    ),
  ];
  if (precisions.length)
    reasons.push(
      `${device.name} has no ${precisions.join(', ')} datapath (it lists ${Object.keys(device.peakOpsPerSecond).join(', ')})`,
    );
  const need = modelBytes(graph);
  if (need > device.memoryBytes)
    reasons.push(
      `the model needs ${need} bytes (weights and the largest layer's activations), more than the ${device.memoryBytes} it has`,
    );
  return reasons;
}

/** Bytes a graph needs in memory: all weights plus the largest layer's activations. */
export const modelBytes = (graph: Graph): number =>
  graph.layers.reduce((s, l) => s + weightBytesOf(l), 0) + Math.max(0, ...graph.layers.map(activationBytesOf));

/** A whole inference on a roofline device. */
export interface RooflineRun {
  readonly device: RooflineDevice;
  readonly layers: readonly RooflineLayer[];
  readonly seconds: number;
  readonly energyJoules: number;
  readonly averagePowerWatts: number;
  readonly macs: number;
  readonly ops: number;
  /** Ops achieved over the time × the device's peak at the precision most of the ops ran at. */
  readonly utilization: number;
  readonly opsPerWatt: number;
  /** Time some layer is running (compute- or memory-bound), at active power. */
  readonly busySeconds: number;
  /** Launch and invoke overheads, at idle power. */
  readonly overheadSeconds: number;
}

/**
 * Runs a graph layer by layer. Energy: active power while a layer runs (its compute or its memory
 * is saturated), idle power through launch and invoke overheads.
 */
export function runRoofline(device: RooflineDevice, graph: Graph): RooflineRun {
  const layers = graph.layers.map((l) => planRooflineLayer(device, l));
  const busySeconds = layers.reduce((s, l) => s + Math.max(l.computeSeconds, l.memorySeconds), 0);
  const overheadSeconds = device.invokeSeconds + layers.reduce((s, l) => s + l.launchSeconds, 0);
  return summarise(device, layers, busySeconds, overheadSeconds);
}

/**
 * The same run with every layer's ops and bytes scaled by `k` (a model k times the size): exact
 * for a roofline, since max(k·a, k·b) = k·max(a, b) and the overheads stay.
 */
export function scaleRun(run: RooflineRun, k: number): { seconds: number; energyJoules: number } {
  const d = run.device;
  return {
    seconds: k * run.busySeconds + run.overheadSeconds,
    energyJoules: d.activeWatts * k * run.busySeconds + d.idleWatts * run.overheadSeconds,
  };
}

function summarise(device: RooflineDevice, layers: RooflineLayer[], busySeconds: number, overheadSeconds: number): RooflineRun {
  const seconds = busySeconds + overheadSeconds;
  const energyJoules = device.activeWatts * busySeconds + device.idleWatts * overheadSeconds;
  const ops = layers.reduce((s, l) => s + l.ops, 0);
  const byPrecision = new Map<TensorPrecision, number>();
  for (const l of layers) if (l.precision) byPrecision.set(l.precision, (byPrecision.get(l.precision) ?? 0) + l.ops);
  const main = [...byPrecision].sort((a, b) => b[1] - a[1])[0]?.[0];
  const peak = main ? device.peakOpsPerSecond[main]! : device.vectorOpsPerSecond;
  return {
    device,
    layers,
    seconds,
    energyJoules,
    averagePowerWatts: seconds > 0 ? energyJoules / seconds : 0,
    macs: layers.reduce((s, l) => s + l.macs, 0),
    ops,
    utilization: seconds > 0 ? ops / (seconds * peak) : 0,
    opsPerWatt: energyJoules > 0 ? ops / energyJoules : 0,
    busySeconds,
    overheadSeconds,
  };
}

/** Dense int8 peak (else the fastest precision listed): what the class-range check compares. */
export const headlineOpsPerSecond = (device: RooflineDevice): number =>
  device.peakOpsPerSecond.int8 ?? Math.max(...Object.values(device.peakOpsPerSecond));

/** The roofline-device kind: its schema, build and per-layer plan, as other components provide theirs. */
export const rooflineDeviceKind = {
  kind: 'roofline-device',
  noun: 'roofline device',
  build: buildRooflineDevice,
  plan: planRooflineLayer,
  peakOpsPerSecond: (device: RooflineDevice, precision: TensorPrecision): number | undefined =>
    device.peakOpsPerSecond[precision],
} as const;
