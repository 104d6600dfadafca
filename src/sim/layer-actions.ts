import { sramPath, unitPath, type Arch } from '../hardware/arch.js';
import type { LayerActionCounts } from '../energy/actions.js';
import { totalBytes, type LayerPlan } from '../mapping/layer-plan.js';
import type { Layer } from '../workload/graph.js';
import type { LevelBytes } from '../mapping/level-bytes.js';
import { onNetwork } from '../hardware/sram.js';

/**
 * What a layer did, by component path and action: its unit's own actions, every SRAM level's
 * bytes read and written, the NoC's byte-hops (every on-chip byte crosses the arch's hops) and
 * the bytes moved to and from off-chip memory. The only input energy accounting needs.
 */
export function countLayerActions(arch: Arch, plan: LayerPlan, levels: ReadonlyMap<string, LevelBytes>): LayerActionCounts {
  const counts: LayerActionCounts = {};
  if (plan.runsOn) counts[unitPath(plan.runsOn)] = plan.actions;
  for (const b of arch.sram) {
    const l = levels.get(b.name)!;
    counts[sramPath(b)] = { read: totalBytes(l.read), write: totalBytes(l.write) };
  }
  counts.noc = { bytes: onChipTraffic(arch, levels) * arch.noc.hops };
  const off = levels.get('dram')!;
  counts.dram = { bytes: totalBytes(off.read) + totalBytes(off.write) };
  return counts;
}

/** On-chip bytes that cross the network: read and written at every level on it (`onNetwork`). */
function onChipTraffic(arch: Arch, levels: ReadonlyMap<string, LevelBytes>): number {
  let bytes = 0;
  for (const b of arch.sram.filter(onNetwork)) {
    const l = levels.get(b.name)!;
    for (const role of ['input', 'weight', 'output'] as const) bytes += l.read[role] + l.write[role];
  }
  return bytes;
}

/** The result@1 `actions` of a layer: the fixed fields it has always had, read off the counts. */
export interface LegacyActions {
  readonly macs: number;
  readonly macPrecision: string;
  readonly macsGated: number;
  readonly regfileReadBytes: number;
  readonly regfileWriteBytes: number;
  readonly sram: Readonly<Record<string, { readonly readBytes: number; readonly writeBytes: number }>>;
  readonly nocBytes: number;
  readonly vectorOps: number;
  /** Precision of element-wise operations (the layer's activations). */
  readonly vectorPrecision: string;
  readonly dramReadBytes: number;
  readonly dramWriteBytes: number;
  /** Crossbar actions, for layers on in-memory compute. */
  readonly imc?: Readonly<Record<string, number>>;
}

/** The result@1 `actions` view of a layer's counts (kept so documents stay as they were). */
export function legacyActions(
  arch: Arch,
  layer: Layer,
  plan: LayerPlan,
  counts: LayerActionCounts,
  levels: ReadonlyMap<string, LevelBytes>,
): LegacyActions {
  const onArray = plan.unit === 'array';
  const own = plan.actions;
  const sram: Record<string, { readBytes: number; writeBytes: number }> = {};
  for (const b of arch.sram) sram[b.name] = { readBytes: counts[sramPath(b)].read, writeBytes: counts[sramPath(b)].write };
  return {
    macs: onArray ? plan.execution.macsIssued : 0,
    macPrecision: plan.execution.macPrecision,
    macsGated: onArray ? plan.execution.macsGated : 0,
    regfileReadBytes: own.regfileRead ?? 0,
    regfileWriteBytes: own.regfileWrite ?? 0,
    sram,
    nocBytes: counts.noc.bytes,
    vectorOps: plan.vectorOps,
    vectorPrecision: layer.precision.input,
    dramReadBytes: totalBytes(levels.get('dram')!.read),
    dramWriteBytes: totalBytes(levels.get('dram')!.write),
    ...(plan.unit === 'imc' ? { imc: own } : {}),
  };
}
