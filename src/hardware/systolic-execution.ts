import type { TensorPrecision } from '../config/schemas/common.js';
import { fail } from '../config/user-error.js';
import type { Layer } from '../workload/graph.js';
import { hasParameterWeights, outputsPerInstance, reductionLength, type Gemm } from '../workload/lower-layer.js';
import { isFloat, parseNM, precisionBits, type TensorSparsity } from '../workload/precision.js';
import type { Execution, TensorFormats } from './component.js';
import type { SparsitySupport, SystolicArray } from './systolic-array-spec.js';
import { macPrecisionOf, storedBytesPerElement } from './tensor-storage.js';

/**
 * How a layer executes on the array: the MAC precision (the wider of weights and activations,
 * or the float format if either is float) and its throughput, compression of each operand, and
 * what sparsity saves. Fails when the PEs cannot run the precision and the arch allows no fallback.
 */
export function arrayExecution(array: SystolicArray, layer: Layer, formats: TensorFormats, origin: string): Execution {
  const p = layer.precision;
  const {
    precision: macPrecision,
    throughput,
    fallback,
  } = supportedPrecision(array, macPrecisionOf(p.weight, p.input), layer.name, origin);
  const notes: string[] = [];
  const support = array.sparsity;
  // A matmul of two activations has no weights: its B operand is an activation.
  const weightIsParameter = hasParameterWeights(layer);
  const useW = weightIsParameter ? exploit(support.weight, layer.sparsity.weight, 'weight', notes) : 'none';
  const useA = exploit(support.input, layer.sparsity.input, 'activation', notes);
  const w = layer.sparsity.weight;
  const a = layer.sparsity.input;

  const k = reductionLength(layer);
  const cols = Math.min(array.cols, outputsPerInstance(layer));
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
  const n = outputsPerInstance(layer);
  const keptFilters = nScale < 1 ? Math.max(1, Math.ceil(n * nScale)) / n : 1;
  const bytes = {
    weight:
      nScale < 1
        ? (precisionBits(p.weight) / 8) * keptFilters
        : storedBytesPerElement(p.weight, weightIsParameter ? w : DENSE_T, formats.weight, k),
    input: storedBytesPerElement(p.input, a, formats.input, k),
    output: precisionBits(p.output) / 8,
  };
  return { macPrecision, throughput, fallback, bytes, kScale, nScale, macsIssued, macsGated, notes };
}

const DENSE_T: TensorSparsity = { density: 1, structure: 'unstructured' };

/** The GEMM the array runs: the reduction shrunk by skipping and by packing several MACs per PE. */
export function arrayGemm(g: Gemm, e: Execution): Gemm {
  return {
    m: g.m,
    n: Math.max(1, Math.ceil(g.n * e.nScale)),
    k: Math.max(1, Math.ceil((g.k * e.kScale) / e.throughput)),
    instances: g.instances,
  };
}

function supportedPrecision(array: SystolicArray, wanted: TensorPrecision, layerName: string, origin: string) {
  const have = array.precisions;
  if (have[wanted] !== undefined) return { precision: wanted, throughput: have[wanted]!, fallback: undefined };
  const runs = Object.keys(have).join(', ');
  if (array.precisionFallback === 'widen' && !isFloat(wanted)) {
    const wider = (Object.keys(have) as TensorPrecision[])
      .filter((q) => !isFloat(q) && precisionBits(q) > precisionBits(wanted))
      .sort((x, y) => precisionBits(x) - precisionBits(y))[0];
    if (wider) return { precision: wider, throughput: have[wider]!, fallback: `${wanted} runs on ${wider} PEs, unpacked` };
  }
  return fail(
    origin,
    `/compute/${array.name}/precisions`,
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
