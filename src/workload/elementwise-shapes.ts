import {
  describeInput,
  elementsOf,
  failAt,
  inputField,
  type LayerSite,
  type InferredLayer,
  type LayerSpecOf,
} from './layer-site.js';

type ActivationFunction = LayerSpecOf<'activation'>['function'];

/**
 * Vector-unit operations per output element of each activation function. Rough counts of the
 * usual implementations, enough to weigh them against each other: relu is one compare; relu6
 * clamps at both ends; gelu uses the tanh approximation (cube, multiply-adds, tanh, scale).
 */
export const ACTIVATION_OPS_PER_ELEMENT: Readonly<Record<ActivationFunction, number>> = {
  relu: 1,
  relu6: 2,
  hardswish: 4,
  sigmoid: 4,
  tanh: 4,
  swish: 5,
  gelu: 8,
};

/** softmax per element: subtract max, exp, sum, reciprocal, scale (plus the max pass), ≈ 5 ops. */
export const SOFTMAX_OPS_PER_ELEMENT = 5;

/** layernorm per element: mean, subtract, square, variance sum, rsqrt, normalise, ×γ, +β ≈ 8 ops. */
export const LAYERNORM_OPS_PER_ELEMENT = 8;

const noParams = { macs: 0, weightElements: 0, biasElements: 0 };
const elementwise = (shape: readonly number[], opsPerElement: number) =>
  ({ kind: 'elementwise', elements: elementsOf(shape), opsPerElement }) as const;

/** add / mul of two or more equal-shaped tensors (no broadcasting): inputs − 1 ops per element. */
export function inferEltwise(
  layer: LayerSpecOf<'add' | 'mul'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const first = inputs[0];
  inputs.forEach((shape, j) => {
    if (shape.length !== first.length || shape.some((d, i) => d !== first[i])) {
      failAt(
        ctx,
        inputField(ctx, j),
        `${layer.type} needs equal shapes (no broadcasting): ${describeInput(ctx, shape, j)} differs from ${describeInput(ctx, first, 0)}`,
      );
    }
  });
  return { outputShape: first, op: elementwise(first, inputs.length - 1), ...noParams };
}

/** softmax along `axis` (default the last): shape unchanged. */
export function inferSoftmax(
  layer: LayerSpecOf<'softmax'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const x = inputs[0];
  const axis = layer.axis ?? -1;
  if (axis >= x.length || axis < -x.length) {
    failAt(
      ctx,
      'axis',
      `axis ${axis} is out of range for ${x.length}-D ${describeInput(ctx, x)}; expected -${x.length} to ${x.length - 1}`,
    );
  }
  return { outputShape: x, op: elementwise(x, SOFTMAX_OPS_PER_ELEMENT), ...noParams };
}

/**
 * layernorm over the last dimension D: γ counts as D weight elements and β as D bias elements,
 * as in BERT's published parameter totals.
 */
export function inferLayernorm(_layer: LayerSpecOf<'layernorm'>, inputs: readonly (readonly number[])[]): InferredLayer {
  const x = inputs[0];
  const d = x[x.length - 1];
  return { outputShape: x, op: elementwise(x, LAYERNORM_OPS_PER_ELEMENT), macs: 0, weightElements: d, biasElements: d };
}

/** An activation function applied element by element: shape unchanged. */
export function inferActivation(layer: LayerSpecOf<'activation'>, inputs: readonly (readonly number[])[]): InferredLayer {
  const x = inputs[0];
  return { outputShape: x, op: elementwise(x, ACTIVATION_OPS_PER_ELEMENT[layer.function]), ...noParams };
}
