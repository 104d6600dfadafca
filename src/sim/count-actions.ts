import type { Arch } from '../hardware/arch.js';
import { totalBytes, type LayerPlan } from '../mapping/layer-plan.js';
import type { Execution } from '../mapping/execution.js';
import type { ImcActions } from '../mapping/plan-imc.js';
import { holder } from '../mapping/plan-gemm.js';

/** What a layer did, counted per component: the only input energy accounting needs. */
export interface LayerActions {
  /** MACs the array issued, and the precision it ran them at. */
  readonly macs: number;
  readonly macPrecision: string;
  /** Issued MACs whose energy was gated off by a zero operand. */
  readonly macsGated: number;
  /** PE register bytes: per MAC both operands are read and the partial sum is written. */
  readonly regfileReadBytes: number;
  readonly regfileWriteBytes: number;
  /** Bytes read and written in each SRAM buffer, by buffer name. */
  readonly sram: Readonly<Record<string, { readonly readBytes: number; readonly writeBytes: number }>>;
  /** Bytes crossing the on-chip network between SRAM buffers and the compute units. */
  readonly nocBytes: number;
  readonly vectorOps: number;
  /** Precision of the vector unit's operations (the layer's activations). */
  readonly vectorPrecision: string;
  readonly dramReadBytes: number;
  readonly dramWriteBytes: number;
  /** Crossbar actions, for layers on in-memory compute. */
  readonly imc?: ImcActions;
}

/** Counts a planned layer's actions by component (SRAM roles mapped onto the buffers that hold them). */
export function countActions(arch: Arch, plan: LayerPlan, e: Execution, vectorPrecision: string): LayerActions {
  const bytes = e.bytes;
  const sram: Record<string, { readBytes: number; writeBytes: number }> = {};
  for (const b of arch.sram) sram[b.name] = { readBytes: 0, writeBytes: 0 };
  let onChipTraffic = 0;
  for (const role of ['input', 'weight', 'output'] as const) {
    const b = sram[holder(arch, role).name];
    b.readBytes += plan.sramReadBytes[role];
    b.writeBytes += plan.sramWriteBytes[role];
    onChipTraffic += plan.sramReadBytes[role] + plan.sramWriteBytes[role];
  }
  const arrayMacs = plan.unit === 'array' ? e.macsIssued : 0;
  const gated = plan.unit === 'array' ? e.macsGated : 0;
  // Gating a zero operand also keeps its PE registers from toggling.
  const live = arrayMacs - gated;
  return {
    macs: arrayMacs,
    macPrecision: e.macPrecision,
    macsGated: gated,
    regfileReadBytes: live * (bytes.input + bytes.weight),
    regfileWriteBytes: live * (arch.array?.accumulatorBytes ?? 4),
    sram,
    nocBytes: onChipTraffic * arch.energy.nocHops,
    vectorOps: plan.vectorOps,
    vectorPrecision,
    dramReadBytes: totalBytes(plan.dramReadBytes),
    dramWriteBytes: totalBytes(plan.dramWriteBytes),
    ...(plan.imc ? { imc: plan.imc } : {}),
  };
}
