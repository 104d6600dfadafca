import type { TensorRole } from '../config/schemas/common.js';
import { residencyOf, type Arch, type SramBuffer } from '../hardware/arch.js';
import type { RoleBytes } from '../hardware/component.js';
import type { Graph } from '../workload/graph.js';

/** Per layer: the SRAM its working set wants (`want`) and the least it can run with (`need`). */
export interface LayerDemand {
  readonly want: RoleBytes;
  readonly need: RoleBytes;
  /** Bytes of its weights kept in SRAM (0 for layers without parameters, or whose unit keeps them). */
  readonly weightBytes: number;
}

/**
 * Which layers' weights stay pinned in SRAM across inferences (Edge TPU-style parameter
 * caching), filled greedily in layer order into the level weights live in. The level keeps room
 * for what pinning must not take: the largest layer's activations when it also holds them, and
 * the largest weight block one fold of an uncached layer needs.
 */
export function pinWeights(
  arch: Arch,
  graph: Graph,
  demands: readonly LayerDemand[],
): { cached: Set<string>; pinnedBytes: number } {
  const cached = new Set<string>();
  if (!arch.options.cacheWeights) return { cached, pinnedBytes: 0 };
  const buffer = residencyOf(arch, 'weight');
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

/** Bytes of each level already taken: pinned weights and activations kept for later layers. */
export type Reserved = Readonly<Record<string, number>>;

/** Bytes of the level `role` lives in that reserved data does not take. */
export function freeBytes(arch: Arch, role: TensorRole, reserved: Reserved): number {
  const b = residencyOf(arch, role);
  return Math.max(0, b.bytes - (reserved[b.name] ?? 0));
}

/** SRAM bytes each role it holds may use in each level, by level name. */
export type LevelCapacity = ReadonlyMap<string, Readonly<RoleBytes>>;

/**
 * SRAM bytes each role's working set may use during one layer, in every level. In a level shared
 * by several roles each first gets what one fold needs; the rest is water-filled: a role wanting
 * less than an even share gets what it wants, and the others share what is left.
 */
export function roleCapacity(arch: Arch, reserved: Reserved, want: RoleBytes, need: RoleBytes): LevelCapacity {
  const out = new Map<string, RoleBytes>();
  for (const buffer of arch.sram) out.set(buffer.name, shareLevel(buffer, reserved, want, need));
  return out;
}

function shareLevel(buffer: SramBuffer, reserved: Reserved, want: RoleBytes, need: RoleBytes): RoleBytes {
  const out: RoleBytes = { input: 0, weight: 0, output: 0 };
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
  return out;
}
