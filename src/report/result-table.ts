import { plainTable } from './plain-table.js';
import type { LayerResult, SimResult } from '../sim/result.js';
import { formatBytes, formatCount, formatPercent, formatSI } from './format.js';
import { summaryText } from './key-numbers.js';
import { llmLines } from './llm-summary.js';

/** "w4a8"-style label of a layer's precision (or one name when all tensors agree). */
function precisionLabel(l: LayerResult): string {
  const p = l.precision;
  const base =
    p.weight === p.input && p.input === p.output ? p.weight : `w${p.weight.replace(/\D/g, '')}a${p.input.replace(/\D/g, '')}`;
  return p.fallback ? `${base}→${p.mac}` : base;
}

/** Columns a narrow terminal loses first, in order, once layer names are as short as they may get. */
const DROPPABLE = ['bound', 'type', 'skipped', 'w density', 'DRAM/min', 'DRAM write', 'stall', 'energy'];
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
  const base = ['layer', 'type', 'cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'DRAM/min', 'energy', 'bound'];
  const head = mixed ? [...base, 'precision', 'w density', 'skipped'] : base;
  const right = ['cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'DRAM/min', 'energy', 'w density', 'skipped'];
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
      // DRAM bytes over the compulsory ones (each tensor once): what the mapping costs in traffic.
      l.dram.toCompulsory === undefined ? '' : `${l.dram.toCompulsory.toFixed(2)}×`,
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
  const a = result.arch;
  return (
    [
      `${result.workload.name} on ${a.name} (${a.compute}, ${formatSI(a.clockHz, 'Hz')}, peak ${formatSI(a.peakOpsPerSecond, 'OPS')})`,
      table,
      '',
      ...summaryText(result),
      ...(result.llm ? ['', ...llmLines(result.llm)] : []),
    ].join('\n') + '\n'
  );
}
