import type { ComponentModel, Execution, LayerUnit, RoleBytes, UnitPlan } from '../hardware/component.js';

export type { ElementBytes, RoleBytes, GemmMappingInfo } from '../hardware/component.js';

/** A layer planned onto the hardware: the unit that runs it (none for a view), its tiles and the bytes it moves. */
export interface LayerPlan extends UnitPlan {
  /** The role of the unit that runs it, or `none`. */
  readonly unit: LayerUnit;
  /** The unit itself (absent for a view). */
  readonly runsOn?: ComponentModel;
  readonly execution: Execution;
  /** DRAM bytes no mapping avoids: each off-chip tensor read once, the output written once unless kept. */
  readonly compulsoryDramBytes?: number;
}

export const zeroRoles = (): RoleBytes => ({ input: 0, weight: 0, output: 0 });

/** Bytes of all roles together. */
export const totalBytes = (r: Readonly<RoleBytes>): number => r.input + r.weight + r.output;
