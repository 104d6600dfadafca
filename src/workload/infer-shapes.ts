import { inferConv2d, inferConvTranspose, inferDepthwise, inferPointwise } from './conv-shapes.js';
import {
  inferActivation,
  inferEltwise,
  inferGenericElementwise,
  inferLayernorm,
  inferReduce,
  inferSoftmax,
} from './elementwise-shapes.js';
import type { LayerSite, InferredLayer } from './layer-site.js';
import type { LayerSpec, LayerType } from '../config/schemas/workload.js';
import type { LayerSpecOf } from './layer-site.js';
import { inferDense, inferMatmul } from './matmul-shapes.js';
import { inferPool } from './pool-shapes.js';
import { inferConcat, inferFlatten, inferReshape, inferTranspose, inferView } from './view-shapes.js';

/** Shape inference for one layer type: input shapes in, output shape and work out (or a UserError). */
type Infer<T extends LayerType> = (
  layer: LayerSpecOf<T>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
) => InferredLayer;

/** One inference function per layer type; adding a type means adding a schema branch and a row here. */
const INFER: { readonly [T in LayerType]: Infer<T> } = {
  conv2d: inferConv2d,
  conv2dTranspose: inferConvTranspose,
  depthwise: inferDepthwise,
  pointwise: inferPointwise,
  dense: inferDense,
  matmul: inferMatmul,
  maxpool: inferPool,
  avgpool: inferPool,
  add: inferEltwise,
  mul: inferEltwise,
  concat: inferConcat,
  softmax: inferSoftmax,
  layernorm: inferLayernorm,
  activation: inferActivation,
  flatten: inferFlatten,
  reshape: inferReshape,
  transpose: inferTranspose,
  elementwise: inferGenericElementwise,
  reduce: inferReduce,
  view: inferView,
};

/** Infers one layer's output shape, op, MACs and parameter counts from its input shapes. */
export function inferLayer(layer: LayerSpec, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  return (INFER[layer.type] as Infer<LayerType>)(layer, inputs, ctx);
}
