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

/**
 * dense: y = x·W + b on the last dimension of a [N, K] or [N, S, K] input (rows = N·S).
 * A 4-D (image) input is refused rather than guessed at: add a `flatten` layer first, so the
 * graph says explicitly which dimensions become features.
 */
export function inferDense(layer: LayerSpecOf<'dense'>, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  const x = inputs[0];
  if (x.length < 2 || x.length > 3) {
    const hint = x.length === 4 ? '; add a "flatten" layer before it' : '';
    failAt(ctx, inputField(ctx), `dense needs a [N, K] or [N, S, K] input; got ${x.length}-D ${describeInput(ctx, x)}${hint}`);
  }
  const k = x[x.length - 1];
  const rows = elementsOf(x) / k;
  const n = layer.outFeatures;
  return {
    outputShape: [...x.slice(0, -1), n],
    op: { kind: 'matmul', batch: 1, m: rows, n, k, weightOperand: true },
    macs: rows * k * n,
    weightElements: k * n,
    biasElements: layer.bias === false ? 0 : n,
  };
}

/**
 * matmul of two activations: A [...batch, M, K] · B [...batch, K, N] (or B [...batch, N, K] with
 * `transposeB`), batch dimensions equal (no broadcasting). MACs = batch·M·N·K; no parameters.
 */
export function inferMatmul(layer: LayerSpecOf<'matmul'>, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  if (inputs.length !== 2) failAt(ctx, 'inputs', `matmul takes exactly 2 inputs [A, B]; got ${inputs.length}`);
  const [a, b] = inputs;
  for (const [j, t] of [a, b].entries()) {
    if (t.length < 2) failAt(ctx, inputField(ctx, j), `matmul operands must be at least 2-D; got ${describeInput(ctx, t, j)}`);
  }
  const both = `A ${describeInput(ctx, a, 0)} and B ${describeInput(ctx, b, 1)}`;
  const batchA = a.slice(0, -2);
  const batchB = b.slice(0, -2);
  if (batchA.length !== batchB.length || batchA.some((d, i) => d !== batchB[i])) {
    failAt(ctx, 'inputs', `matmul batch dimensions differ: ${both}; expected equal leading dimensions ${formatShape(batchA)}`);
  }
  const [m, k] = a.slice(-2);
  const [kB, n] = layer.transposeB ? [b[b.length - 1], b[b.length - 2]] : [b[b.length - 2], b[b.length - 1]];
  if (k !== kB) {
    const hint = layer.transposeB ? '' : ' (set "transposeB": true if B is [..., N, K])';
    failAt(ctx, 'inputs', `matmul inner dimensions differ: ${both}; A has K=${k} but B has K=${kB}${hint}`);
  }
  const batch = elementsOf(batchA);
  return {
    outputShape: [...batchA, m, n],
    op: { kind: 'matmul', batch, m, n, k, weightOperand: false },
    macs: batch * m * n * k,
    weightElements: 0,
    biasElements: 0,
  };
}
