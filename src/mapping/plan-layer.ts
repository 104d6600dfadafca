import type { Arch } from '../spec/arch.js';
import type { Layer } from '../workload/graph.js';
import { lowerLayer } from './lower-layer.js';
import { planGemm } from './plan-gemm.js';
import { planVector } from './plan-vector.js';
import { groupsPerFold, packGemm } from './pack-groups.js';
import { zeroRoles, type ElementBytes, type LayerContext, type LayerPlan, type RoleBytes } from './layer-plan.js';

const elements = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/**
 * Bytes of a layer's operands by the role they take on chip: a matmul of two activations keeps
 * its B operand where weights go.
 */
export function layerRoleBytes(layer: Layer, b: ElementBytes): RoleBytes {
  const output = elements(layer.outputShape) * b.output;
  if (layer.op.kind === 'matmul' && !layer.op.weightOperand) {
    return { input: elements(layer.inputShapes[0]) * b.input, weight: elements(layer.inputShapes[1]) * b.input, output };
  }
  const input = layer.inputShapes.reduce((s, shape) => s + elements(shape), 0) * b.input;
  return { input, weight: (layer.weightElements + layer.biasElements) * b.weight, output };
}

/** Plans one layer onto the arch: lowers it, then tiles it on the unit that runs it. */
export function planLayer(arch: Arch, layer: Layer, ctx: LayerContext): LayerPlan {
  const work = lowerLayer(layer);
  const b = ctx.bytes;
  const outputBytes = elements(layer.outputShape) * b.output;
  if (work.kind === 'gemm') {
    const pack = groupsPerFold(arch.array, work.gemm);
    const gemm = packGemm(work.gemm, pack);
    // Bytes per array-level instance: a packed instance carries `pack` original ones.
    const n = work.gemm.instances / pack;
    const weightBytes = work.weightIsParameter
      ? (layer.weightElements + layer.biasElements) * b.weight
      : elements(layer.inputShapes[1]) * b.input;
    return planGemm(
      arch,
      {
        layerName: layer.name,
        gemm,
        inputBytes: (elements(layer.inputShapes[0]) * b.input) / n,
        weightBytes: weightBytes / n,
        outputBytes: outputBytes / n,
        weightIsParameter: work.weightIsParameter,
        inputOnChip: ctx.inputsOnChip[0] ?? false,
        weightOnChip: work.weightIsParameter ? ctx.weightsCached : (ctx.inputsOnChip[1] ?? false),
      },
      ctx,
    );
  }
  if (work.kind === 'vector') {
    return planVector(arch, { ops: work.ops, inputBytes: layer.inputShapes.map((s) => elements(s) * b.input), outputBytes }, ctx);
  }
  return {
    unit: 'none',
    runs: [],
    computeCycles: 0,
    dramReadBytes: zeroRoles(),
    dramWriteBytes: zeroRoles(),
    sramReadBytes: zeroRoles(),
    sramWriteBytes: zeroRoles(),
    vectorOps: 0,
  };
}
