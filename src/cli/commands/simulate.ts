import { join } from 'node:path';
import type { Command } from '../main.js';
import { loadArch } from '../../spec/arch.js';
import { loadWorkload } from '../../workload/load-workload.js';
import { simulate } from '../../sim/simulate.js';
import { writeFileAtomic } from '../../report/write-atomic.js';
import { layersCsv } from '../../report/layers-csv.js';
import { resultTable } from '../../report/result-table.js';
import { resultJson } from '../../report/result-json.js';
import { fail } from '../../spec/user-error.js';

interface SimulateArgs {
  arch: string;
  workload: string;
  json?: boolean;
  csv?: string;
  out?: string;
}

/** `picojoule simulate`: run a workload on an architecture and print or save the result. */
export const simulateCommand: Command<SimulateArgs> = {
  command: 'simulate',
  describe: 'Simulate a workload on an architecture: cycles, stalls, utilization, DRAM traffic',
  builder: (y) =>
    y
      .option('arch', { alias: 'a', type: 'string', demandOption: true, describe: 'preset name (see `presets`) or arch JSON file' })
      .option('workload', { alias: 'w', type: 'string', demandOption: true, describe: 'built-in name (see `workloads`), workload JSON, or SCALE-Sim topology CSV' })
      .option('json', { type: 'boolean', describe: 'print the picojoule/result@1 document instead of a table' })
      .option('csv', { type: 'string', describe: 'also write one row per layer to this CSV file' })
      .option('out', { type: 'string', describe: 'also write result.json and layers.csv into this folder' })
      .example('$0 simulate --arch edge-tpu --workload mobilenet-v2', 'table of per-layer cycles and traffic')
      .example('$0 simulate -a my-arch.json -w resnet-50 --json > result.json', 'machine-readable result'),
  run: (args, io) => {
    if (!args.arch.trim()) fail('--arch', undefined, 'expected a preset name (see `picojoule presets`) or an arch JSON file');
    if (!args.workload.trim()) fail('--workload', undefined, 'expected a built-in name (see `picojoule workloads`), a workload JSON file or a SCALE-Sim topology CSV');
    const arch = loadArch(args.arch);
    const graph = loadWorkload(args.workload);
    const result = simulate(arch, graph);
    const json = resultJson(result);
    if (args.csv) writeOutput(args.csv, '--csv', layersCsv(result));
    if (args.out) {
      writeOutput(join(args.out, 'result.json'), '--out', json);
      writeOutput(join(args.out, 'layers.csv'), '--out', layersCsv(result));
    }
    io.out(args.json ? json : resultTable(result));
  },
};

/** Writes one output file atomically; a path that cannot be written is the user's flag's fault. */
function writeOutput(path: string, flag: string, text: string): void {
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    fail(flag, undefined, `cannot write "${path}" (${code}${(err as Error).message ? `: ${(err as Error).message.replace(/^[A-Z]+: /, '')}` : ''}); expected a folder that exists or can be created`);
  }
}
