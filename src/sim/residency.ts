import type { Arch } from '../spec/arch.js';
import type { TensorRole } from '../spec/schemas/common.js';
import type { Graph, Layer } from '../workload/graph.js';
import { layerRoleBytes } from '../mapping/plan-layer.js';
import type { ElementBytes, RoleBytes } from '../mapping/layer-plan.js';
import { holder } from '../mapping/plan-gemm.js';

/**
 * Which layers' weights stay pinned in SRAM across inferences (Edge TPU-style parameter
 * caching): filled greedily in layer order. A buffer that also holds activations first keeps
 * room for the largest layer's inputs plus output, as the Edge TPU compiler reserves
 * activation memory before caching parameters.
 */
export function pinWeights(arch: Arch, graph: Graph, bytes: ElementBytes): { cached: Set<string>; pinnedBytes: number } {
  const cached = new Set<string>();
  if (!arch.options.cacheWeights) return { cached, pinnedBytes: 0 };
  const buffer = holder(arch, 'weight');
  const activations = buffer.holds.length > 1 ? Math.max(0, ...graph.layers.map((l) => activationBytes(l, bytes, buffer.holds))) : 0;
  let budget = Math.max(0, buffer.bytes - activations);
  let pinnedBytes = 0;
  for (const layer of graph.layers) {
    const w = layerRoleBytes(layer, bytes).weight;
    if (w > 0 && w <= budget) {
      cached.add(layer.name);
      budget -= w;
      pinnedBytes += w;
    }
  }
  return { cached, pinnedBytes };
}

function activationBytes(layer: Layer, bytes: ElementBytes, holds: readonly TensorRole[]): number {
  const t = layerRoleBytes(layer, bytes);
  return (holds.includes('input') ? t.input : 0) + (holds.includes('output') ? t.output : 0);
}

/** SRAM bytes of a role's buffer not taken by pinned weights. */
export function freeBytes(arch: Arch, role: TensorRole, pinnedWeightBytes: number): number {
  const b = holder(arch, role);
  return Math.max(0, b.bytes - (b.holds.includes('weight') ? pinnedWeightBytes : 0));
}

/**
 * SRAM bytes each role's working set may use during one layer. A buffer shared by several
 * roles is split by water-filling: a role needing less than an even share gets what it needs,
 * and the rest is shared evenly among the others (so small weight slices are never starved by
 * large activations, and a layer whose tensors all fit gets room for all of them).
 */
export function roleCapacity(arch: Arch, pinnedWeightBytes: number, demand: RoleBytes): RoleBytes {
  const out: RoleBytes = { input: 0, weight: 0, output: 0 };
  for (const buffer of arch.sram) {
    let free = freeBytes(arch, buffer.holds[0], pinnedWeightBytes);
    const roles = [...buffer.holds].sort((a, b) => demand[a] - demand[b]);
    roles.forEach((role, i) => {
      const share = Math.floor(free / (roles.length - i));
      out[role] = i === roles.length - 1 ? free : Math.min(demand[role], share);
      free -= out[role];
    });
  }
  return out;
}
