import type { TensorRole } from '../config/schemas/common.js';
import { levelsOf, type Arch } from '../hardware/arch.js';
import type { SramBuffer } from '../hardware/sram.js';
import type { RoleBytes } from '../hardware/component.js';
import type { UnitPlan } from '../hardware/component.js';
import { zeroRoles } from './layer-plan.js';

/** Bytes one memory level read and wrote in a layer, by role. */
export interface LevelBytes {
  readonly read: RoleBytes;
  readonly write: RoleBytes;
}

const ROLES: readonly TensorRole[] = ['input', 'weight', 'output'];

/**
 * The memories on either side of each boundary a role crosses, innermost first: `inner` is the
 * role's level d, `outer` its level d + 1 (undefined: off chip, past its last). A fill is read
 * from outer and written into inner, a drain the reverse; the unit's port reads and writes the
 * innermost level. The tally of bytes per level and the mapper's prices per boundary both follow it.
 */
export function crossings(arch: Arch, role: TensorRole): { inner: SramBuffer; outer: SramBuffer | undefined }[] {
  const path = levelsOf(arch, role);
  return path.map((inner, d) => ({ inner, outer: path[d + 1] }));
}

/**
 * Bytes each memory level (the SRAM levels by name, then `dram`) read and wrote in a layer, by
 * role, as `crossings` routes the unit's port and each boundary's fills and drains.
 */
export function levelBytes(arch: Arch, plan: Pick<UnitPlan, 'port' | 'traffic'>): Map<string, LevelBytes> {
  const out = new Map<string, LevelBytes>();
  for (const b of arch.sram) out.set(b.name, { read: zeroRoles(), write: zeroRoles() });
  out.set('dram', { read: zeroRoles(), write: zeroRoles() });
  const at = (level: SramBuffer | undefined) => out.get(level ? level.name : 'dram')!;
  for (const role of ROLES) {
    const path = crossings(arch, role);
    path.forEach(({ inner, outer }, d) => {
      const { fills, drains } = plan.traffic[d];
      if (d === 0) {
        at(inner).read[role] += plan.port.reads[role];
        at(inner).write[role] += plan.port.writes[role];
      }
      at(outer).read[role] += fills[role];
      at(inner).write[role] += fills[role];
      at(inner).read[role] += drains[role];
      at(outer).write[role] += drains[role];
    });
  }
  for (const l of out.values())
    for (const role of ROLES) {
      l.read[role] = snap(l.read[role]);
      l.write[role] = snap(l.write[role]);
    }
  return out;
}

/**
 * A byte count with the residue of dividing a layer into equal instances and multiplying back
 * (189 / 11 × 11 = 189.00000000000003) removed: within a part in 10¹², the whole number it is.
 */
const snap = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-12 * Math.max(1, Math.abs(x)) ? r : x;
};

/** Per role, the sum over on-chip levels (in level order): what results report as SRAM bytes. */
export function onChipBytes(arch: Arch, levels: ReadonlyMap<string, LevelBytes>): LevelBytes {
  const sum: LevelBytes = { read: zeroRoles(), write: zeroRoles() };
  for (const role of ROLES) {
    for (const level of levelsOf(arch, role)) {
      sum.read[role] += levels.get(level.name)!.read[role];
      sum.write[role] += levels.get(level.name)!.write[role];
    }
  }
  return sum;
}
