import type { Command } from '../command.js';
import { listWorkloads } from '../../load/load-workload.js';
import { formatCount } from '../../report/format.js';
import { plainTable } from '../../report/plain-table.js';

/** `picojoule workloads`: the built-in networks with layer, MAC and parameter counts. */
export const workloadsCommand: Command<{ json?: boolean }> = {
  command: 'workloads',
  describe: 'List the built-in networks with their layers, MACs and parameters',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', describe: 'print JSON instead of a table' })
      .example('$0 workloads', 'show every built-in network'),
  run: (args, io) => {
    const list = listWorkloads();
    if (args.json) {
      io.out(JSON.stringify(list, null, 2) + '\n');
      return;
    }
    const t = plainTable(['workload', 'layers', 'MACs', 'params', 'description'], [1, 2, 3]);
    for (const w of list) t.push([w.name, String(w.layers), formatCount(w.macs), formatCount(w.params), w.description ?? '']);
    io.out(t.toString() + '\n');
  },
};
