import type { Arch } from '../hardware/arch.js';
import type { Layer } from '../workload/graph.js';

/** The unit that runs a layer. */
export type Unit = 'array' | 'imc' | 'vector' | 'none';

/**
 * Where a layer runs. Weight-bearing convolutions and dense layers go to the in-memory-compute
 * crossbars when the arch has them; layers that map badly onto crossbars — depthwise and other
 * grouped convolutions (a few taps per channel leave most cells idle) and matmuls of two
 * activations (the "weights" would have to be written into the cells on every run) — go to the
 * digital array of a hybrid, and stay on the crossbars, inefficiently, when there is none.
 */
export function chooseUnit(arch: Arch, layer: Layer): Unit {
  const op = layer.op;
  if (op.kind === 'view') return 'none';
  if (op.kind === 'elementwise') return 'vector';
  if (!arch.imc) return 'array';
  if (!arch.array) return 'imc';
  const mapsBadly = (op.kind === 'conv' && op.groups > 1) || (op.kind === 'matmul' && !op.weightOperand);
  return mapsBadly ? 'array' : 'imc';
}
