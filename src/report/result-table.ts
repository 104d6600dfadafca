import { plainTable } from './plain-table.js';
import type { SimResult } from '../sim/result.js';
import { formatBytes, formatCount, formatPercent, formatSI } from './format.js';

/** A human-readable summary of a result: a per-layer table and the totals. */
export function resultTable(result: SimResult): string {
  const table = plainTable(['layer', 'type', 'cycles', 'stall', 'MACs', 'util', 'DRAM read', 'DRAM write', 'energy', 'bound'], [2, 3, 4, 5, 6, 7, 8]);
  for (const l of result.layers) {
    table.push([l.name, l.type, formatCount(l.cycles), formatCount(l.stallCycles), formatCount(l.macs), formatPercent(l.utilization), formatBytes(l.dram.readBytes), formatBytes(l.dram.writeBytes), formatSI(l.energyJoules, 'J'), l.bound]);
  }
  const t = result.totals;
  const a = result.arch;
  const lines = [
    `${result.workload.name} on ${a.name} (${a.array.rows}×${a.array.cols} ${a.array.dataflow}, ${formatSI(a.clockHz, 'Hz')}, peak ${formatSI(a.peakOpsPerSecond, 'OPS')})`,
    table.toString(),
    '',
    `latency      ${formatSI(t.seconds, 's')}  (${formatCount(t.cycles)} cycles, ${formatCount(t.stallCycles)} stalled)`,
    `throughput   ${formatSI(t.opsPerSecond, 'OPS')}  (utilization ${formatPercent(t.utilization)} of ${formatCount(t.macs)} MACs)`,
    `DRAM         ${formatBytes(t.dramBytes.read)} read, ${formatBytes(t.dramBytes.write)} written`,
    `energy       ${formatSI(t.energyJoules, 'J')}  (${formatSI(t.averagePowerWatts, 'W')} average, ${formatSI(t.opsPerWatt, 'OPS/W')}; ${result.energy.table} table)`,
    `  by part    ${Object.entries(t.energyBreakdownJoules)
      .filter(([, j]) => j > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, j]) => `${k} ${formatPercent(t.energyJoules > 0 ? j / t.energyJoules : 0)}`)
      .join(', ')}`,
  ];
  return lines.join('\n') + '\n';
}
