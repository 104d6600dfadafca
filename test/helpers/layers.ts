import type { Graph, Layer } from '../../src/workload/graph.js';
import { DENSE, INT8 } from '../../src/workload/precision.js';

/** A dense layer [m × k] · [k × n] as the graph builder would produce it (no bias). */
export function denseLayer(name: string, m: number, k: number, n: number, input = 'x'): Layer {
  return {
    name,
    type: 'dense',
    index: 0,
    inputs: [input],
    inputShapes: [[m, k]],
    outputShape: [m, n],
    op: { kind: 'matmul', batch: 1, m, n, k, weightOperand: true },
    macs: m * n * k,
    weightElements: k * n,
    biasElements: 0,
    activationElements: m * k + m * n,
    precision: INT8,
    sparsity: { weight: DENSE, input: DENSE },
  };
}

/** A graph of the given layers chained in order after one input tensor. */
export function graphOf(name: string, inputShape: number[], layers: Layer[]): Graph {
  const chained = layers.map((l, i) => ({ ...l, index: i }));
  const macs = chained.reduce((s, l) => s + l.macs, 0);
  const params = chained.reduce((s, l) => s + l.weightElements + l.biasElements, 0);
  return {
    name,
    inputs: [{ name: 'x', shape: inputShape, elements: inputShape.reduce((p, d) => p * d, 1) }],
    layers: chained,
    totals: { macs, params, layers: chained.length },
    files: [],
  };
}
