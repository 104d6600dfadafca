import type { TensorRole } from '../config/schemas/common.js';
import { levelsOf, type Arch } from '../hardware/arch.js';
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
 * Bytes each memory level (the SRAM levels by name, then `dram`) read and wrote in a layer. The
 * level next to the units serves their port and exchanges with the next one out; each further
 * level passes on what crosses its inner and outer boundaries; the off-chip memory serves the
 * fills and takes the drains of each role's last boundary.
 */
export function levelBytes(arch: Arch, plan: Pick<UnitPlan, 'port' | 'traffic'>): Map<string, LevelBytes> {
  const out = new Map<string, LevelBytes>();
  for (const b of arch.sram) out.set(b.name, { read: zeroRoles(), write: zeroRoles() });
  out.set('dram', { read: zeroRoles(), write: zeroRoles() });
  for (const role of ROLES) {
    const path = levelsOf(arch, role);
    const t = plan.traffic;
    path.forEach((level, d) => {
      const at = out.get(level.name)!;
      at.read[role] += d === 0 ? plan.port.reads[role] + t[0].drains[role] : t[d - 1].fills[role] + t[d].drains[role];
      at.write[role] += d === 0 ? plan.port.writes[role] + t[0].fills[role] : t[d - 1].drains[role] + t[d].fills[role];
    });
    const off = out.get('dram')!;
    off.read[role] += t[path.length - 1].fills[role];
    off.write[role] += t[path.length - 1].drains[role];
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
