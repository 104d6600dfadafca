import type { TensorRole } from '../config/schemas/common.js';
import type { ComponentModel, ComputeKind, Priced, Sized, TensorFormats, UnitRole } from './component.js';
import { dramPart, type Dram } from './dram.js';
import { nocPart, type Noc } from './noc.js';
import { computeKindOf } from './registry.js';
import { sramPart, type SramBuffer } from './sram.js';

export type { SystolicArray, SparsitySupport } from './systolic-array-spec.js';
export type { ImcTile } from './crossbars.js';
export type { VectorUnit } from './vector-unit.js';
export type { SramBuffer } from './sram.js';
export type { Dram } from './dram.js';

/** The cost table used when an arch names none: Horowitz's 45 nm numbers. */
export const DEFAULT_COST_TABLE = 'horowitz-45nm';

/** A validated architecture with every quantity in SI base units (or cycles, or counts). */
export interface Arch {
  readonly name: string;
  readonly description?: string;
  readonly clockHz: number;
  /** Fixed time per inference before the first layer runs, with the chip idle (host runtime and dispatch). */
  readonly invokeSeconds: number;
  /** Compute units in arch order, each built by its registered kind (plus a stand-in vector unit if none is declared). */
  readonly units: readonly ComponentModel[];
  /** The on-chip memory levels. */
  readonly sram: readonly SramBuffer[];
  /** The off-chip memory (or host link) behind them. */
  readonly dram: Dram;
  readonly noc: Noc;
  /** How sparse tensors are stored (from the first unit that says). */
  readonly formats: TensorFormats;
  readonly options: {
    readonly cacheWeights: boolean;
    readonly keepActivationsOnChip: boolean;
    readonly overlapLayers: boolean;
    readonly mapping: 'search' | 'exhaustive' | 'fixed' | 'scalesim';
    readonly mappingObjective: 'edp' | 'energy' | 'latency';
  };
  /** Which cost table prices its actions, and chip-level energy settings. */
  readonly energy: {
    /** Built-in table name or absolute path. */
    readonly table: string;
    /** Area table (built-in name or absolute path), if the arch names one; else the one for the cost table's node. */
    readonly areaTable?: string;
    /** Chip static power in W, if given; otherwise the table's leakage rates apply. */
    readonly staticPowerWatts?: number;
    readonly nocHops: number;
  };
  /** The document it was built from, `extends` merged in and table paths absolute (a result's `run` carries it). */
  readonly document?: object;
  /** Which parameters were fitted to which measured rows, if any were. */
  readonly calibration?: { readonly parameters: readonly string[]; readonly rows: readonly string[]; readonly method: string };
  /** Source of each parameter that gave one, keyed by JSON path. */
  readonly sources: Readonly<Record<string, string>>;
  /** The files this arch was read from, the named one first, then what it extends. */
  readonly files: readonly string[];
  /** How messages name this arch: its file as the user would type it, or `arch "<name>"`. */
  readonly origin: string;
}

/** The registered kind that models a unit. */
export const kindOf = (unit: ComponentModel): ComputeKind<ComponentModel, unknown> => computeKindOf(unit.kind);

/** The first unit with this role, if any (`array`: the systolic array). */
export const unitWithRole = (arch: Arch, role: UnitRole): ComponentModel | undefined =>
  arch.units.find((u) => kindOf(u).role === role);

/** Peak MACs per cycle: every unit's own (the array's PEs, the crossbars' 8-bit MVM rate). */
export const peakMacsPerCycle = (arch: Arch): number =>
  arch.units.reduce((s, u) => s + kindOf(u).peakMacsPerCycle(u, arch.clockHz), 0);

/** Peak throughput in ops/s: 2 ops per MAC × peak MACs per cycle × clock. */
export const peakOpsPerSecond = (arch: Arch): number => 2 * peakMacsPerCycle(arch) * arch.clockHz;

/** A short description of the compute: "64×64 ws", "256× 128×128 reram crossbars", or both. */
export const describeCompute = (arch: Arch): string =>
  arch.units
    .map((u) => kindOf(u).describe(u))
    .filter((d): d is string => d !== undefined)
    .join(' + ');

/** One part of an arch: where its actions are counted (`compute.mxu`, `sram.unified`, `dram`, `noc`), its prices and its area. */
export interface ArchPart {
  readonly path: string;
  readonly model: ComponentModel;
  readonly priced: Priced<ComponentModel> & Sized<ComponentModel>;
}

/** Every part: compute units, SRAM levels, the NoC and the off-chip memory. */
export function archParts(arch: Arch): ArchPart[] {
  const as = <M extends ComponentModel>(p: Priced<M> & Sized<M>) =>
    p as unknown as Priced<ComponentModel> & Sized<ComponentModel>;
  return [
    ...arch.units.map((u) => ({ path: unitPath(u), model: u, priced: as(kindOf(u)) })),
    ...arch.sram.map((b) => ({ path: sramPath(b), model: b, priced: as(sramPart) })),
    { path: 'noc', model: arch.noc, priced: as(nocPart) },
    { path: 'dram', model: arch.dram, priced: as(dramPart) },
  ];
}

/** Where a unit's actions are counted. */
export const unitPath = (u: ComponentModel): string => `compute.${u.name}`;
/** Where an SRAM level's accesses are counted. */
export const sramPath = (b: SramBuffer): string => `sram.${b.name}`;

// An arch is immutable plain data, so its levels per role are worked out once.
const paths = new WeakMap<Arch, Readonly<Record<TensorRole, readonly SramBuffer[]>>>();

/** A role's on-chip levels, from the compute units outward. */
export function levelsOf(arch: Arch, role: TensorRole): readonly SramBuffer[] {
  let p = paths.get(arch);
  if (!p) {
    const of = (r: TensorRole) => arch.sram.filter((b) => b.holds.includes(r)).sort((a, b) => a.level - b.level);
    p = { input: of('input'), weight: of('weight'), output: of('output') };
    paths.set(arch, p);
  }
  return p[role];
}

/** The level a role's tensors live in while on chip (its outermost): where weights are pinned and activations kept. */
export const residencyOf = (arch: Arch, role: TensorRole): SramBuffer => {
  const levels = levelsOf(arch, role);
  return levels[levels.length - 1];
};

/** A memory whose transfers take time: the off-chip link (always channel 0), then SRAM levels with a bandwidth. */
export interface TimedChannel {
  /** `dram`, or the SRAM level's name. */
  readonly name: string;
  readonly bytesPerSecond: number;
  readonly latencySeconds: number;
  readonly ideal: boolean;
}

/** The arch's timed channels, in the order tiles list their bytes. */
export const timedChannels = (arch: Arch): TimedChannel[] => [
  { name: 'dram', bytesPerSecond: arch.dram.bytesPerSecond, latencySeconds: arch.dram.latencySeconds, ideal: arch.dram.ideal },
  ...arch.sram
    .filter((b) => b.bytesPerSecond !== undefined)
    .map((b) => ({ name: b.name, bytesPerSecond: b.bytesPerSecond!, latencySeconds: b.latencySeconds, ideal: false })),
];
