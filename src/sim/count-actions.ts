import type { Arch } from '../spec/arch.js';
import type { ElementBytes, LayerPlan } from '../mapping/layer-plan.js';
import { holder } from '../mapping/plan-gemm.js';

/** What a layer did, counted per component: the only input energy accounting needs. */
export interface LayerActions {
  /** MACs the array issued. */
  readonly macs: number;
  /** PE register bytes: per MAC both operands are read and the partial sum is written. */
  readonly regfileReadBytes: number;
  readonly regfileWriteBytes: number;
  /** Bytes read and written in each SRAM buffer, by buffer name. */
  readonly sram: Readonly<Record<string, { readonly readBytes: number; readonly writeBytes: number }>>;
  /** Bytes crossing the on-chip network between SRAM buffers and the compute units. */
  readonly nocBytes: number;
  readonly vectorOps: number;
  readonly dramReadBytes: number;
  readonly dramWriteBytes: number;
}

/** Counts a planned layer's actions by component (SRAM roles mapped onto the buffers that hold them). */
export function countActions(arch: Arch, plan: LayerPlan, macs: number, bytes: ElementBytes): LayerActions {
  const sram: Record<string, { readBytes: number; writeBytes: number }> = {};
  for (const b of arch.sram) sram[b.name] = { readBytes: 0, writeBytes: 0 };
  let onChipTraffic = 0;
  for (const role of ['input', 'weight', 'output'] as const) {
    const b = sram[holder(arch, role).name];
    b.readBytes += plan.sramReadBytes[role];
    b.writeBytes += plan.sramWriteBytes[role];
    onChipTraffic += plan.sramReadBytes[role] + plan.sramWriteBytes[role];
  }
  const arrayMacs = plan.unit === 'array' ? macs : 0;
  return {
    macs: arrayMacs,
    regfileReadBytes: arrayMacs * (bytes.input + bytes.weight),
    regfileWriteBytes: arrayMacs * arch.array.accumulatorBytes,
    sram,
    nocBytes: onChipTraffic * arch.energy.nocHops,
    vectorOps: plan.vectorOps,
    dramReadBytes: plan.dramReadBytes.input + plan.dramReadBytes.weight + plan.dramReadBytes.output,
    dramWriteBytes: plan.dramWriteBytes.input + plan.dramWriteBytes.weight + plan.dramWriteBytes.output,
  };
}
