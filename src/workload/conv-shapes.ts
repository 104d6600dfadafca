import { describeInput, failAt, requireImage, type LayerSite, type InferredLayer, type LayerSpecOf } from './layer-site.js';
import { slideWindow, type WindowSpec } from './window.js';

/** A convolution with its channel counts fixed: what conv2d, depthwise and pointwise all reduce to. */
interface Convolution extends WindowSpec {
  readonly outChannels: number;
  readonly groups: number;
  /** Default true: BN folded into a conv leaves a per-channel bias, as deployed int8 models store. */
  readonly bias?: boolean;
}

/** conv2d: a grouped, dilated 2-D convolution over an NCHW input. */
export function inferConv2d(layer: LayerSpecOf<'conv2d'>, inputs: readonly (readonly number[])[], ctx: LayerSite): InferredLayer {
  const [, channels] = requireImage(inputs[0], ctx, 'conv2d');
  const groups = layer.groups ?? 1;
  if (channels % groups !== 0) {
    failAt(
      ctx,
      'groups',
      `input channels (${channels}) are not divisible by groups (${groups}); expected a divisor of ${channels}`,
    );
  }
  if (layer.outChannels % groups !== 0) {
    failAt(ctx, 'groups', `outChannels (${layer.outChannels}) is not divisible by groups (${groups})`);
  }
  return convolve(inputs[0], { ...layer, groups }, ctx);
}

/** depthwise: one filter per input channel (groups = C), `multiplier` outputs each. */
export function inferDepthwise(
  layer: LayerSpecOf<'depthwise'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const [, channels] = requireImage(inputs[0], ctx, 'depthwise');
  return convolve(inputs[0], { ...layer, groups: channels, outChannels: channels * (layer.multiplier ?? 1) }, ctx);
}

/** pointwise: a 1×1 convolution (a GEMM over pixels), optionally strided. */
export function inferPointwise(
  layer: LayerSpecOf<'pointwise'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  requireImage(inputs[0], ctx, 'pointwise');
  return convolve(inputs[0], { ...layer, kernel: 1, groups: 1 }, ctx);
}

/** MACs = N·outH·outW·outC·(inC/groups)·kh·kw; weights = outC·(inC/groups)·kh·kw. */
function convolve(input: readonly number[], conv: Convolution, ctx: LayerSite): InferredLayer {
  const [batch, inChannels, inH, inW] = input;
  const w = slideWindow(conv, inH, inW, ctx);
  const perOutput = (inChannels / conv.groups) * w.kernelH * w.kernelW;
  return {
    outputShape: [batch, conv.outChannels, w.outH, w.outW],
    op: {
      kind: 'conv',
      batch,
      inChannels,
      outChannels: conv.outChannels,
      inH,
      inW,
      outH: w.outH,
      outW: w.outW,
      kernelH: w.kernelH,
      kernelW: w.kernelW,
      strideH: w.strideH,
      strideW: w.strideW,
      groups: conv.groups,
      dilationH: w.dilationH,
      dilationW: w.dilationW,
      padding: w.padding,
    },
    macs: batch * w.outH * w.outW * conv.outChannels * perOutput,
    weightElements: conv.outChannels * perOutput,
    biasElements: conv.bias === false ? 0 : conv.outChannels,
  };
}

/**
 * A transposed convolution (deconvolution, learned upsampling), computed as deployed kernels do:
 * one GEMM of every input pixel's channels by the weights, [N·H·W, inC] × [inC, outC·kh·kw], whose
 * products are then added into the output (col2im). MACs = N·H·W·inC·outC·kh·kw; the output is
 * (in − 1)·stride + kernel − the cropped padding + outputPadding on each axis.
 */
export function inferConvTranspose(
  layer: LayerSpecOf<'conv2dTranspose'>,
  inputs: readonly (readonly number[])[],
  ctx: LayerSite,
): InferredLayer {
  const x = inputs[0];
  requireImage(x, ctx, 'conv2dTranspose');
  const [n, c, h, w] = x;
  const pair = (v: number | readonly number[] | undefined, d: number) =>
    v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : v;
  const [kh, kw] = pair(layer.kernel, 1);
  const [sh, sw] = pair(layer.stride, 1);
  const p =
    layer.padding === undefined ? [0, 0, 0, 0] : typeof layer.padding === 'number' ? Array(4).fill(layer.padding) : layer.padding;
  const [oph, opw] = pair(layer.outputPadding, 0);
  const outH = (h - 1) * sh + kh - p[0] - p[1] + oph;
  const outW = (w - 1) * sw + kw - p[2] - p[3] + opw;
  if (outH < 1 || outW < 1)
    failAt(ctx, 'padding', `crops more than the ${(h - 1) * sh + kh}×${(w - 1) * sw + kw} output of ${describeInput(ctx, x)}`);
  const weights = c * layer.outChannels * kh * kw;
  return {
    outputShape: [n, layer.outChannels, outH, outW],
    op: { kind: 'matmul', batch: 1, m: n * h * w, n: layer.outChannels * kh * kw, k: c, weightOperand: true },
    macs: n * h * w * weights,
    weightElements: weights,
    biasElements: layer.bias === false ? 0 : layer.outChannels,
  };
}
