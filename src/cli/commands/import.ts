import type { Command } from '../command.js';
import { importScalesim } from '../../import/scalesim.js';

interface ImportArgs {
  format: string;
  config: string;
  topology: string;
  gemm?: boolean;
  out: string;
}

/** `picojoule import scalesim`: turn SCALE-Sim v2 inputs into picojoule documents. */
export const importCommand: Command<ImportArgs> = {
  command: 'import <format>',
  describe: "Import another tool's inputs as arch.json + workload.json (format: scalesim)",
  builder: (y) =>
    y
      .positional('format', { choices: ['scalesim'], describe: 'input format' })
      .option('config', { alias: 'c', type: 'string', demandOption: true, describe: 'SCALE-Sim .cfg file' })
      .option('topology', { alias: 't', type: 'string', demandOption: true, describe: 'SCALE-Sim topology .csv file' })
      .option('gemm', { type: 'boolean', describe: 'topology is in M,N,K form (default: detected from the header)' })
      .option('out', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'folder to write arch.json and workload.json into',
      })
      .example(
        '$0 import scalesim --config scale.cfg --topology alexnet.csv --out imported/',
        'then: picojoule simulate -a imported/arch.json -w imported/workload.json',
      ),
  run: (args, io) => {
    const r = importScalesim({ configFile: args.config, topologyFile: args.topology, gemm: args.gemm, outDir: args.out });
    io.out(`wrote ${r.archFile} (${r.arch.name}) and ${r.workloadFile} (${r.workload.layers.length} layers)\n`);
  },
};
