import type { SimResult } from '../sim/result.js';
import { formatArea, formatBytes, formatCount, formatPercent, formatSI } from './format.js';

/** A headline figure of a run, as text: what it is, its value, and what it rests on. */
export interface KeyNumber {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
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
      detail: `${formatCount(t.cycles)} cycles at ${formatSI(a.clockHz, 'Hz')}; ${formatPercent(stallShare)} stalled on DRAM`,
    },
    { label: 'energy per inference', value: formatSI(t.energyJoules, 'J'), detail: `for ${formatSI(t.macs, '').trim()} MACs` },
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

/** The area figure: total, the largest part's share, and TOPS/mm². */
function areaNumber(result: SimResult): KeyNumber {
  const t = result.totals;
  const [largest, mm2] = Object.entries(t.areaBreakdownMm2 ?? {}).reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  return {
    label: 'area',
    value: formatArea(t.areaMm2!),
    detail: `${result.area!.table}; ${largest} ${formatPercent(mm2 / t.areaMm2!)}; ${Number(t.peakTopsPerMm2!.toPrecision(3))} peak TOPS/mm²; components only (docs/area.md)`,
  };
}
