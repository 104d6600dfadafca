import type { Arch } from '../hardware/arch.js';
import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { lowerLayer } from '../workload/lower-layer.js';
import { digitalArray, foldNeeds, planGemm, tilePartialSumBytes } from './plan-gemm.js';
import { mapGemm } from '../hardware/systolic-array.js';
import { planVector } from './plan-vector.js';
import { groupsPerFold, packGemm } from './pack-groups.js';
import { arrayGemm, type Execution } from './execution.js';
import type { Gemm } from '../workload/lower-layer.js';
import { zeroRoles, type ElementBytes, type PlanContext, type LayerPlan, type RoleBytes } from './layer-plan.js';

/**
 * Bytes of a layer's operands by the role they take on chip: a matmul of two activations keeps
 * its B operand where weights go.
 */
export function layerRoleBytes(layer: Layer, b: ElementBytes): RoleBytes {
  const output = elementsOf(layer.outputShape) * b.output;
  if (layer.op.kind === 'matmul' && !layer.op.weightOperand) {
    return { input: elementsOf(layer.inputShapes[0]) * b.input, weight: elementsOf(layer.inputShapes[1]) * b.input, output };
  }
  const input = layer.inputShapes.reduce((s, shape) => s + elementsOf(shape), 0) * b.input;
  return { input, weight: (layer.weightElements + layer.biasElements) * b.weight, output };
}

/** The GEMM a layer lowers to as the array runs it: precision, skipping and group packing applied. */
function arrayWork(arch: Arch, gemm: Gemm, e: Execution): Gemm {
  const g = arrayGemm(gemm, e);
  return packGemm(g, groupsPerFold(digitalArray(arch), g));
}

/**
 * SRAM bytes a layer would like for each role: its tensors (weights only when not pinned), plus
 * one column fold's partial sums in the output buffer, and never less than one fold needs.
 */
export function layerWorkingSet(arch: Arch, layer: Layer, e: Execution, weightsCached: boolean): RoleBytes {
  const want = layerRoleBytes(layer, e.bytes);
  if (weightsCached) want.weight = 0;
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm' || e.unit !== 'array') return want;
  const array = digitalArray(arch);
  const map = mapGemm(array, arrayWork(arch, work.gemm, e));
  const need = foldNeeds(array, map, e.bytes);
  return {
    input: Math.max(want.input, need.input),
    weight: weightsCached ? 0 : Math.max(want.weight, need.weight),
    output: Math.max(want.output + tilePartialSumBytes(array, map), need.output),
  };
}

/** The least SRAM each role needs to run one fold of the layer (nothing for non-array layers). */
export function layerFoldNeeds(arch: Arch, layer: Layer, e: Execution): RoleBytes {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm' || e.unit !== 'array') return { input: 0, weight: 0, output: 0 };
  const array = digitalArray(arch);
  return foldNeeds(array, mapGemm(array, arrayWork(arch, work.gemm, e)), e.bytes);
}

/** Plans one layer onto the arch: lowers it, then tiles it on the unit that runs it. */
export function planLayer(arch: Arch, layer: Layer, ctx: PlanContext): LayerPlan {
  const work = lowerLayer(layer);
  const b = ctx.bytes;
  const outputBytes = elementsOf(layer.outputShape) * b.output;
  if (work.kind === 'gemm') {
    const gemm = arrayWork(arch, work.gemm, ctx.execution);
    // Sizes per array-level instance: a packed instance carries several original ones, the last
    // possibly fewer; dividing totals by the packed count keeps the layer's totals exact.
    const n = gemm.instances;
    const g = work.gemm;
    const weightElements = work.weightIsParameter ? layer.weightElements + layer.biasElements : elementsOf(layer.inputShapes[1]);
    const weightBytes = weightElements * (work.weightIsParameter ? b.weight : b.input);
    return planGemm(
      arch,
      {
        layerName: layer.name,
        gemm,
        elements: { a: (g.instances * g.m * g.k) / n, b: (g.instances * g.k * g.n) / n, c: (g.instances * g.m * g.n) / n },
        inputBytes: (elementsOf(layer.inputShapes[0]) * b.input) / n,
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
    return planVector(
      arch,
      { ops: work.ops, inputBytes: layer.inputShapes.map((s) => elementsOf(s) * b.input), outputBytes },
      ctx,
    );
  }
  // A view moves no data, except that when its result does not stay on chip (a graph output, or
  // a concat of on-chip and DRAM parts) the parts that were on chip must be written to DRAM.
  const drain = ctx.keepOutputOnChip
    ? 0
    : layer.inputShapes.reduce((s, shape, i) => s + (ctx.inputsOnChip[i] ? elementsOf(shape) * b.output : 0), 0);
  return {
    unit: 'none',
    runs: drain > 0 ? [{ count: 1, tile: { computeCycles: 0, loadBytes: 0, storeBytes: drain } }] : [],
    computeCycles: 0,
    dramReadBytes: zeroRoles(),
    dramWriteBytes: { input: 0, weight: 0, output: drain },
    sramReadBytes: { input: 0, weight: 0, output: drain },
    sramWriteBytes: zeroRoles(),
    vectorOps: 0,
  };
}
