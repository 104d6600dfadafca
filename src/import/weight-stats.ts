/**
 * What a model's weight tensor holds, measured from its bytes: how many elements are non-zero,
 * and whether the zeros follow an N:M pattern (at most N non-zeros in every group of M
 * consecutive weights along the reduction axis, as 2:4 pruning leaves them). Reads the bytes in
 * place; copies nothing.
 */
import type { ConstTensor } from './onnx/onnx-graph.js';

/** The tensor seen as [outer, reduce, inner]: groups run along `reduce`, the axis a MAC sums over. */
export interface ReductionLayout {
  readonly outer: number;
  readonly reduce: number;
  readonly inner: number;
}

export interface WeightStats {
  readonly elements: number;
  readonly nonZero: number;
  /** "N:M" when every group of M along the reduction axis keeps at most N (N < M). */
  readonly structure?: string;
}

/** Patterns looked for, tightest first; 2:4 is named before 4:8 (it implies it). */
const PATTERNS: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 8],
  [2, 4],
  [4, 8],
];

export const elementCount = (t: ConstTensor): number => t.dims.reduce((a, b) => a * b, 1);

/** A test "is element i non-zero" over the tensor's storage, or undefined for a type not read. */
export function nonZeroTest(t: ConstTensor): ((i: number) => boolean) | undefined {
  if (t.values) {
    const v = t.values;
    return (i) => v[i] !== 0;
  }
  const b = t.bytes;
  if (!b) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (t.type) {
    case 'int8':
    case 'uint8':
    case 'bool':
      return (i) => b[i] !== 0;
    case 'int4':
    case 'uint4':
      return (i) => ((b[i >> 1] >> ((i & 1) * 4)) & 0xf) !== 0;
    case 'int16':
    case 'uint16':
      return (i) => view.getUint16(2 * i, true) !== 0;
    case 'float16':
    case 'bfloat16':
      return (i) => (view.getUint16(2 * i, true) & 0x7fff) !== 0; // ±0 are zeros
    case 'int32':
    case 'uint32':
      return (i) => view.getUint32(4 * i, true) !== 0;
    case 'float32':
      return (i) => (view.getUint32(4 * i, true) & 0x7fffffff) !== 0;
    case 'int64':
    case 'uint64':
      return (i) => (view.getUint32(8 * i, true) | view.getUint32(8 * i + 4, true)) !== 0;
    case 'float64':
      return (i) => (view.getUint32(8 * i, true) | (view.getUint32(8 * i + 4, true) & 0x7fffffff)) !== 0;
    default:
      return undefined;
  }
}

/** Counts the non-zeros and finds the tightest N:M pattern the tensor follows along its reduction axis. */
export function measureWeights(t: ConstTensor, layout: ReductionLayout): WeightStats | undefined {
  const test = nonZeroTest(t);
  if (!test) return undefined;
  const elements = elementCount(t);
  const { outer, reduce, inner } = layout;
  if (outer * reduce * inner !== elements) return undefined;
  // Most non-zeros seen in one group of 4 and of 8 (the only group sizes looked for).
  let worst4 = 0;
  let worst8 = 0;
  let nonZero = 0;
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < inner; c++) {
      let in4 = 0;
      let in8 = 0;
      for (let r = 0; r < reduce; r++) {
        if (test((o * reduce + r) * inner + c)) {
          nonZero++;
          in4++;
          in8++;
        }
        if ((r & 3) === 3) {
          if (in4 > worst4) worst4 = in4;
          in4 = 0;
        }
        if ((r & 7) === 7) {
          if (in8 > worst8) worst8 = in8;
          in8 = 0;
        }
      }
    }
  const worst = (m: number) => (m === 4 ? worst4 : worst8);
  const structure = PATTERNS.find(([n, m]) => reduce % m === 0 && reduce >= m && worst(m) <= n && nonZero > 0);
  return { elements, nonZero, ...(structure ? { structure: `${structure[0]}:${structure[1]}` } : {}) };
}
