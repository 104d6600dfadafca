/** What the ONNX and TFLite importers share: how weights' element types read as precisions, and what folds into what. */
import type { TensorPrecision } from '../config/schemas/common.js';
import type { OnnxType } from './onnx/onnx-graph.js';

/** A weight tensor's element type as the precision it runs at (fp32 and fp64 have none: the arch decides). */
export const PRECISION_OF: Partial<Record<OnnxType, TensorPrecision>> = {
  int8: 'int8',
  uint8: 'int8',
  int4: 'int4',
  uint4: 'int4',
  int16: 'int16',
  float16: 'fp16',
  bfloat16: 'bf16',
};

/** The layers that do MACs: an activation, bias or BatchNormalization right after one of them folds into it. */
export const FOLDS_INTO: ReadonlySet<string> = new Set(['conv2d', 'pointwise', 'depthwise', 'dense', 'conv2dTranspose']);

/** How much of the workload the unsupported operators make up, in layers. */
export function share(unsupported: ReadonlyMap<string, number>, layers: number): string {
  const n = [...unsupported.values()].reduce((a, b) => a + b, 0);
  return `${n} of ${layers} layers, ${Math.round((100 * n) / Math.max(1, layers))} %`;
}
