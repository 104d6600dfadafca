import type { Arch, SramBuffer } from '../hardware/arch.js';
import type { RoleBytes } from '../hardware/component.js';

/** Bytes of each level already taken: pinned weights and activations kept for later layers. */
export type Reserved = Readonly<Record<string, number>>;

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
