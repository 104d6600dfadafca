import { failAt, requireImage, type LayerSite, type InferredLayer, type LayerSpecOf } from './layer-site.js';
import { slideWindow, type Window } from './window.js';

type PoolSpec = LayerSpecOf<'maxpool' | 'avgpool'>;

/**
 * maxpool / avgpool over NCHW: `global: true` pools each channel to 1×1; otherwise `kernel` is
 * required and the stride defaults to the kernel (PyTorch and Keras). Work is counted as one
 * compare or add per window element per output (opsPerElement = kh·kw), and no MACs.
 */
export function inferPool(layer: PoolSpec, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  const [batch, channels, inH, inW] = requireImage(inputs[0], ctx, layer.type);
  let w: Window;
  if (layer.global) {
    for (const field of ['kernel', 'stride', 'padding'] as const) {
      if (layer[field] !== undefined)
        failAt(
          ctx,
          field,
          `"${field}" cannot be combined with "global": true (a global pool covers the whole ${inH}x${inW} input)`,
        );
    }
    w = slideWindow({ kernel: [inH, inW] }, inH, inW, ctx);
  } else {
    if (layer.kernel === undefined) failAt(ctx, 'kernel', 'required unless "global": true (e.g. "kernel": 2)');
    w = slideWindow({ kernel: layer.kernel, stride: layer.stride, padding: layer.padding }, inH, inW, ctx, layer.kernel);
  }
  const outputShape = [batch, channels, w.outH, w.outW];
  return {
    outputShape,
    op: { kind: 'elementwise', elements: batch * channels * w.outH * w.outW, opsPerElement: w.kernelH * w.kernelW },
    macs: 0,
    weightElements: 0,
    biasElements: 0,
  };
}
