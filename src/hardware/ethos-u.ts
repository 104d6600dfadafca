import { EthosUSpec } from '../config/schemas/arch.js';
import { addEnergyJ } from '../energy/cost-lookup.js';
import type { Layer } from '../workload/graph.js';
import { lowerLayer } from '../workload/lower-layer.js';
import type { ComponentModel, ComputeKind, TileRun, UnitPlan } from './component.js';
import { ETHOS_U55, npuCycles, type EthosUConfig, type Hwc, type NpuMemory, type NpuOp } from './ethos-u-model.js';
import { planStream } from './stream-plan.js';
import { systolicArrayKind } from './systolic-array.js';
import { NO_SPARSITY, type SystolicArray } from './systolic-array-spec.js';

/**
 * An Ethos-U55 microNPU: convolutions, fully connected layers, pooling and element-wise work all
 * run on it, timed by Arm's public performance model (`ethos-u-model.ts`). The bytes each layer
 * moves through the memory hierarchy are planned as for an output-stationary array of the same
 * MACs (micro-block pixels × 8-wide dot product rows, micro-block channels columns), which is
 * how the NPU's output blocks stream IFM and weights; only its compute time is Vela's.
 */
export interface EthosU extends ComponentModel {
  readonly kind: 'ethos-u';
  readonly config: EthosUConfig;
  readonly memory: NpuMemory;
  /** The array whose traffic planning the NPU's layers use. */
  readonly standIn: SystolicArray;
}

const NOTHING = { input: 0, weight: 0, output: 0 };

export const ethosUKind: ComputeKind<EthosU, EthosUSpec> = {
  kind: 'ethos-u',
  role: 'array',
  noun: 'Ethos-U NPU',
  schema: EthosUSpec,
  build(spec, { name, at, log }) {
    const config = ETHOS_U55[log.take(spec.macs, `${at}/macs`)];
    // Defaults: Vela's Ethos_U55_High_End_Embedded system (vela.ini): SRAM latency 32 cycles, flash 64, a 64-bit AXI.
    const take = (v: typeof spec.featureMapLatency, field: string, fallback: number) =>
      v === undefined ? fallback : log.take(v, `${at}/${field}`);
    const fmLatency = take(spec.featureMapLatency, 'featureMapLatency', 32);
    const memory: NpuMemory = {
      fmReadLatency: fmLatency,
      fmWriteLatency: fmLatency,
      fmBytesPerCycle: take(spec.featureMapBytesPerCycle, 'featureMapBytesPerCycle', 8),
      constReadLatency: take(spec.constantLatency, 'constantLatency', 64),
    };
    const standIn: SystolicArray = {
      name,
      kind: 'systolic-array',
      rows: config.ublock.w * config.ublock.h * 8,
      cols: config.ublock.c,
      cores: 1,
      dataflow: 'os',
      foldTiming: 'pipelined',
      accumulatorBytes: 4,
      partialSums: 'buffer',
      groupPacking: 'block-diagonal',
      // 16-bit activations at half the 8-bit rate (Arm, Ethos-U55 technical overview).
      precisions: { int8: 1, int16: 0.5 },
      precisionFallback: 'error',
      sparsity: { weight: NO_SPARSITY, input: NO_SPARSITY },
    };
    return { name, kind: 'ethos-u', config, memory, standIn };
  },
  describe: (u) => `Ethos-U55-${u.config.macs}`,
  summary: (u) => ({ macs: u.config.macs, ublock: u.config.ublock, shramBanks: u.config.shramBanks }),
  peakMacsPerCycle: (u) => u.config.macs,
  // Everything but views runs on the NPU (Vela maps pooling and element-wise work to it too).
  affinity: (_u, work) => (work.kind === 'none' ? 0 : 1),
  execution: (u, layer, formats, origin) => systolicArrayKind.execution!(u.standIn, layer, formats, origin),
  foldNeeds: (u, layer, e) => (lowerLayer(layer).kind === 'gemm' ? systolicArrayKind.foldNeeds!(u.standIn, layer, e) : NOTHING),
  workingSetExtra: (u, layer, e) =>
    lowerLayer(layer).kind === 'gemm' ? systolicArrayKind.workingSetExtra!(u.standIn, layer, e) : NOTHING,
  plan(u, layer, ctx) {
    const op = npuOp(layer);
    const cycles = npuCycles(u.config, op, u.memory) * repeatsOf(layer);
    if (lowerLayer(layer).kind !== 'gemm') {
      const ops = op.ofm.h * op.ofm.w * op.ofm.c;
      return planStream(layer, ctx, cycles, { [`op.${layer.precision.input}`]: ops }, ops);
    }
    return withComputeCycles(systolicArrayKind.plan(u.standIn, layer, ctx), cycles);
  },
  vectorLanes: (u) => u.config.ublock.w * u.config.ublock.h * u.config.ublock.c,
  energyKeys: () => ['mac', 'regfile', 'vector'],
  price(u, action, table) {
    if (action.startsWith('op.')) return { key: 'vector', joules: addEnergyJ(table, action.slice(3)) };
    return systolicArrayKind.price(u.standIn, action, table);
  },
  leakage: (u) => ({ pe: u.config.macs }),
  area: (u, t) => systolicArrayKind.area(u.standIn, t),
  nocEndpoints: () => 1,
};

/** One group per channel, in and out: what the NPU runs as a depthwise convolution. */
const isDepthwise = (op: { groups: number; inChannels: number; outChannels: number }): boolean =>
  op.groups > 1 && op.groups === op.inChannels && op.groups === op.outChannels;

/** Independent repeats of the operation the model times once (groups of a grouped conv, batched matmuls). */
function repeatsOf(layer: Layer): number {
  const op = layer.op;
  if (op.kind === 'conv') return op.groups > 1 && !isDepthwise(op) ? op.groups : 1;
  if (op.kind === 'matmul') return op.batch;
  return 1;
}

/** A tensor shape as height × width × channels (NCHW, [N, S, D] sequences, [M, N] matrices). */
function hwc(shape: readonly number[]): Hwc {
  if (shape.length >= 4) return { h: shape[shape.length - 2], w: shape[shape.length - 1], c: shape[1] };
  if (shape.length === 3) return { h: 1, w: shape[1], c: shape[2] };
  if (shape.length === 2) return { h: 1, w: shape[0], c: shape[1] };
  return { h: 1, w: 1, c: shape[0] ?? 1 };
}

/** The layer as one NPU operation. */
export function npuOp(layer: Layer): NpuOp {
  const ifmBits = layer.precision.input === 'int16' ? 16 : 8;
  const base = { ifmBits, activation: 'none' as const };
  const op = layer.op;
  if (op.kind === 'conv') {
    const depthwise = isDepthwise(op);
    const g = depthwise ? 1 : op.groups;
    return {
      ...base,
      type: depthwise ? 'depthwise' : 'conv',
      ifm: { h: op.inH, w: op.inW, c: op.inChannels / g },
      ofm: { h: op.outH, w: op.outW, c: op.outChannels / g },
      kernel: { h: op.kernelH, w: op.kernelW, strideH: op.strideH, strideW: op.strideW },
      outputOp: 'default',
      hasBias: true,
    };
  }
  if (op.kind === 'matmul') {
    // A fully connected layer: the rows of A stream as a 1-high OFM of m outputs.
    return {
      ...base,
      type: 'vector-product',
      ifm: { h: 1, w: op.m, c: op.k },
      ofm: { h: 1, w: op.m, c: op.n },
      kernel: { h: 1, w: 1, strideH: 1, strideW: 1 },
      outputOp: 'default',
      hasBias: op.weightOperand,
    };
  }
  const ofm = hwc(layer.outputShape);
  const ifm = layer.inputShapes.length ? hwc(layer.inputShapes[0]) : ofm;
  if (layer.type === 'maxpool' || layer.type === 'avgpool') {
    const global = ofm.h === 1 && ofm.w === 1;
    const k = op.kind === 'elementwise' ? Math.max(1, Math.round(Math.sqrt(op.opsPerElement))) : 1;
    return {
      ...base,
      type: 'pooling',
      ifm,
      ofm,
      kernel: global
        ? { h: ifm.h, w: ifm.w, strideH: 1, strideW: 1 }
        : { h: k, w: k, strideH: Math.max(1, Math.round(ifm.h / ofm.h)), strideW: Math.max(1, Math.round(ifm.w / ofm.w)) },
      outputOp: layer.type === 'maxpool' ? 'maxPool' : 'default',
      hasBias: false,
    };
  }
  return {
    ...base,
    type: 'elementwise',
    ifm,
    ofm,
    kernel: { h: 1, w: 1, strideH: 1, strideW: 1 },
    outputOp: layer.type === 'add' ? 'addAdvanced' : layer.type === 'mul' ? 'mulOrAcc40' : 'default',
    hasBias: false,
  };
}

/**
 * The plan with its tiles' compute cycles rescaled to sum to `cycles`, keeping their shape
 * (which tiles are long); any remainder of the rounding goes to the first tile.
 */
function withComputeCycles(plan: UnitPlan, cycles: number): UnitPlan {
  const planned = plan.computeCycles;
  if (planned <= 0 || plan.runs.length === 0) return plan;
  const scale = cycles / planned;
  const scaled: TileRun[] = plan.runs.map((r) => ({
    count: r.count,
    tile: { ...r.tile, computeCycles: Math.floor(r.tile.computeCycles * scale) },
  }));
  const rest = cycles - scaled.reduce((s, r) => s + r.count * r.tile.computeCycles, 0);
  if (rest > 0) {
    const [first, ...others] = scaled;
    const bumped = { count: 1, tile: { ...first.tile, computeCycles: first.tile.computeCycles + rest } };
    scaled.splice(
      0,
      scaled.length,
      bumped,
      ...(first.count > 1 ? [{ count: first.count - 1, tile: first.tile }] : []),
      ...others,
    );
  }
  return { ...plan, runs: scaled, computeCycles: cycles };
}
