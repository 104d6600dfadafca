import type { LayerResult, SimResult } from '../sim/result.js';
import type { TensorPrecision } from '../config/schemas/common.js';
import { precisionBits } from '../workload/precision.js';
import { energyGroups, type EnergyGroup } from './energy-groups.js';

/** Which side of the comparison a design is on. */
export type Role = 'npu' | 'imc';

/** A layer as the roofline sees it: its DRAM traffic against its work and time. */
export interface LayerTraffic {
  readonly name: string;
  readonly type: string;
  /** Operations (2 × MACs) per byte of DRAM traffic; null when the layer moves no DRAM bytes. */
  readonly intensity: number | null;
  readonly dramBytes: number;
  readonly seconds: number;
  /** Seconds it would take with ideal memory. */
  readonly computeSeconds: number;
  /** Seconds the compute unit waited for DRAM. */
  readonly stallSeconds: number;
  readonly stallCycles: number;
  /** DRAM bytes ÷ bandwidth: the time the transfers need at full bandwidth (0 for ideal DRAM). */
  readonly transferSeconds: number;
  readonly utilization: number;
  readonly macs: number;
}

/** How well one kind of layer used the unit it ran on, over a set of layers. */
export interface MappingStats {
  readonly unit: LayerResult['unit'];
  readonly layers: number;
  /** MAC-weighted utilization: Σ MACs ÷ Σ (cycles × the unit's peak MACs per cycle). */
  readonly utilization: number;
  /** Σ cycles ÷ the design's total cycles. */
  readonly latencyShare: number;
  /** Σ MACs ÷ the design's total MACs. */
  readonly macShare: number;
  /** The layers with the lowest utilization, worst first (at most 3). */
  readonly worst: readonly { readonly name: string; readonly utilization: number }[];
}

/** Writing weights into crossbar cells, and the DRAM traffic that brings them. */
export interface Reprogramming {
  /** Energy of the cell writes (`imc.program`), J per inference. */
  readonly joules: number;
  /** joules ÷ total energy. */
  readonly share: number;
  readonly cellWrites: number;
  /** Time spent programming cells (Σ programming cycles ÷ clock). */
  readonly seconds: number;
  /** Weight bytes read from DRAM by the crossbar layers on every inference. */
  readonly weightDramBytes: number;
  /** Their DRAM energy: bytes × the run's DRAM joules per byte. */
  readonly weightDramJoules: number;
  readonly weightDramShare: number;
  /** The network's parameters, and how many weights of `precision` the crossbars hold. */
  readonly params: number;
  readonly capacityWeights: number;
  readonly precision: string;
  /** Every weight stays programmed across inferences: no cell writes per inference. */
  readonly fits: boolean;
  /** Crossbars the crossbar layers take together (each at least one), when the caller knows it. */
  readonly crossbarsNeeded: number | null;
}

/** What the explain view reads from one design's result. */
export interface DesignAnalysis {
  readonly role: Role;
  readonly result: SimResult;
  readonly groups: readonly EnergyGroup[];
  readonly dataMovement: {
    readonly joules: number;
    readonly share: number;
    /** The register-file part, and the share data movement would have without it. */
    readonly regfileJoules: number;
    readonly regfileShare: number;
    readonly shareWithoutRegfile: number;
    /** The largest data-movement component. */
    readonly largest: { readonly component: string; readonly joules: number; readonly share: number } | null;
  };
  readonly compute: {
    readonly joules: number;
    readonly share: number;
    readonly largest: { readonly component: string; readonly joules: number; readonly share: number } | null;
  };
  /** Bytes moved per MAC: DRAM (read + write), on-chip SRAM (read + write), PE register files. */
  readonly bytesPerMac: { readonly dram: number; readonly sram: number; readonly regfile: number };
  readonly dramBytes: number;
  readonly sramBytes: number;
  readonly regfileBytes: number;
  /** Peak ops/s ÷ DRAM bytes/s, op/B; null for ideal DRAM. */
  readonly ridge: number | null;
  /** Layers the simulator found memory-bound, the most stalled first. */
  readonly memoryBound: readonly LayerTraffic[];
  /** Layers with MACs left of the ridge that are compute-bound anyway (their compute is slow). */
  readonly belowRidgeComputeBound: readonly LayerTraffic[];
  /** Layers with MACs that move no DRAM byte at all. */
  readonly layersWithoutDram: number;
  readonly layersWithMacs: number;
  /** Share of the latency spent stalled on DRAM. */
  readonly stallShare: number;
  /** Crossbar reprogramming; null for a design without crossbars. */
  readonly reprogramming: Reprogramming | null;
  /** Depthwise layers by the unit they ran on, and the other MAC layers of that unit. */
  readonly depthwise: readonly MappingStats[];
  /** MAC layers of the crossbars that are not depthwise; null without crossbar layers. */
  readonly otherImc: MappingStats | null;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

/** A layer's DRAM traffic and timing as the roofline and the commentary need them. */
export function layerTraffic(result: SimResult, l: LayerResult): LayerTraffic {
  const bytes = l.dram.readBytes + l.dram.writeBytes;
  const bw = result.arch.dram.bytesPerSecond;
  return {
    name: l.name,
    type: l.type,
    intensity: bytes > 0 ? (2 * l.macs) / bytes : null,
    dramBytes: bytes,
    seconds: l.seconds,
    computeSeconds: l.computeCycles / result.arch.clockHz,
    stallSeconds: l.stallCycles / result.arch.clockHz,
    stallCycles: l.stallCycles,
    transferSeconds: bw && bw > 0 ? bytes / bw : 0,
    utilization: l.utilization,
    macs: l.macs,
  };
}

/** Memory-bound layers, most stalled first (ties by position in the network). */
export function memoryBoundLayers(result: SimResult): LayerTraffic[] {
  return result.layers
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.bound === 'memory')
    .sort((a, b) => b.l.stallCycles - a.l.stallCycles || a.i - b.i)
    .map(({ l }) => layerTraffic(result, l));
}

/** Utilization of a set of layers as a whole: Σ MACs ÷ Σ (MACs ÷ utilization). */
function mappingStats(result: SimResult, layers: readonly LayerResult[]): MappingStats {
  const macs = sumOf(layers, (l) => l.macs);
  const capacity = sumOf(layers, (l) => (l.utilization > 0 ? l.macs / l.utilization : 0));
  const worst = layers
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.utilization - b.l.utilization || a.i - b.i)
    .slice(0, 3)
    .map(({ l }) => ({ name: l.name, utilization: l.utilization }));
  return {
    unit: layers[0]?.unit ?? 'none',
    layers: layers.length,
    utilization: share(macs, capacity),
    latencyShare: share(
      sumOf(layers, (l) => l.cycles),
      result.totals.cycles,
    ),
    macShare: share(macs, result.totals.macs),
    worst,
  };
}

function largestOf(group: EnergyGroup | undefined, total: number) {
  if (!group) return null;
  const top = [...group.components].sort((a, b) => b.joules - a.joules)[0];
  return top && top.joules > 0 ? { component: top.component, joules: top.joules, share: share(top.joules, total) } : null;
}

function reprogramming(result: SimResult, crossbarsNeeded: number | null): Reprogramming | null {
  const imc = result.arch.imc;
  if (!imc) return null;
  const onImc = result.layers.filter((l) => l.unit === 'imc');
  const total = result.totals.energyJoules;
  const joules = result.totals.energyBreakdownJoules['imc.program'] ?? 0;
  const cellWrites = sumOf(onImc, (l) => l.actions.imc?.cellWrites ?? 0);
  const programCycles = sumOf(onImc, (l) => l.actions.imc?.programCycles ?? 0);
  const weightDramBytes = sumOf(onImc, (l) => l.dram.readByRole.weight);
  const dramBytes = result.totals.dramBytes.read + result.totals.dramBytes.write;
  const dramJ = result.totals.energyBreakdownJoules.dram ?? 0;
  const weightDramJoules = dramBytes > 0 ? (dramJ * weightDramBytes) / dramBytes : 0;
  const precision = onImc.find((l) => l.macs > 0)?.precision.weight ?? 'int8';
  const bits = precisionBits(precision as TensorPrecision);
  return {
    joules,
    share: share(joules, total),
    cellWrites,
    seconds: programCycles / result.arch.clockHz,
    weightDramBytes,
    weightDramJoules,
    weightDramShare: share(weightDramJoules, total),
    params: result.workload.params,
    capacityWeights: Math.floor((imc.crossbars * imc.rows * imc.cols * imc.bitsPerCell) / bits),
    precision,
    fits: cellWrites === 0,
    crossbarsNeeded,
  };
}

/**
 * Reads everything the explain view shows about one design from its result; `crossbarsNeeded` is
 * what its crossbar layers take together (from the arch, which the result does not carry).
 */
export function analyzeDesign(role: Role, result: SimResult, crossbarsNeeded: number | null = null): DesignAnalysis {
  const t = result.totals;
  const groups = energyGroups(result);
  const movement = groups.find((g) => g.group === 'data movement');
  const compute = groups.find((g) => g.group === 'compute');
  const regfileJoules = t.energyBreakdownJoules.regfile ?? 0;
  const movementJ = movement?.joules ?? 0;
  const dramBytes = t.dramBytes.read + t.dramBytes.write;
  const sramBytes = t.sramBytes.read + t.sramBytes.write;
  const regfileBytes = sumOf(result.layers, (l) => l.actions.regfileReadBytes + l.actions.regfileWriteBytes);
  const bw = result.arch.dram.bytesPerSecond;
  const ridge = !result.arch.dram.ideal && bw && bw > 0 ? result.arch.peakOpsPerSecond / bw : null;
  const withMacs = result.layers.filter((l) => l.macs > 0);
  const traffic = withMacs.map((l) => ({ l, tr: layerTraffic(result, l) }));
  const belowRidgeComputeBound =
    ridge === null
      ? []
      : traffic.filter(({ l, tr }) => l.bound === 'compute' && tr.intensity !== null && tr.intensity < ridge).map(({ tr }) => tr);
  const dw = withMacs.filter((l) => l.type === 'depthwise');
  const units = [...new Set(dw.map((l) => l.unit))];
  const otherImc = withMacs.filter((l) => l.unit === 'imc' && l.type !== 'depthwise');
  return {
    role,
    result,
    groups,
    dataMovement: {
      joules: movementJ,
      share: share(movementJ, t.energyJoules),
      regfileJoules,
      regfileShare: share(regfileJoules, t.energyJoules),
      shareWithoutRegfile: share(movementJ - regfileJoules, t.energyJoules),
      largest: largestOf(movement, t.energyJoules),
    },
    compute: {
      joules: compute?.joules ?? 0,
      share: share(compute?.joules ?? 0, t.energyJoules),
      largest: largestOf(compute, t.energyJoules),
    },
    bytesPerMac: { dram: share(dramBytes, t.macs), sram: share(sramBytes, t.macs), regfile: share(regfileBytes, t.macs) },
    dramBytes,
    sramBytes,
    regfileBytes,
    ridge,
    memoryBound: memoryBoundLayers(result),
    belowRidgeComputeBound,
    layersWithoutDram: traffic.filter(({ tr }) => tr.dramBytes === 0).length,
    layersWithMacs: withMacs.length,
    stallShare: share(t.stallCycles, t.cycles),
    reprogramming: reprogramming(result, crossbarsNeeded),
    depthwise: units.map((u) =>
      mappingStats(
        result,
        dw.filter((l) => l.unit === u),
      ),
    ),
    otherImc: otherImc.length ? mappingStats(result, otherImc) : null,
  };
}
