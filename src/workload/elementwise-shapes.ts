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

/**
 * A generic element-wise operation (an imported Sub, Pow, Sqrt, Erf, Clip, …): its inputs
 * broadcast as in NumPy (trailing dimensions align; each pair equal or one of them 1) to the
 * output shape; `opsPerElement` (default 1) vector operations per output element.
 */
export function inferGenericElementwise(
  layer: LayerSpecOf<'elementwise'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const b = broadcastShapes(inputs);
  if ('misfit' in b)
    failAt(
      ctx,
      inputField(ctx, b.misfit),
      `${describeInput(ctx, inputs[b.misfit], b.misfit)} does not broadcast with the other inputs (axis ${b.axis}: ${b.size} against ${b.against})`,
    );
  const out = (b as { shape: number[] }).shape;
  return { outputShape: out, op: elementwise(out, layer.opsPerElement ?? 1), ...noParams };
}

/** A reduction over `axes` (ReduceMean, ReduceSum, …): `opsPerElement` (default 1) per input element. */
export function inferReduce(layer: LayerSpecOf<'reduce'>, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  const x = inputs[0];
  const axes = new Set(
    layer.axes.map((a, i) => {
      if (a >= x.length || a < -x.length)
        failAt(ctx, `axes/${i}`, `axis ${a} is out of range for ${x.length}-D ${describeInput(ctx, x)}`);
      return a < 0 ? a + x.length : a;
    }),
  );
  const keep = layer.keepDims ?? true;
  const out = x.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
  return {
    outputShape: out.length ? out : [1],
    op: { kind: 'elementwise', elements: elementsOf(x), opsPerElement: layer.opsPerElement ?? 1 },
    ...noParams,
  };
}

/**
 * NumPy broadcasting: trailing dimensions align, each pair equal or one of them 1. The output
 * shape, or the first input that does not fit (its index, the axis counted from the end, its size
 * there and the size so far).
 */
export function broadcastShapes(
  shapes: readonly (readonly number[])[],
): { shape: number[] } | { misfit: number; axis: number; size: number; against: number } {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const [j, s] of shapes.entries()) {
      const e = s[s.length - rank + i] ?? 1;
      if (e === d || e === 1) continue;
      if (d !== 1) return { misfit: j, axis: i - rank, size: e, against: d };
      d = e;
    }
    shape.push(d);
  }
  return { shape };
}
