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

/** Columns a narrow terminal loses first, in order, once layer names are as short as they may get. */
const DROPPABLE = ['bound', 'type', 'skipped', 'w density', 'DRAM write', 'stall', 'energy'];
/** Shortest a layer name is cut to (with an ellipsis) before columns are dropped. */
const MIN_NAME = 12;

/**
 * A human-readable summary of a result: a per-layer table and the totals. Given a terminal
 * `width`, the table fits it: long layer names are cut (…), then the least needed columns go.
 */
export function resultTable(result: SimResult, width?: number): string {
  const { head, rows, right } = layerRows(result);
  return summaryLines(result, fitTable(head, rows, right, width));
}

/** The rendered table: as is, or cut to `width`. */
function fitTable(head: string[], rows: string[][], right: readonly string[], width: number | undefined): string {
  const render = (h: string[], rs: string[][]) => {
    const t = plainTable(
      h,
      h.flatMap((c, i) => (right.includes(c) ? [i] : [])),
    );
    for (const r of rs) t.push(r);
    return t.toString();
  };
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
  let text = render(head, rows);
  if (width === undefined || widest(text) <= width) return text;
  let h = head;
  let rs = rows;
  const longest = Math.max(...rows.map((r) => r[0].length), 5);
  const cut = Math.max(MIN_NAME, longest - (widest(text) - width));
  rs = rs.map((r) => [r[0].length > cut ? `${r[0].slice(0, cut - 1)}…` : r[0], ...r.slice(1)]);
  text = render(h, rs);
  for (const name of DROPPABLE) {
    if (widest(text) <= width) break;
    const i = h.indexOf(name);
    if (i < 0) continue;
    h = h.filter((_, j) => j !== i);
    rs = rs.map((r) => r.filter((_, j) => j !== i));
    text = render(h, rs);
  }
  return text;
}

function layerRows(result: SimResult): { head: string[]; rows: string[][]; right: string[] } {
  const mixed = result.layers.some(
    (l) => precisionLabel(l) !== 'int8' || l.sparsity.weightDensity < 1 || l.sparsity.inputDensity < 1,
  );
  const base = ['layer', 'type', 'cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'energy', 'bound'];
  const head = mixed ? [...base, 'precision', 'w density', 'skipped'] : base;
  const right = ['cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'energy', 'w density', 'skipped'];
  const rows: string[][] = [];
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
    rows.push(
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
  return { head, rows, right };
}

function summaryLines(result: SimResult, table: string): string {
  const t = result.totals;
  const a = result.arch;
  const lines = [
    `${result.workload.name} on ${a.name} (${a.compute}, ${formatSI(a.clockHz, 'Hz')}, peak ${formatSI(a.peakOpsPerSecond, 'OPS')})`,
    table,
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
  for (const n of [...(c?.notes ?? []), ...notes]) lines.push(`note         ${n}`);
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
