import type { Arch, SparsitySupport, SystolicArray } from '../hardware/arch.js';
import { chooseUnit, type Unit } from './choose-unit.js';
import type { TensorPrecision } from '../config/schemas/common.js';
import { fail } from '../config/user-error.js';
import type { Layer } from '../workload/graph.js';
import { isFloat, parseNM, precisionBits, type TensorSparsity } from '../workload/precision.js';
import type { Gemm } from '../workload/lower-layer.js';
import type { ElementBytes } from './layer-plan.js';

/** How the hardware runs one layer's arithmetic: at which precision, how fast, skipping what. */
export interface Execution {
  /** The unit that runs the layer. */
  readonly unit: Unit;
  /** Precision of the MACs the PEs perform. */
  readonly macPrecision: TensorPrecision;
  /** MACs per PE per cycle at that precision. */
  readonly throughput: number;
  /** Set when the layer runs at a wider precision than it asked for. */
  readonly fallback?: string;
  /** Stored bytes per element of each role, after packing and compression (metadata included). */
  readonly bytes: ElementBytes;
  /** Fraction of the reduction (k) each output still iterates over after skipping, imbalance included. */
  readonly kScale: number;
  /** Fraction of output channels (n) left after skipping channel-pruned weights. */
  readonly nScale: number;
  /** MACs the array performs (dense MACs less skipped ones). */
  readonly macsIssued: number;
  /** Issued MACs whose energy is gated away because an operand is zero. */
  readonly macsGated: number;
  /** Why sparsity went unexploited in some tensor, if it did. */
  readonly notes: readonly string[];
}

/** Bits of index metadata per stored run length in the rle format (runs up to 15 zeros). */
const RLE_RUN_BITS = 4;
/** Bits per row pointer in csr. */
const CSR_POINTER_BITS = 32;

/**
 * Decides how a layer executes on the arch: the MAC precision (the wider of weights and
 * activations, or the float format if either is float), its throughput, compression of each
 * operand, and what sparsity saves. Fails when the PEs cannot run the precision and the arch
 * allows no fallback.
 */
export function planExecution(arch: Arch, layer: Layer, unit: Unit = chooseUnit(arch, layer)): Execution {
  const p = layer.precision;
  const wanted = macPrecisionOf(p.weight, p.input);
  if (unit === 'imc') return imcExecution(arch, layer, wanted);
  const array = arch.array;
  const onArray = unit === 'array' && array !== undefined;
  const {
    precision: macPrecision,
    throughput,
    fallback,
  } = onArray ? supportedPrecision(arch, array, wanted, layer.name) : { precision: wanted, throughput: 1, fallback: undefined };

  const notes: string[] = [];
  const support = array?.sparsity ?? { weight: NO_SUPPORT, input: NO_SUPPORT };
  // A matmul of two activations has no weights: its B operand is an activation.
  const weightIsParameter = layer.op.kind !== 'matmul' || layer.op.weightOperand;
  const useW = onArray && weightIsParameter ? exploit(support.weight, layer.sparsity.weight, 'weight', notes) : 'none';
  const useA = onArray ? exploit(support.input, layer.sparsity.input, 'activation', notes) : 'none';
  const w = layer.sparsity.weight;
  const a = layer.sparsity.input;

  const k = reductionLength(layer);
  const cols = Math.min(array?.cols ?? 1, outputsPerFold(layer));
  const kScale = skippedReduction(useW === 'skipping' ? w : undefined, useA === 'skipping' ? a : undefined, k, cols);
  const nScale = useW === 'skipping' && w.structure === 'channel' ? w.density : 1;

  const keptW = useW === 'skipping' ? w.density : 1;
  const keptA = useA === 'skipping' ? a.density : 1;
  const macsIssued = layer.macs * keptW * keptA;
  const liveW = useW === 'gating' ? w.density : 1;
  const liveA = useA === 'gating' ? a.density : 1;
  const macsGated = macsIssued * (1 - liveW * liveA);

  // Channel pruning the array skips drops whole filters: only the kept ones are stored (dense,
  // no metadata), as many as the narrower GEMM of arrayGemm has: ceil(n·d) of n.
  const n = outputsPerFold(layer);
  const keptFilters = nScale < 1 ? Math.max(1, Math.ceil(n * nScale)) / n : 1;
  const bytes: ElementBytes = {
    weight:
      nScale < 1
        ? (precisionBits(p.weight) / 8) * keptFilters
        : storedBytesPerElement(p.weight, weightIsParameter ? w : DENSE_T, support.weight.format, k),
    input: storedBytesPerElement(p.input, a, support.input.format, k),
    output: precisionBits(p.output) / 8,
  };
  return { unit, macPrecision, throughput, fallback, bytes, kScale, nScale, macsIssued, macsGated, notes };
}

const DENSE_T: TensorSparsity = { density: 1, structure: 'unstructured' };
const NO_SUPPORT: SparsitySupport = { mode: 'none', format: 'none' };

/**
 * Crossbars take any integer width (weights over more columns, inputs over more steps) but no
 * float, and compute every zero: sparsity saves nothing there.
 */
function imcExecution(arch: Arch, layer: Layer, wanted: TensorPrecision): Execution {
  const p = layer.precision;
  if (isFloat(wanted)) {
    const file = arch.origin;
    fail(
      file,
      `/compute/${arch.imc!.name}`,
      `layer "${layer.name}" is ${wanted}, but in-memory-compute crossbars compute integer products; quantize it (e.g. --precision int8) or run it on a digital array`,
    );
  }
  const notes =
    layer.sparsity.weight.density < 1 || layer.sparsity.input.density < 1
      ? ['sparsity is not exploited: the crossbars compute every zero']
      : [];
  const bytes = { weight: precisionBits(p.weight) / 8, input: precisionBits(p.input) / 8, output: precisionBits(p.output) / 8 };
  return {
    unit: 'imc',
    macPrecision: wanted,
    throughput: 1,
    bytes,
    kScale: 1,
    nScale: 1,
    macsIssued: layer.macs,
    macsGated: 0,
    notes,
  };
}

/** The GEMM the array runs: the reduction shrunk by skipping and by packing several MACs per PE. */
export function arrayGemm(g: Gemm, e: Execution): Gemm {
  return {
    m: g.m,
    n: Math.max(1, Math.ceil(g.n * e.nScale)),
    k: Math.max(1, Math.ceil((g.k * e.kScale) / e.throughput)),
    instances: g.instances,
  };
}

/** The MAC precision for a weight/activation pair. */
function macPrecisionOf(weight: TensorPrecision, input: TensorPrecision): TensorPrecision {
  if (isFloat(input)) return input;
  if (isFloat(weight)) return weight;
  return precisionBits(weight) >= precisionBits(input) ? weight : input;
}

function supportedPrecision(arch: Arch, array: SystolicArray, wanted: TensorPrecision, layerName: string) {
  const have = array.precisions;
  if (have[wanted] !== undefined) return { precision: wanted, throughput: have[wanted]!, fallback: undefined };
  const runs = Object.keys(have).join(', ');
  const at = `/compute/${array.name}/precisions`;
  const file = arch.origin;
  if (array.precisionFallback === 'widen' && !isFloat(wanted)) {
    const wider = (Object.keys(have) as TensorPrecision[])
      .filter((q) => !isFloat(q) && precisionBits(q) > precisionBits(wanted))
      .sort((x, y) => precisionBits(x) - precisionBits(y))[0];
    if (wider) return { precision: wider, throughput: have[wider]!, fallback: `${wanted} runs on ${wider} PEs, unpacked` };
  }
  return fail(
    file,
    at,
    `layer "${layerName}" needs ${wanted} MACs but the array runs only: ${runs}` +
      (isFloat(wanted) ? '' : ' (add it, or set "precisionFallback": "widen" to run it on wider integer PEs)'),
  );
}

/** What the array does with one tensor's zeros: its mode, if it supports the tensor's pattern. */
function exploit(support: SparsitySupport, t: TensorSparsity, tensor: string, notes: string[]): SparsitySupport['mode'] {
  if (support.mode === 'none' || t.density >= 1) return 'none';
  if (support.structures && !support.structures.includes(t.structure)) {
    const note = `${tensor} sparsity "${t.structure}" is not exploited: the array's ${support.mode} handles ${support.structures.join(', ')}`;
    if (!notes.includes(note)) notes.push(note);
    return 'none';
  }
  return support.mode;
}

/**
 * Fraction of the reduction length left after skipping zeros. N:M is exact (N/M). Unstructured
 * zeros are uneven: the `cols` outputs sharing a fold wait for the one with the most non-zeros,
 * modelled as k·d + z·√(k·d·(1−d)) with z = √(2·ln cols), the expected maximum of `cols`
 * normal draws (a stated approximation of the binomial maximum). Channel pruning leaves k alone.
 */
export function skippedReduction(w: TensorSparsity | undefined, a: TensorSparsity | undefined, k: number, cols: number): number {
  let exact = 1;
  let random = 1;
  for (const t of [w, a]) {
    if (!t || t.structure === 'channel') continue;
    const nm = parseNM(t.structure);
    if (nm) exact *= Math.min(1, t.density, nm.n / nm.m);
    else random *= t.density;
  }
  if (random >= 1) return exact;
  const kd = k * exact * random;
  const z = cols > 1 ? Math.sqrt(2 * Math.log(cols)) : 0;
  const slowest = Math.min(k * exact, kd + z * Math.sqrt(kd * (1 - random)));
  return slowest / k;
}

/** Stored bytes per element: packed bits, then compression if it makes the tensor smaller. */
export function storedBytesPerElement(
  p: TensorPrecision,
  t: TensorSparsity,
  format: SparsitySupport['format'],
  rowLength: number,
): number {
  const bits = precisionBits(p);
  const dense = bits / 8;
  if (t.density >= 1) return dense;
  const nm = parseNM(t.structure);
  // N:M hardware keeps N values per group of M plus log2(M) bits to say where each sits.
  if (nm) return Math.min(dense, (t.density * (bits + Math.ceil(Math.log2(nm.m)))) / 8);
  const perElementBits =
    format === 'bitmask'
      ? t.density * bits + 1
      : format === 'csr'
        ? t.density * (bits + Math.ceil(Math.log2(Math.max(2, rowLength)))) + CSR_POINTER_BITS / Math.max(1, rowLength)
        : format === 'rle'
          ? t.density * (bits + RLE_RUN_BITS)
          : bits;
  return Math.min(dense, perElementBits / 8);
}

/** Length of the reduction each output of the layer sums over. */
function reductionLength(layer: Layer): number {
  const op = layer.op;
  if (op.kind === 'conv') return (op.inChannels / op.groups) * op.kernelH * op.kernelW;
  if (op.kind === 'matmul') return op.k;
  return 1;
}

/** Outputs per instance along the array's column extent (filters for conv/matmul). */
function outputsPerFold(layer: Layer): number {
  const op = layer.op;
  if (op.kind === 'conv') return op.outChannels / op.groups;
  if (op.kind === 'matmul') return op.n;
  return 1;
}
