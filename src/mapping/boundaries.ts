import type { TensorRole } from '../config/schemas/common.js';
import { levelsOf, timedChannels, type Arch, type SramBuffer } from '../hardware/arch.js';
import type { Boundary } from '../hardware/component.js';
import type { LevelCapacity } from './residency.js';

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];
const perRole = <T>(f: (role: TensorRole) => T) => Object.fromEntries(ROLES.map((r) => [r, f(r)])) as Record<TensorRole, T>;

/** What an arch's boundaries are whatever the layer: the levels, who crosses, the channels. */
interface Shape {
  readonly paths: Readonly<Record<TensorRole, readonly SramBuffer[]>>;
  readonly fixed: readonly Omit<Boundary, 'capacity'>[];
}

// An arch is plain immutable data: its boundaries' shape is worked out once.
const shapes = new WeakMap<Arch, Shape>();

function shapeOf(arch: Arch): Shape {
  const hit = shapes.get(arch);
  if (hit) return hit;
  const channel = new Map(timedChannels(arch).map((c, i) => [c.name, i]));
  const paths = perRole((r) => levelsOf(arch, r));
  const depth = Math.max(...ROLES.map((r) => paths[r].length));
  const fixed = Array.from({ length: depth }, (_, d) => ({
    crosses: perRole((r) => d < paths[r].length),
    last: perRole((r) => d === paths[r].length - 1),
    channel: perRole((r) => (d < paths[r].length ? (channel.get(paths[r][d + 1]?.name ?? 'dram') ?? -1) : -1)),
    level: perRole((r) => paths[r][d]?.name ?? ''),
  }));
  const shape = { paths, fixed };
  shapes.set(arch, shape);
  return shape;
}

/**
 * The memory boundaries a layer's operands cross, innermost first: boundary d lies between a
 * role's d-th level and the next one out (the off-chip memory after its last). Reuse at a
 * boundary is set by the most capacity the role has on its inner side; transfers are timed by
 * the channel of the level they come from or go to.
 */
export function boundariesOf(arch: Arch, capacity: LevelCapacity): Boundary[] {
  const { paths, fixed } = shapeOf(arch);
  const best = { input: 0, weight: 0, output: 0 };
  return fixed.map((f, d) => {
    for (const r of ROLES) {
      const level = paths[r][d];
      if (level) best[r] = d === 0 ? capacity.get(level.name)![r] : Math.max(best[r], capacity.get(level.name)![r]);
    }
    return {
      crosses: f.crosses,
      last: f.last,
      channel: f.channel,
      level: f.level,
      capacity: {
        input: f.crosses.input ? best.input : 0,
        weight: f.crosses.weight ? best.weight : 0,
        output: f.crosses.output ? best.output : 0,
      },
    };
  });
}
