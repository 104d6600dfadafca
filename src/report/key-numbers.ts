import type { SimResult } from '../sim/result.js';
import { formatArea, formatBytes, formatCount, formatPercent, formatSI } from './format.js';

/** A headline figure of a run, as text: what it is, its value, and what it rests on. */
export interface KeyNumber {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
  /** The figure split by component, largest share first ("sram 40%, mac 30%, …"), where it has parts. */
  readonly parts?: string;
}

/** Operations per joule as TOPS/W with three significant digits. */
export const formatTopsPerWatt = (opsPerWatt: number): string => `${Number((opsPerWatt / 1e12).toPrecision(3))} TOPS/W`;

/**
 * The compute hardware in a few words: the result's own one-line description when it has one
 * ("64×64 ws", crossbars for in-memory compute), else the systolic array's size and dataflow.
 */
export function describeCompute(result: SimResult): string {
  const arch = result.arch as SimResult['arch'] & { readonly compute?: unknown };
  if (typeof arch.compute === 'string' && arch.compute) return arch.compute;
  return arch.array ? `${arch.array.rows}×${arch.array.cols} ${arch.array.dataflow} array` : 'the compute units';
}

/** A utilization: one decimal ("9.0%"), or two significant digits below 0.1% ("0.013%"), "0%" for none. */
export function formatUtilization(fraction: number): string {
  if (fraction <= 0) return '0%';
  return fraction >= 0.001 ? formatPercent(fraction) : `${Number((100 * fraction).toPrecision(2))}%`;
}

/** The headline figures of a run: latency, energy, power, efficiency, utilization, DRAM traffic, cost table. */
export function keyNumbers(result: SimResult): KeyNumber[] {
  const t = result.totals;
  const a = result.arch;
  const stallShare = t.cycles > 0 ? t.stallCycles / t.cycles : 0;
  return [
    {
      label: 'latency',
      value: formatSI(t.seconds, 's'),
      detail: `${formatCount(t.cycles)} cycles at ${formatSI(a.clockHz, 'Hz')}; ${formatPercent(stallShare)} stalled on DRAM${
        t.invokeCycles > 0 ? `; ${formatSI(t.invokeCycles / a.clockHz, 's')} invoke overhead` : ''
      }`,
    },
    {
      label: 'energy per inference',
      value: formatSI(t.energyJoules, 'J'),
      detail: `for ${formatCount(t.macs)} MACs; energy × delay ${Number(t.edpJouleSeconds.toPrecision(3))} J·s`,
      parts: shares(t.energyBreakdownJoules, t.energyJoules),
    },
    {
      label: 'average power',
      value: formatSI(t.averagePowerWatts, 'W'),
      detail: `of which static ${formatSI(result.energy.staticWatts, 'W')}`,
    },
    {
      label: 'efficiency',
      value: formatTopsPerWatt(t.opsPerWatt),
      detail: `${formatSI(t.opsPerSecond, 'op/s')} achieved; ops = 2 × MACs`,
    },
    {
      label: 'utilization',
      value: formatUtilization(t.utilization),
      detail: `${describeCompute(result)}; peak ${formatSI(a.peakOpsPerSecond, 'op/s')}`,
    },
    {
      label: 'DRAM traffic',
      value: formatBytes(t.dramBytes.read + t.dramBytes.write),
      detail: `${formatBytes(t.dramBytes.read)} read, ${formatBytes(t.dramBytes.write)} written; ${a.dram.bytesPerSecond ? formatSI(a.dram.bytesPerSecond, 'B/s') : 'ideal DRAM'}`,
    },
    { label: 'cost table', value: result.energy.table, detail: `${result.energy.node} technology` },
    ...(t.areaMm2 === undefined || !result.area ? [] : [areaNumber(result)]),
  ];
}

/** The area figure: total, TOPS/mm² and energy × area, split by component. */
function areaNumber(result: SimResult): KeyNumber {
  const t = result.totals;
  return {
    label: 'area',
    value: formatArea(t.areaMm2!),
    detail: `${result.area!.table}; ${Number(t.peakTopsPerMm2!.toPrecision(3))} peak TOPS/mm²; energy × area ${Number(t.energyAreaJouleMm2!.toPrecision(3))} J·mm²; components only (docs/area.md)`,
    parts: shares(t.areaBreakdownMm2!, t.areaMm2!),
  };
}

/** The non-zero parts of a breakdown, largest first, as shares of the total. */
function shares(parts: Readonly<Record<string, number>>, total: number): string {
  return Object.entries(parts)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${formatPercent(total > 0 ? v / total : 0)}`)
    .join(', ');
}

/**
 * The run's summary as text lines, the same wherever the CLI prints one (`simulate`, `report`):
 * the key numbers, each component split below its figure, then what a what-if changed and the
 * notes on what ran other than asked.
 */
export function summaryText(result: SimResult): string[] {
  const c = result.comparison;
  const notes = [
    ...(c?.notes ?? []),
    ...new Set(
      result.layers.flatMap((l) => [...(l.sparsity.notes ?? []), ...(l.precision.fallback ? [l.precision.fallback] : [])]),
    ),
  ];
  const spilling = result.layers.filter((l) => l.mapping?.spills);
  if (spilling.length)
    notes.push(
      `${spilling.length} ${spilling.length === 1 ? "layer's folds do" : "layers' folds do"} not fit their SRAM buffer and stream through from the next level (${spilling
        .slice(0, 3)
        .map((l) => l.name)
        .join(', ')}${spilling.length > 3 ? ', …' : ''}; see mapping.spills in --json)`,
    );
  const numbers: KeyNumber[] = [
    ...keyNumbers(result),
    ...(c
      ? [
          {
            label: 'vs dense int8',
            value: `${c.speedup.toFixed(2)}× the speed`,
            detail: `${formatSI(c.baseline.seconds, 's')} before; ${c.energyRatio.toFixed(2)}× the energy, ${formatSI(c.baseline.energyJoules, 'J')} before; ${formatBytes(c.dramBytesSaved)} less DRAM traffic; ${formatCount(c.macsSkipped)} MACs skipped`,
          },
        ]
      : []),
  ];
  const width = Math.max(...numbers.map((k) => k.label.length));
  return [
    ...numbers.flatMap((k) => [
      `${k.label.padEnd(width)}  ${k.value}  (${k.detail})`,
      ...(k.parts ? [`${'  by part'.padEnd(width)}  ${k.parts}`] : []),
    ]),
    ...notes.map((n) => `${'note'.padEnd(width)}  ${n}`),
  ];
}
