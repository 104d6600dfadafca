import { unitWithRole, type Arch, type ImcTile, type SystolicArray, type VectorUnit } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import type { EthosU } from '../../src/hardware/ethos-u.js';
import type { SystolicArraySpec } from '../../src/config/schemas/arch.js';

/** The arch's systolic array, if it has one (for an Ethos-U NPU, the array its traffic is planned on). */
export const systolicOf = (arch: Arch): SystolicArray | undefined => {
  const u = unitWithRole(arch, 'array');
  return (u?.kind === 'ethos-u' ? (u as EthosU).standIn : u) as SystolicArray | undefined;
};
/** The arch's in-memory-compute tile, if it has one. */
export const imcOf = (arch: Arch) => unitWithRole(arch, 'imc') as ImcTile | undefined;
/** The vector unit the arch declares (not the stand-in one an arch without gets). */
export const vectorOf = (arch: Arch) => {
  const v = unitWithRole(arch, 'vector') as VectorUnit | undefined;
  return v?.implicit ? undefined : v;
};

/** The array of a minimal arch built by the loader, so new array fields get their defaults. */
export function arrayOf(pe: SystolicArraySpec): SystolicArray {
  const sram = { s: { size: 1 << 20, holds: ['input', 'weight', 'output'] as ('input' | 'weight' | 'output')[] } };
  return systolicOf(
    buildArch({ version: 1, name: 't', clock: 1e9, compute: { pe }, memory: { sram, dram: { ideal: true } } }, undefined),
  )!;
}

/** The arch with some of its options replaced. */
export const withOptions = (arch: Arch, options: Partial<Arch['options']>): Arch => ({
  ...arch,
  options: { ...arch.options, ...options },
});
