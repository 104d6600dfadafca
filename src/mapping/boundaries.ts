import type { TensorRole } from '../config/schemas/common.js';
import { levelsOf, timedChannels, type Arch } from '../hardware/arch.js';
import type { Boundary, RoleBytes } from '../hardware/component.js';
import type { LevelCapacity } from './residency.js';

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];

/**
 * The memory boundaries a layer's operands cross, innermost first: boundary d lies between a
 * role's d-th level and the next one out (the off-chip memory after its last). Reuse at a
 * boundary is set by the most capacity the role has on its inner side; transfers are timed by
 * the channel of the level they come from or go to.
 */
export function boundariesOf(arch: Arch, capacity: LevelCapacity): Boundary[] {
  const channel = new Map(timedChannels(arch).map((c, i) => [c.name, i]));
  const paths = Object.fromEntries(ROLES.map((r) => [r, levelsOf(arch, r)])) as Record<TensorRole, ReturnType<typeof levelsOf>>;
  const depth = Math.max(...ROLES.map((r) => paths[r].length));
  const boundaries: Boundary[] = [];
  const best: RoleBytes = { input: 0, weight: 0, output: 0 };
  for (let d = 0; d < depth; d++) {
    const per = <T>(f: (role: TensorRole) => T) => Object.fromEntries(ROLES.map((r) => [r, f(r)])) as Record<TensorRole, T>;
    for (const r of ROLES) {
      const level = paths[r][d];
      if (level) best[r] = d === 0 ? capacity.get(level.name)![r] : Math.max(best[r], capacity.get(level.name)![r]);
    }
    boundaries.push({
      capacity: per((r) => (d < paths[r].length ? best[r] : 0)),
      crosses: per((r) => d < paths[r].length),
      last: per((r) => d === paths[r].length - 1),
      channel: per((r) => (d < paths[r].length ? (channel.get(paths[r][d + 1]?.name ?? 'dram') ?? -1) : -1)),
      level: per((r) => paths[r][d]?.name ?? ''),
    });
  }
  return boundaries;
}
