import {
  describeCompute,
  kindOf,
  levelsOf,
  peakMacsPerCycle,
  peakOpsPerSecond,
  unitWithRole,
  type Arch,
} from '../hardware/arch.js';
import type { UnitRole } from '../hardware/component.js';
import { portBytesPerSecond } from '../hardware/sram.js';
import type { SizedArch } from './size-arch.js';
import type { CostTable } from '../energy/cost-table.js';
import { addBreakdowns } from '../energy/tally.js';
import { zeroRoles } from '../mapping/layer-plan.js';
import type { Graph } from '../workload/graph.js';
import { energyFigures, levelResult } from './layer-result.js';
import type { LevelBytes } from '../mapping/level-bytes.js';
import type { LayerResult, MemoryLevelBytes, MemoryLevelInfo, SimResult } from './result.js';

/** The result document of a run from its layers' results. */
export function assembleResult(
  arch: Arch,
  graph: Graph,
  layers: LayerResult[],
  events: number,
  table: CostTable,
  staticWatts: number,
  area?: SizedArch,
  invokeCycles = 0,
): SimResult {
  const total = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  // The invoke overhead is time the chip waits, idle: it adds cycles and static energy only.
  const cycles = invokeCycles + total((l) => l.cycles);
  const seconds = cycles / arch.clockHz;
  const macs = total((l) => l.macs);
  // MACs the units issued (the layer's MACs less skipped zeros), over which utilization is counted.
  const issued = total((l) => l.macs - l.macsSkipped);
  const pes = peakMacsPerCycle(arch);
  const breakdown = addBreakdowns(layers.map((l) => l.energyBreakdownJoules));
  const invokeEnergyJoules = (staticWatts * invokeCycles) / arch.clockHz;
  if (invokeCycles > 0) breakdown.static = (breakdown.static ?? 0) + invokeEnergyJoules;
  const energy = energyFigures(breakdown, macs, seconds);
  const summary = (role: UnitRole) => {
    const u = unitWithRole(arch, role);
    return u ? (kindOf(u).summary(u) as never) : null;
  };
  return {
    schema: 'picojoule/result@1',
    arch: {
      name: arch.name,
      clockHz: arch.clockHz,
      invokeSeconds: arch.invokeSeconds,
      peakOpsPerSecond: peakOpsPerSecond(arch),
      compute: describeCompute(arch),
      array: summary('array'),
      imc: summary('imc'),
      dram: {
        ideal: arch.dram.ideal,
        bytesPerSecond: arch.dram.ideal ? null : arch.dram.bytesPerSecond,
        latencySeconds: arch.dram.latencySeconds,
      },
      units: arch.units.map((u) => ({
        name: u.name,
        kind: u.kind,
        role: kindOf(u).role,
        peakMacsPerCycle: kindOf(u).peakMacsPerCycle(u, arch.clockHz),
      })),
      memory: memoryLevels(arch),
    },
    energy: { table: table.name, node: table.node, staticWatts },
    area: area ? { table: area.table.name, node: area.table.node } : null,
    workload: { name: graph.name, layers: graph.layers.length, macs: graph.totals.macs, params: graph.totals.params },
    totals: {
      cycles,
      invokeCycles,
      invokeEnergyJoules,
      computeCycles: total((l) => l.computeCycles),
      stallCycles: total((l) => l.stallCycles),
      seconds,
      macs,
      dramBytes: { read: total((l) => l.dram.readBytes), write: total((l) => l.dram.writeBytes) },
      sramBytes: { read: total((l) => l.sram.readBytes), write: total((l) => l.sram.writeBytes) },
      utilization: cycles > 0 ? issued / (cycles * pes) : 0,
      opsPerSecond: seconds > 0 ? (2 * macs) / seconds : 0,
      ...energy,
      events,
      memory: memoryTotals(layers),
      edpJouleSeconds: energy.energyJoules * seconds,
      ...(area && {
        areaMm2: area.areaMm2,
        areaBreakdownMm2: area.areaBreakdownMm2,
        peakTopsPerMm2: area.areaMm2 > 0 ? peakOpsPerSecond(arch) / 1e12 / area.areaMm2 : 0,
        energyAreaJouleMm2: energy.energyJoules * area.areaMm2,
      }),
    },
    layers,
  };
}

/** The hierarchy as results describe it: SRAM levels from the units outward, then off-chip memory. */
function memoryLevels(arch: Arch): MemoryLevelInfo[] {
  const onChip = [...arch.sram].sort((a, b) => a.level - b.level);
  return [
    ...onChip.map((b) => ({
      name: b.name,
      kind: 'sram',
      bytes: b.bytes,
      level: b.level,
      holds: b.holds,
      bytesPerSecond: portBytesPerSecond(b, arch.clockHz),
      timed: b.bytesPerSecond !== undefined,
    })),
    {
      name: 'dram',
      kind: arch.dram.kind,
      bytes: null,
      level: 1 + Math.max(...(['input', 'weight', 'output'] as const).map((r) => levelsOf(arch, r).length - 1)),
      holds: ['input', 'weight', 'output'],
      bytesPerSecond: arch.dram.ideal ? null : arch.dram.bytesPerSecond,
      timed: !arch.dram.ideal,
    },
  ];
}

/** Each level's bytes summed over the layers. */
function memoryTotals(layers: readonly LayerResult[]): Record<string, MemoryLevelBytes> {
  const sums = new Map<string, LevelBytes>();
  for (const l of layers) {
    for (const [name, m] of Object.entries(l.memory)) {
      const s = sums.get(name) ?? { read: zeroRoles(), write: zeroRoles() };
      for (const r of ['input', 'weight', 'output'] as const) {
        s.read[r] += m.readByRole[r];
        s.write[r] += m.writeByRole[r];
      }
      sums.set(name, s);
    }
  }
  return Object.fromEntries([...sums].map(([name, s]) => [name, levelResult(s)]));
}
