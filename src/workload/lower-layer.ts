import type { Layer } from './graph.js';

/** A matrix product C[m×n] = A[m×k] · B[k×n], repeated `instances` times (groups, batch). */
export interface Gemm {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly instances: number;
}

/** What a layer asks of the hardware, independent of any particular array. */
export type UnitWork =
  /** A GEMM on the PE array. `weightIsParameter` is false when B is an activation (attention). */
  | { readonly kind: 'gemm'; readonly gemm: Gemm; readonly weightIsParameter: boolean }
  /** Element-wise work on the vector unit: `ops` operations in all. */
  | { readonly kind: 'vector'; readonly ops: number }
  /** A change of view: no work, no data movement. */
  | { readonly kind: 'none' };

/**
 * Lowers a layer to hardware work. A convolution becomes `groups` GEMMs in the im2col view:
 * m = output pixels, k = window (in-channels per group × kernel), n = filters per group.
 */
export function lowerLayer(layer: Layer): UnitWork {
  const op = layer.op;
  switch (op.kind) {
    case 'conv':
      return {
        kind: 'gemm',
        gemm: {
          m: op.batch * op.outH * op.outW,
          n: op.outChannels / op.groups,
          k: (op.inChannels / op.groups) * op.kernelH * op.kernelW,
          instances: op.groups,
        },
        weightIsParameter: true,
      };
    case 'matmul':
      return { kind: 'gemm', gemm: { m: op.m, n: op.n, k: op.k, instances: op.batch }, weightIsParameter: op.weightOperand };
    case 'elementwise':
      return { kind: 'vector', ops: op.elements * op.opsPerElement };
    case 'view':
      return { kind: 'none' };
  }
}

/** Length of the reduction each output of the layer sums over (1 for non-GEMM work). */
export function reductionLength(layer: Layer): number {
  const op = layer.op;
  if (op.kind === 'conv') return (op.inChannels / op.groups) * op.kernelH * op.kernelW;
  if (op.kind === 'matmul') return op.k;
  return 1;
}

/** Outputs per GEMM instance along the filters (n): filters per group for conv, n for matmul. */
export function outputsPerInstance(layer: Layer): number {
  const op = layer.op;
  if (op.kind === 'conv') return op.outChannels / op.groups;
  if (op.kind === 'matmul') return op.n;
  return 1;
}

/** True when B is a parameter (cacheable weights) rather than an activation (attention's K, V). */
export const hasParameterWeights = (layer: Layer): boolean => layer.op.kind !== 'matmul' || layer.op.weightOperand;
