import type { WorkloadSpec } from '../../src/config/schemas/workload.js';

/** The fields of the layers the SCALE-Sim importer writes, as tests read them. */
export interface ImportedLayer {
  type: 'conv2d' | 'depthwise' | 'dense';
  name: string;
  input: string;
  kernel?: [number, number];
  stride?: number | [number, number];
  padding?: number | [number, number] | [number, number, number, number];
  outChannels?: number;
  multiplier?: number;
  outFeatures?: number;
}

/** SCALE-Sim's GEMM view of one imported layer, worked out by hand from its fields. */
export interface GemmView {
  outH: number;
  outW: number;
  /** Output pixels (rows of the im2col matrix); M for a GEMM. */
  npx: number;
  /** Filters (output columns) per SCALE-Sim layer. */
  n: number;
  /** Window size (reduction length) per SCALE-Sim layer. */
  k: number;
  /** SCALE-Sim layers this one stands for: C for a depthwise (DP) layer, else 1. */
  copies: number;
  macs: number;
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);
const pads = (p: ImportedLayer['padding']): [number, number, number, number] =>
  p === undefined ? [0, 0, 0, 0] : typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[0], p[1], p[1]] : p;

/** Output size with the usual floor formula and the layer's explicit padding. */
export function gemmOf(layer: ImportedLayer, spec: WorkloadSpec): GemmView {
  const shape = spec.inputs[layer.input].shape;
  if (layer.type === 'dense') {
    const [m, k] = shape;
    const n = layer.outFeatures!;
    return { outH: m, outW: 1, npx: m, n, k, copies: 1, macs: m * n * k };
  }
  const [, c, h, w] = shape;
  const [fh, fw] = layer.kernel!;
  const [sh, sw] = pair(layer.stride ?? 1);
  const [top, bottom, left, right] = pads(layer.padding);
  const outH = Math.floor((h + top + bottom - fh) / sh) + 1;
  const outW = Math.floor((w + left + right - fw) / sw) + 1;
  const depthwise = layer.type === 'depthwise';
  const n = depthwise ? (layer.multiplier ?? 1) : layer.outChannels!;
  const k = fh * fw * (depthwise ? 1 : c);
  const copies = depthwise ? c : 1;
  return { outH, outW, npx: outH * outW, n, k, copies, macs: copies * outH * outW * n * k };
}
