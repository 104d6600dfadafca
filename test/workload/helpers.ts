import type { WorkloadSpec } from '../../src/config/schemas/workload.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import type { Graph, Layer } from '../../src/workload/graph.js';
import type { LayerSpec } from '../../src/config/schemas/workload.js';

/** A one-input workload (`x` of the given shape) built into a graph. */
export function graphOf(shape: number[], layers: LayerSpec[], extraInputs: Record<string, number[]> = {}): Graph {
  return buildGraph(specOf(shape, layers, extraInputs), 'test.json');
}

/** The last layer of a one-input workload. */
export function lastLayer(shape: number[], layers: LayerSpec[]): Layer {
  const g = graphOf(shape, layers);
  return g.layers[g.layers.length - 1];
}

/** A one-input workload document. */
export function specOf(shape: number[], layers: LayerSpec[], extraInputs: Record<string, number[]> = {}): WorkloadSpec {
  const inputs = Object.fromEntries(Object.entries({ x: shape, ...extraInputs }).map(([k, s]) => [k, { shape: s }]));
  return { version: 1, name: 'test', inputs, layers };
}

export { userErrorOf } from '../helpers/user-error.js';
