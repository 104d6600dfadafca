import type { Arch } from '../hardware/arch.js';
import type { TensorRole } from '../config/schemas/common.js';
import type { Graph } from '../workload/graph.js';
import type { RoleBytes } from './layer-plan.js';
import { holder } from './plan-gemm.js';

/** Per layer: the SRAM its working set wants (`want`) and the least it can run with (`need`). */
export interface LayerDemand {
  readonly want: RoleBytes;
  readonly need: RoleBytes;
  /** Bytes of its weights (0 for layers without parameters). */
  readonly weightBytes: number;
}

/**
 * Which layers' weights stay pinned in SRAM across inferences (Edge TPU-style parameter
 * caching), filled greedily in layer order. The buffer keeps room for what pinning must not
 * take: the largest layer's activations when it also holds them, and the largest weight block
 * one fold of an uncached layer needs.
 */
export function pinWeights(
  arch: Arch,
  graph: Graph,
  demands: readonly LayerDemand[],
): { cached: Set<string>; pinnedBytes: number } {
  const cached = new Set<string>();
  if (!arch.options.cacheWeights) return { cached, pinnedBytes: 0 };
  const buffer = holder(arch, 'weight');
  const activations = Math.max(
    0,
    ...demands.map(
      (d) => (buffer.holds.includes('input') ? d.want.input : 0) + (buffer.holds.includes('output') ? d.want.output : 0),
    ),
  );
  const foldWeights = Math.max(0, ...demands.map((d) => d.need.weight));
  let budget = Math.max(0, buffer.bytes - activations - foldWeights);
  let pinnedBytes = 0;
  graph.layers.forEach((layer, i) => {
    const w = demands[i].weightBytes;
    if (w > 0 && w <= budget) {
      cached.add(layer.name);
      budget -= w;
      pinnedBytes += w;
    }
  });
  return { cached, pinnedBytes };
}

/** Bytes of each buffer already taken: pinned weights and activations kept for later layers. */
export type Reserved = Readonly<Record<string, number>>;

/** SRAM bytes of the buffer holding `role` not taken by reserved data. */
export function freeBytes(arch: Arch, role: TensorRole, reserved: Reserved): number {
  const b = holder(arch, role);
  return Math.max(0, b.bytes - (reserved[b.name] ?? 0));
}

/**
 * SRAM bytes each role's working set may use during one layer. In a buffer shared by several
 * roles each first gets what one fold needs; the rest is water-filled: a role wanting less than
 * an even share gets what it wants, and the others share what is left.
 */
export function roleCapacity(arch: Arch, reserved: Reserved, want: RoleBytes, need: RoleBytes): RoleBytes {
  const out: RoleBytes = { input: 0, weight: 0, output: 0 };
  for (const buffer of arch.sram) {
    let free = Math.max(0, buffer.bytes - (reserved[buffer.name] ?? 0));
    const roles = buffer.holds;
    const needs = roles.reduce((s, r) => s + need[r], 0);
    // If even the needs do not fit, share in proportion (the fold check then names the culprit).
    for (const r of roles) out[r] = needs <= free ? need[r] : (need[r] * free) / needs;
    free = Math.max(0, free - needs);
    const extra = [...roles].sort((a, b) => want[a] - need[a] - (want[b] - need[b]));
    extra.forEach((role, i) => {
      const share = free / (extra.length - i);
      const give = i === extra.length - 1 ? free : Math.min(Math.max(0, want[role] - out[role]), share);
      out[role] += give;
      free -= give;
    });
    for (const r of roles) out[r] = Math.floor(out[r]);
  }
  return out;
}
