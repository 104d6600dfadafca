import type { Command } from '../command.js';
import { runSimulation, simulationOptions, type SimulationArgs } from '../simulation-args.js';
import { writeFileAtomic } from '../../report/write-atomic.js';
import { writeFolderAtomic } from '../../report/write-folder.js';
import { writingTo } from '../output-error.js';
import { layersCsv } from '../../report/layers-csv.js';
import { resultTable } from '../../report/result-table.js';
import { resultJson } from '../../report/result-json.js';

interface SimulateArgs extends SimulationArgs {
  json?: boolean;
  csv?: string;
  out?: string;
}

/** `picojoule simulate`: run a workload on an architecture and print or save the result. */
export const simulateCommand: Command<SimulateArgs> = {
  command: 'simulate',
  describe: 'Simulate a workload on an architecture: cycles, stalls, utilization, DRAM traffic',
  builder: (y) =>
    simulationOptions(y)
      .option('json', { type: 'boolean', describe: 'print the picojoule/result@1 document instead of a table' })
      .option('csv', { type: 'string', describe: 'also write one row per layer to this CSV file' })
      .option('out', { type: 'string', describe: 'also write result.json and layers.csv into this folder' })
      .example('$0 simulate --arch edge-tpu --workload mobilenet-v2', 'table of per-layer cycles and traffic')
      .example('$0 simulate -a my-arch.json -w resnet-50 --json > result.json', 'machine-readable result')
      .example('$0 simulate -a eyeriss-v2-like -w mobilenet-v2 --prune 0.7 --precision w4a8', 'what-if: gain over dense int8')
      .example(
        '$0 simulate -a apple-ane -w llama-3.2-1b --phase decode --context 1024 --weights int4-g128',
        'a language model: time per token, tokens/s, J/token, KV cache',
      ),
  run: async (args, io) => {
    const result = runSimulation(args);
    const json = resultJson(result);
    const csv = layersCsv(result);
    if (args.csv) await writingTo('--csv', args.csv, () => writeFileAtomic(args.csv!, csv));
    if (args.out)
      await writingTo('--out', args.out, () => writeFolderAtomic({ 'result.json': json, 'layers.csv': csv }, args.out!));
    io.out(args.json ? json : resultTable(result, io.columns));
  },
};
