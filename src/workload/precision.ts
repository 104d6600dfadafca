import type { PrecisionSpec, SparsitySpec, TensorPrecision, TensorSparsitySpec } from '../config/schemas/common.js';

/** The number format of each of a layer's tensors. Inputs are activations. */
export interface LayerPrecision {
  readonly weight: TensorPrecision;
  readonly input: TensorPrecision;
  readonly output: TensorPrecision;
}

/** Density and pattern of one tensor's non-zeros. */
export interface TensorSparsity {
  /** Fraction of non-zero elements, 0–1. */
  readonly density: number;
  /** 'unstructured', 'channel', or 'N:M'. */
  readonly structure: string;
}

/** Sparsity of a layer's weights and of its input activations. */
export interface LayerSparsity {
  readonly weight: TensorSparsity;
  readonly input: TensorSparsity;
}

/** What a layer gets when nothing is said: int8 everywhere, dense. */
export const INT8: LayerPrecision = { weight: 'int8', input: 'int8', output: 'int8' };
export const DENSE: TensorSparsity = { density: 1, structure: 'unstructured' };

/** Bits per element of a precision. */
export const precisionBits = (p: TensorPrecision): number => Number(/\d+/.exec(p)![0]);

/** True for the floating-point formats. */
export const isFloat = (p: TensorPrecision): boolean => p === 'bf16' || p === 'fp16';

/**
 * Resolves a precision spec over a base: "int4" sets every tensor, "w4a8" sets weights to int4
 * and activations (inputs and output) to int8, an object sets the tensors it names.
 */
export function resolvePrecision(spec: PrecisionSpec | undefined, base: LayerPrecision = INT8): LayerPrecision {
  if (spec === undefined) return base;
  if (typeof spec === 'object') {
    return {
      weight: spec.weight ?? base.weight,
      input: spec.activation ?? base.input,
      output: spec.output ?? spec.activation ?? base.output,
    };
  }
  const wa = /^w(\d+)a(\d+)$/.exec(spec);
  if (wa) {
    const a = `int${wa[2]}` as TensorPrecision;
    return { weight: `int${wa[1]}` as TensorPrecision, input: a, output: a };
  }
  const p = spec as TensorPrecision;
  return { weight: p, input: p, output: p };
}

/** Resolves a sparsity spec over a base, tensor by tensor. */
export function resolveSparsity(
  spec: SparsitySpec | undefined,
  base: LayerSparsity = { weight: DENSE, input: DENSE },
): LayerSparsity {
  if (spec === undefined) return base;
  const one = (t: TensorSparsitySpec | undefined, b: TensorSparsity): TensorSparsity =>
    t === undefined ? b : { density: t.density, structure: t.structure ?? 'unstructured' };
  return { weight: one(spec.weight, base.weight), input: one(spec.activation, base.input) };
}

/** N and M of an "N:M" structure, or undefined for other structures. */
export function parseNM(structure: string): { n: number; m: number } | undefined {
  const nm = /^(\d+):(\d+)$/.exec(structure);
  return nm ? { n: Number(nm[1]), m: Number(nm[2]) } : undefined;
}
