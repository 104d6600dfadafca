import type { LayerType } from '../config/schemas/workload.js';
import type { LayerPrecision, LayerSparsity } from './precision.js';

/** A tensor of the graph: a graph input or a layer's output (named after the layer). */
export interface Tensor {
  readonly name: string;
  /** Dimensions, e.g. [N, C, H, W] for images or [N, S, D] for sequences. */
  readonly shape: readonly number[];
  readonly elements: number;
}

/**
 * What a layer computes, in the form the mapper lowers to hardware. The graph knows nothing of
 * hardware; this is just the layer's arithmetic, with shapes resolved.
 */
export type LayerOp =
  /** Convolution (conv2d, depthwise, pointwise): `groups` independent GEMMs. */
  | {
      readonly kind: 'conv';
      readonly batch: number;
      readonly inChannels: number;
      readonly outChannels: number;
      readonly inH: number;
      readonly inW: number;
      readonly outH: number;
      readonly outW: number;
      readonly kernelH: number;
      readonly kernelW: number;
      readonly strideH: number;
      readonly strideW: number;
      readonly groups: number;
      /** Kernel dilation (1 = dense kernel); absent means 1. */
      readonly dilationH?: number;
      readonly dilationW?: number;
      /** Zero padding in elements as [top, bottom, left, right]; absent means none. */
      readonly padding?: readonly [number, number, number, number];
    }
  /**
   * Matrix product [batch × m × k] · [k × n]. `weightOperand` is true for dense layers (B holds
   * parameters) and false for matmul of two activations (attention), where B is an input tensor.
   */
  | {
      readonly kind: 'matmul';
      readonly batch: number;
      readonly m: number;
      readonly n: number;
      readonly k: number;
      readonly weightOperand: boolean;
    }
  /** Element-wise or reduction work (pooling, add, softmax, norms, activations): `elements` outputs, `opsPerElement` each. */
  | { readonly kind: 'elementwise'; readonly elements: number; readonly opsPerElement: number }
  /** A change of view (reshape, flatten, transpose, concat): moves no data in this model. */
  | { readonly kind: 'view' };

/** One node of a layer graph with its shapes inferred and work counted. */
export interface Layer {
  readonly name: string;
  readonly type: LayerType;
  /** Position in the workload file (and a valid execution order). */
  readonly index: number;
  /** Names of input tensors (graph inputs or earlier layers). */
  readonly inputs: readonly string[];
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  readonly op: LayerOp;
  /** Multiply-accumulates (1 MAC = 2 ops). */
  readonly macs: number;
  /** Weight elements (excluding bias). */
  readonly weightElements: number;
  /** Bias elements. */
  readonly biasElements: number;
  /** Elements of all input tensors plus the output tensor (activation traffic at 1 element each). */
  readonly activationElements: number;
  /** Number format of its weights, inputs and output (default int8). */
  readonly precision: LayerPrecision;
  /** Density of its weights and inputs (default dense). */
  readonly sparsity: LayerSparsity;
  /** Stored bits per weight when a block or group format sets them (scales and tables included); else the precision's. */
  readonly weightBits?: number;
  /** The name of that weight format ("int4-g128", "mxfp4", "pal3"). */
  readonly weightFormat?: string;
}

/** A validated, shape-inferred layer graph. */
export interface Graph {
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly inputs: readonly Tensor[];
  /** In dependency order. */
  readonly layers: readonly Layer[];
  readonly totals: { readonly macs: number; readonly params: number; readonly layers: number };
  /** The files this workload was read from. */
  readonly files: readonly string[];
  /**
   * Graph inputs that persist from run to run (a language model's KV cache): kept on chip for the
   * whole run when they fit there, else read from off-chip memory.
   */
  readonly persistent?: readonly string[];
  /** SHA-256 of the document it was built from (canonical JSON, `extends` merged in), when loaded from one. */
  readonly sha256?: string;
}
