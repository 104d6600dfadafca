import { TENSOR_PRECISIONS, type PrecisionSpec } from '../config/schemas/common.js';
import { fail } from '../config/user-error.js';
import type { Graph, Layer } from './graph.js';
import { DENSE, INT8, parseNM, resolvePrecision, type TensorSparsity } from './precision.js';

/** A designer's what-if applied to a whole network: quantize to a precision, prune to a density. */
export interface WhatIf {
  /** "int4", "w4a8", "bf16", ... for every layer. */
  readonly precision?: string;
  /** Fraction of weights kept (1 − pruned fraction), for layers with weights. */
  readonly weightDensity?: number;
  /** Fraction of non-zero input activations. */
  readonly activationDensity?: number;
  /** Pattern of the pruned weights: unstructured (default), channel, or N:M. */
  readonly structure?: string;
}

/** True when the what-if changes anything. */
export const isWhatIf = (w: WhatIf): boolean =>
  w.precision !== undefined || w.weightDensity !== undefined || w.activationDensity !== undefined || w.structure !== undefined;

/**
 * Applies a what-if to every layer (overriding what the workload said). Each value is checked
 * and a bad one is a UserError naming its flag and the allowed values.
 */
export function applyWhatIf(graph: Graph, w: WhatIf): Graph {
  const precision = w.precision === undefined ? undefined : parsePrecisionFlag(w.precision);
  const structure = w.structure ?? 'unstructured';
  checkStructure(structure);
  const wd = w.weightDensity === undefined ? undefined : density(w.weightDensity, '--weight-density');
  const ad = w.activationDensity === undefined ? undefined : density(w.activationDensity, '--activation-density');
  const nm = parseNM(structure);
  if (nm && wd !== undefined && wd < nm.n / nm.m - 1e-9) {
    // N:M pruning keeps exactly N of every M; a lower density cannot be expressed in that pattern.
    fail(
      '--weight-density',
      undefined,
      `${structure} sparsity keeps ${nm.n}/${nm.m} = ${nm.n / nm.m} of the weights; got density ${wd}`,
    );
  }
  const layers = graph.layers.map((l): Layer => {
    const hasWeights = l.weightElements > 0;
    const weight: TensorSparsity =
      wd !== undefined && hasWeights ? { density: nm ? nm.n / nm.m : wd, structure } : l.sparsity.weight;
    const input: TensorSparsity = ad !== undefined ? { density: ad, structure: 'unstructured' } : l.sparsity.input;
    return { ...l, precision: precision ? resolvePrecision(precision) : l.precision, sparsity: { weight, input } };
  });
  return { ...graph, layers };
}

/** The same network, dense and int8 throughout: the baseline a what-if is compared with. */
export function denseInt8(graph: Graph): Graph {
  return { ...graph, layers: graph.layers.map((l) => ({ ...l, precision: INT8, sparsity: { weight: DENSE, input: DENSE } })) };
}

function parsePrecisionFlag(text: string): PrecisionSpec {
  if (!/^(int2|int4|int8|int16|bf16|fp16|w(2|4|8|16)a(2|4|8|16))$/.test(text)) {
    fail(
      '--precision',
      undefined,
      `unknown precision "${text}"; expected one of ${TENSOR_PRECISIONS.join(', ')}, or w<bits>a<bits> with bits 2, 4, 8 or 16 (e.g. w4a8)`,
    );
  }
  return text as PrecisionSpec;
}

function density(d: number, flag: string): number {
  if (!Number.isFinite(d) || d < 0 || d > 1) fail(flag, undefined, `a density is a fraction of non-zeros from 0 to 1; got ${d}`);
  return d;
}

function checkStructure(s: string): void {
  const nm = parseNM(s);
  if (s !== 'unstructured' && s !== 'channel' && !nm) {
    fail('--sparsity-structure', undefined, `unknown structure "${s}"; expected unstructured, channel, or N:M such as 2:4`);
  }
  // As the workload schema has it: both at least 1 (0:M keeps nothing, N:0 is no pattern).
  if (nm && (nm.n < 1 || nm.m < 1 || nm.n > nm.m))
    fail('--sparsity-structure', undefined, `an N:M pattern needs 1 ≤ N ≤ M, such as 2:4; got "${s}"`);
}
