import type { LayerSite } from './layer-site.js';
import { failAt } from './layer-site.js';

/** A window parameter as written in a workload: n (both axes) or [height, width]. */
export type PairSpec = number | readonly [number, number];

/** Padding as written: n, [h, w], [top, bottom, left, right], "same" (TensorFlow) or "valid" (none). */
export type PaddingSpec = number | readonly [number, number] | readonly [number, number, number, number] | 'same' | 'valid';

/** A sliding window as written on a conv or pooling layer; `undefined` fields take the defaults. */
export interface WindowSpec {
  readonly kernel: PairSpec;
  readonly stride?: PairSpec;
  readonly padding?: PaddingSpec;
  readonly dilation?: PairSpec;
}

/** A resolved 2-D sliding window over an H×W input, in elements. */
export interface Window {
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  /** [top, bottom, left, right]. */
  readonly padding: readonly [number, number, number, number];
  readonly outH: number;
  readonly outW: number;
}

/** `[height, width]` from n or [h, w]. */
export const toPair = (v: PairSpec | undefined, fallback: PairSpec): [number, number] => {
  const p = v ?? fallback;
  return typeof p === 'number' ? [p, p] : [p[0], p[1]];
};

/**
 * Padding [before, after] along one axis for TensorFlow's "same": the output is ceil(in / stride)
 * and any odd total goes after (bottom/right), as TF does.
 */
export function samePadding(inLen: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(inLen / stride);
  const total = Math.max((out - 1) * stride + dilation * (kernel - 1) + 1 - inLen, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output length of a window sliding over `inLen + padTotal` elements: floor((in + pad - d(k-1) - 1) / s) + 1. */
export const windowOutput = (inLen: number, padTotal: number, kernel: number, stride: number, dilation: number): number =>
  Math.floor((inLen + padTotal - dilation * (kernel - 1) - 1) / stride) + 1;

/** Resolves a window spec over an H×W input, failing at the layer's `kernel` if it does not fit. */
export function slideWindow(spec: WindowSpec, inH: number, inW: number, ctx: LayerSite, strideDefault: PairSpec = 1): Window {
  const [kernelH, kernelW] = toPair(spec.kernel, 1);
  const [strideH, strideW] = toPair(spec.stride, strideDefault);
  const [dilationH, dilationW] = toPair(spec.dilation, 1);
  const padding = resolvePadding(spec.padding, inH, inW, [kernelH, kernelW], [strideH, strideW], [dilationH, dilationW]);
  const padH = padding[0] + padding[1];
  const padW = padding[2] + padding[3];
  const spanH = dilationH * (kernelH - 1) + 1;
  const spanW = dilationW * (kernelW - 1) + 1;
  if (spanH > inH + padH || spanW > inW + padW) {
    const dilated = dilationH > 1 || dilationW > 1 ? ` (${spanH}x${spanW} dilated)` : '';
    failAt(
      ctx,
      'kernel',
      `kernel ${kernelH}x${kernelW}${dilated} is larger than the padded input ${inH + padH}x${inW + padW} ` +
        `(input ${inH}x${inW}, padding [${padding.join(', ')}]); expected a kernel that fits`,
    );
  }
  return {
    kernelH,
    kernelW,
    strideH,
    strideW,
    dilationH,
    dilationW,
    padding,
    outH: windowOutput(inH, padH, kernelH, strideH, dilationH),
    outW: windowOutput(inW, padW, kernelW, strideW, dilationW),
  };
}

/** Padding as [top, bottom, left, right]; the default is no padding (PyTorch's default, TF's "valid"). */
export function resolvePadding(
  padding: PaddingSpec | undefined,
  inH: number,
  inW: number,
  kernel: readonly [number, number],
  stride: readonly [number, number],
  dilation: readonly [number, number],
): [number, number, number, number] {
  if (padding === undefined || padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    return [...samePadding(inH, kernel[0], stride[0], dilation[0]), ...samePadding(inW, kernel[1], stride[1], dilation[1])];
  }
  if (typeof padding === 'number') return [padding, padding, padding, padding];
  if (padding.length === 2) return [padding[0], padding[0], padding[1], padding[1]];
  return [padding[0], padding[1], padding[2], padding[3]];
}
