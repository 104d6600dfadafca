import type { Arch } from '../spec/arch.js';
import type { TensorRole } from '../spec/schemas/common.js';
import type { Graph } from '../workload/graph.js';
import type { ElementBytes, RoleBytes } from '../mapping/layer-plan.js';
import { holder } from '../mapping/plan-gemm.js';

/** Share of a unified buffer that parameter caching may fill, leaving room for activations (estimated). */
const CACHE_SHARE_OF_SHARED_BUFFER = 0.75;

/**
 * Which layers' weights stay pinned in SRAM across inferences: filled greedily in layer order
 * while they fit the weight buffer (Edge TPU-style parameter caching). Returns pinned bytes too.
 */
export function pinWeights(arch: Arch, graph: Graph, bytes: ElementBytes): { cached: Set<string>; pinnedBytes: number } {
  const cached = new Set<string>();
  if (!arch.options.cacheWeights) return { cached, pinnedBytes: 0 };
  const buffer = holder(arch, 'weight');
  let budget = buffer.holds.length === 1 ? buffer.bytes : buffer.bytes * CACHE_SHARE_OF_SHARED_BUFFER;
  let pinnedBytes = 0;
  for (const layer of graph.layers) {
    const w = (layer.weightElements + layer.biasElements) * bytes.weight;
    if (w > 0 && w <= budget) {
      cached.add(layer.name);
      budget -= w;
      pinnedBytes += w;
    }
  }
  return { cached, pinnedBytes };
}

/**
 * SRAM bytes each role's working set may use: its buffer minus pinned weights, shared evenly
 * among the roles the buffer holds.
 */
export function roleCapacity(arch: Arch, pinnedWeightBytes: number): RoleBytes {
  const cap = (role: TensorRole) => {
    const b = holder(arch, role);
    const free = b.bytes - (b.holds.includes('weight') ? pinnedWeightBytes : 0);
    return Math.max(0, Math.floor(free / b.holds.length));
  };
  return { input: cap('input'), weight: cap('weight'), output: cap('output') };
}
