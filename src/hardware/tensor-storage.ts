import type { TensorPrecision } from '../config/schemas/common.js';
import type { Layer } from '../workload/graph.js';
import { hasParameterWeights, reductionLength } from '../workload/lower-layer.js';
import { isFloat, parseNM, precisionBits, type TensorSparsity } from '../workload/precision.js';
import type { Execution, StorageFormat, TensorFormats } from './component.js';

/** Bits of index metadata per stored run length in the rle format (runs up to 15 zeros). */
const RLE_RUN_BITS = 4;
/** Bits per row pointer in csr. */
const CSR_POINTER_BITS = 32;

/** Dense storage and no compression. */
export const NO_FORMATS: TensorFormats = { weight: 'none', input: 'none' };

const DENSE_T: TensorSparsity = { density: 1, structure: 'unstructured' };

/** Stored bytes per element: packed bits, then compression if it makes the tensor smaller. */
export function storedBytesPerElement(p: TensorPrecision, t: TensorSparsity, format: StorageFormat, rowLength: number): number {
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

/** The MAC precision for a weight/activation pair: the float one if either is float, else the wider. */
export function macPrecisionOf(weight: TensorPrecision, input: TensorPrecision): TensorPrecision {
  if (isFloat(input)) return input;
  if (isFloat(weight)) return weight;
  return precisionBits(weight) >= precisionBits(input) ? weight : input;
}

/**
 * A layer on a unit that exploits no sparsity and runs any precision at one MAC per cycle:
 * every MAC is issued, tensors are stored in the arch's formats.
 */
export function plainExecution(layer: Layer, formats: TensorFormats): Execution {
  const p = layer.precision;
  const k = reductionLength(layer);
  return {
    macPrecision: macPrecisionOf(p.weight, p.input),
    throughput: 1,
    bytes: {
      weight: storedBytesPerElement(p.weight, hasParameterWeights(layer) ? layer.sparsity.weight : DENSE_T, formats.weight, k),
      input: storedBytesPerElement(p.input, layer.sparsity.input, formats.input, k),
      output: precisionBits(p.output) / 8,
    },
    kScale: 1,
    nScale: 1,
    macsIssued: layer.macs,
    macsGated: 0,
    notes: [],
  };
}
