import { fail } from '../config/user-error.js';
import type { LayerSpec, LayerType } from '../config/schemas/workload.js';
import type { LayerOp } from './graph.js';

/** The schema-valid spec of one layer type, e.g. `LayerSpecOf<'conv2d'>`. */
export type LayerSpecOf<T extends LayerType> = Extract<LayerSpec, { type: T }>;

/** Where a layer sits in its workload document, so shape errors can name file and JSON path. */
export interface LayerSite {
  readonly file?: string;
  /** JSON pointer of the layer, e.g. `/layers/3`. */
  readonly at: string;
  /** Names of the layer's input tensors, in order. */
  readonly inputNames: readonly string[];
  /** True when the layer lists `inputs` (an array) rather than one `input`. */
  readonly multiInput: boolean;
}

/** What shape inference works out for one layer: its output shape, arithmetic and parameter counts. */
export interface InferredLayer {
  readonly outputShape: readonly number[];
  readonly op: LayerOp;
  /** Multiply-accumulates. */
  readonly macs: number;
  /** Weight elements (excluding bias). */
  readonly weightElements: number;
  /** Bias elements. */
  readonly biasElements: number;
}

/** Throws a UserError at `<layer>/<field>` (or at the layer itself when `field` is empty). */
export function failAt(ctx: LayerSite, field: string, message: string): never {
  return fail(ctx.file, field ? `${ctx.at}/${field}` : ctx.at, message);
}

/** The field that names input `j`: `input` for single-input layers, `inputs/j` otherwise. */
export const inputField = (ctx: LayerSite, j = 0): string => (ctx.multiInput ? `inputs/${j}` : 'input');

/** `[1, 3, 224, 224] from "conv1"`: an input's shape and where it comes from, for messages. */
export const describeInput = (ctx: LayerSite, shape: readonly number[], j = 0): string =>
  `${formatShape(shape)} from "${ctx.inputNames[j]}"`;

/** Number of elements of a tensor of this shape. */
export const elementsOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** `[1, 3, 224, 224]`. */
export const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Reads an NCHW image shape, or fails at the input field saying what was expected. */
export function requireImage(shape: readonly number[], ctx: LayerSite, what: string): [number, number, number, number] {
  if (shape.length !== 4) {
    failAt(ctx, inputField(ctx), `${what} needs a 4-D [N, C, H, W] input; got ${describeInput(ctx, shape)}`);
  }
  return [shape[0], shape[1], shape[2], shape[3]];
}
