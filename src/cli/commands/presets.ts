import Table from 'cli-table3';
import type { Command } from '../command.js';
import { listPresets } from '../../load/list-presets.js';
import { formatArea, formatBytes, formatSI } from '../../report/format.js';
import { plainTable } from '../../report/plain-table.js';

/** `picojoule presets`: the built-in architectures with their headline numbers. */
export const presetsCommand: Command<{ json?: boolean }> = {
  command: 'presets',
  describe: 'List the built-in architecture presets: peak TOPS, clock, SRAM, DRAM bandwidth, area',
  builder: (y) =>
    y.option('json', { type: 'boolean', describe: 'print JSON instead of a table' }).example('$0 presets', 'show every preset'),
  run: (args, io) => {
    const presets = listPresets();
    if (args.json) {
      io.out(JSON.stringify(presets, null, 2) + '\n');
      return;
    }
    const t: Table.Table = plainTable(
      ['preset', 'compute', 'clock', 'peak', 'SRAM', 'DRAM bandwidth', 'area', 'description'],
      [2, 3, 4, 5, 6],
    );
    for (const p of presets) {
      t.push([
        p.name,
        p.compute,
        formatSI(p.clockHz, 'Hz'),
        formatSI(p.peakOpsPerSecond, 'OPS'),
        formatBytes(p.sramBytes),
        p.dramBytesPerSecond === null ? 'ideal' : formatSI(p.dramBytesPerSecond, 'B/s'),
        p.areaMm2 === null ? '–' : formatArea(p.areaMm2),
        shorten(p.description ?? '', 48),
      ]);
    }
    io.out(t.toString() + '\n');
  },
};

/** The first clause of a description, cut to `max` characters for a table cell. */
function shorten(text: string, max: number): string {
  const first = text.split(/[,:.(]/)[0].trim();
  return first.length <= max ? first : `${first.slice(0, max - 1)}…`;
}
