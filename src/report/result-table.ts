import { plainTable } from './plain-table.js';
import type { LayerResult, SimResult } from '../sim/result.js';
import { formatArea, formatBytes, formatCount, formatPercent, formatSI } from './format.js';

/** "w4a8"-style label of a layer's precision (or one name when all tensors agree). */
function precisionLabel(l: LayerResult): string {
  const p = l.precision;
  const base =
    p.weight === p.input && p.input === p.output ? p.weight : `w${p.weight.replace(/\D/g, '')}a${p.input.replace(/\D/g, '')}`;
  return p.fallback ? `${base}→${p.mac}` : base;
}

/** A human-readable summary of a result: a per-layer table and the totals. */
export function resultTable(result: SimResult): string {
  const mixed = result.layers.some(
    (l) => precisionLabel(l) !== 'int8' || l.sparsity.weightDensity < 1 || l.sparsity.inputDensity < 1,
  );
  const head = ['layer', 'type', 'cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'energy', 'bound'];
  const table = plainTable(mixed ? [...head, 'precision', 'w density', 'skipped'] : head, [2, 3, 4, 5, 6, 7, 8, 11, 12]);
  for (const l of result.layers) {
    const row = [
      l.name,
      l.type,
      formatCount(l.cycles),
      formatCount(l.stallCycles),
      formatCount(l.macs),
      formatPercent(l.utilization),
      formatBytes(l.dram.readBytes),
      formatBytes(l.dram.writeBytes),
      formatSI(l.energyJoules, 'J'),
      l.bound,
    ];
    table.push(
      mixed
        ? [
            ...row,
            precisionLabel(l),
            l.sparsity.weightDensity.toFixed(2),
            l.macs > 0 ? formatPercent(l.macsSkipped / l.macs) : '',
          ]
        : row,
    );
  }
  const t = result.totals;
  const a = result.arch;
  const lines = [
    `${result.workload.name} on ${a.name} (${a.compute}, ${formatSI(a.clockHz, 'Hz')}, peak ${formatSI(a.peakOpsPerSecond, 'OPS')})`,
    table.toString(),
    '',
    `latency      ${formatSI(t.seconds, 's')}  (${formatCount(t.cycles)} cycles, ${formatCount(t.stallCycles)} stalled${
      t.invokeCycles > 0 ? `, ${formatSI(t.invokeCycles / a.clockHz, 's')} invoke overhead` : ''
    })`,
    `throughput   ${formatSI(t.opsPerSecond, 'OPS')}  (utilization ${formatPercent(t.utilization)} of ${formatCount(t.macs)} MACs)`,
    `DRAM         ${formatBytes(t.dramBytes.read)} read, ${formatBytes(t.dramBytes.write)} written`,
    `energy       ${formatSI(t.energyJoules, 'J')}  (${formatSI(t.averagePowerWatts, 'W')} average, ${formatSI(t.opsPerWatt, 'OPS/W')}; ${result.energy.table} table)`,
    `  by part    ${shares(t.energyBreakdownJoules, t.energyJoules)}`,
    `EDP          ${Number(t.edpJouleSeconds.toPrecision(3))} J·s`,
  ];
  if (t.areaMm2 !== undefined && result.area) {
    lines.push(
      `area         ${formatArea(t.areaMm2)}  (${Number(t.peakTopsPerMm2!.toPrecision(3))} peak TOPS/mm², energy × area ${Number(t.energyAreaJouleMm2!.toPrecision(3))} J·mm²; ${result.area.table} table, components only)`,
      `  by part    ${shares(t.areaBreakdownMm2!, t.areaMm2)}`,
    );
  }
  const c = result.comparison;
  if (c) {
    lines.push(
      `vs dense int8  ${c.speedup.toFixed(2)}× the speed (${formatSI(c.baseline.seconds, 's')} before), ${c.energyRatio.toFixed(2)}× the energy (${formatSI(c.baseline.energyJoules, 'J')} before), ` +
        `${formatBytes(c.dramBytesSaved)} less DRAM traffic, ${formatCount(c.macsSkipped)} MACs skipped`,
    );
  }
  const notes = [
    ...new Set(
      result.layers.flatMap((l) => [...(l.sparsity.notes ?? []), ...(l.precision.fallback ? [l.precision.fallback] : [])]),
    ),
  ];
  for (const n of notes) lines.push(`note         ${n}`);
  const spilling = result.layers.filter((l) => l.mapping?.spills);
  if (spilling.length) {
    lines.push(
      `note         ${spilling.length} ${spilling.length === 1 ? "layer's folds do" : "layers' folds do"} not fit their SRAM buffer and stream through from the next level (${spilling
        .slice(0, 3)
        .map((l) => l.name)
        .join(', ')}${spilling.length > 3 ? ', …' : ''}; see mapping.spills in --json)`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The non-zero parts of a breakdown, largest first, as shares of the total. */
const shares = (parts: Readonly<Record<string, number>>, total: number): string =>
  Object.entries(parts)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${formatPercent(total > 0 ? v / total : 0)}`)
    .join(', ');
