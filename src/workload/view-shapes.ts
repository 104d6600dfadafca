import {
  describeInput,
  elementsOf,
  failAt,
  formatShape,
  inputField,
  type LayerSite,
  type InferredLayer,
  type LayerSpecOf,
} from './layer-site.js';

const view = (outputShape: readonly number[]): InferredLayer => ({
  outputShape,
  op: { kind: 'view' },
  macs: 0,
  weightElements: 0,
  biasElements: 0,
});

/** flatten: [N, ...rest] → [N, product of rest]. */
export function inferFlatten(
  _layer: LayerSpecOf<'flatten'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const x = inputs[0];
  if (x.length < 2) failAt(ctx, inputField(ctx), `flatten needs at least a 2-D [N, ...] input; got ${describeInput(ctx, x)}`);
  return view([x[0], elementsOf(x.slice(1))]);
}

/** reshape to `shape` (the batch dimension included); one -1 is inferred from the element count. */
export function inferReshape(
  layer: LayerSpecOf<'reshape'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const x = inputs[0];
  const total = elementsOf(x);
  const free = layer.shape.flatMap((d, i) => (d === -1 ? [i] : []));
  layer.shape.forEach((d, i) => {
    if (d === 0) failAt(ctx, `shape/${i}`, 'dimensions must be ≥ 1, or -1 for the one inferred dimension');
  });
  if (free.length > 1)
    failAt(ctx, `shape/${free[1]}`, `only one dimension may be -1; got ${free.length} in ${formatShape(layer.shape)}`);
  const known = elementsOf(layer.shape.filter((d) => d !== -1));
  const mismatch = free.length ? total % known !== 0 : known !== total;
  if (mismatch) {
    failAt(
      ctx,
      'shape',
      `cannot reshape ${describeInput(ctx, x)} (${total} elements) to ${formatShape(layer.shape)}${free.length ? '' : ` (${known} elements)`}; expected the same element count`,
    );
  }
  return view(layer.shape.map((d) => (d === -1 ? total / known : d)));
}

/** transpose: output dimension i is input dimension perm[i]. */
export function inferTranspose(
  layer: LayerSpecOf<'transpose'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const x = inputs[0];
  const { perm } = layer;
  const isPermutation = perm.length === x.length && [...perm].sort((a, b) => a - b).every((p, i) => p === i);
  if (!isPermutation) {
    failAt(
      ctx,
      'perm',
      `${formatShape(perm)} is not a permutation of the ${x.length} axes of ${describeInput(ctx, x)}; expected each of 0..${x.length - 1} once`,
    );
  }
  return view(perm.map((p) => x[p]));
}

/** concat along `axis` (default 1, channels; negative counts from the end): other dimensions must agree. */
export function inferConcat(layer: LayerSpecOf<'concat'>, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  const first = inputs[0];
  const given = layer.axis ?? 1;
  const axis = given < 0 ? given + first.length : given;
  if (axis < 0 || axis >= first.length) {
    failAt(ctx, 'axis', `axis ${given} is out of range for ${first.length}-D ${describeInput(ctx, first)}`);
  }
  inputs.forEach((shape, j) => {
    if (shape.length !== first.length || shape.some((d, i) => i !== axis && d !== first[i])) {
      failAt(
        ctx,
        inputField(ctx, j),
        `concat on axis ${axis} needs the other dimensions equal: ${describeInput(ctx, shape, j)} vs ${describeInput(ctx, first, 0)}`,
      );
    }
  });
  const out = [...first];
  out[axis] = inputs.reduce((sum, s) => sum + s[axis], 0);
  return view(out);
}

/** A part, copy or rearrangement of the input with no arithmetic (an imported Slice, Gather, Pad): the shape is given. */
export function inferView(layer: LayerSpecOf<'view'>): InferredLayer {
  return view(layer.shape);
}
