import { buildArch, type SystolicArray } from '../../src/hardware/arch.js';
import type { SystolicArraySpec } from '../../src/config/schemas/arch.js';

/** The array of a minimal arch built by the loader, so new array fields get their defaults. */
export function arrayOf(pe: SystolicArraySpec): SystolicArray {
  const sram = { s: { size: 1 << 20, holds: ['input', 'weight', 'output'] as ('input' | 'weight' | 'output')[] } };
  return buildArch({ version: 1, name: 't', clock: 1e9, compute: { pe }, memory: { sram, dram: { ideal: true } } }, undefined)
    .array!;
}
