import { join } from 'node:path';
import type { Command } from '../command.js';
import { importScalesim } from '../../import/scalesim.js';
import { importModelFile } from '../../import/import-model.js';
import { fail } from '../../config/user-error.js';
import { ensureDir, writeFileAtomic } from '../../report/write-atomic.js';
import { writingTo } from '../output-error.js';

interface ImportArgs {
  format: string;
  model?: string;
  config?: string;
  topology?: string;
  gemm?: boolean;
  out: string;
  inputShape?: string;
  allowUnsupported?: boolean;
}

/** `--input-shape name=1x3x224x224[,other=…]` as shapes by input name. */
function parseInputShapes(text: string | undefined): Record<string, number[]> | undefined {
  if (text === undefined) return undefined;
  return Object.fromEntries(
    text.split(',').map((part) => {
      const m = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(part.trim());
      if (!m) fail('--input-shape', undefined, `expected name=1x3x224x224 (comma-separated for several inputs), got "${part}"`);
      const dims = m![2].split('x').map(Number);
      if (dims.some((d) => d < 1 || d > 1_000_000))
        fail('--input-shape', undefined, `dimensions must be 1 to 1,000,000, got "${part}"`);
      return [m![1], dims];
    }),
  );
}

/** `picojoule import scalesim|onnx`: turn another tool's inputs, or a trained model, into picojoule documents. */
export const importCommand: Command<ImportArgs> = {
  command: 'import <format> [model]',
  describe: "Import another tool's inputs or a trained model as picojoule documents (scalesim, onnx, tflite)",
  builder: (y) =>
    y
      .positional('format', { choices: ['scalesim', 'onnx', 'tflite'], describe: 'input format' })
      .positional('model', { type: 'string', describe: 'the model file (formats onnx, tflite)' })
      .option('config', { alias: 'c', type: 'string', describe: 'SCALE-Sim .cfg file (format scalesim)' })
      .option('topology', { alias: 't', type: 'string', describe: 'SCALE-Sim topology .csv file (format scalesim)' })
      .option('gemm', { type: 'boolean', describe: 'topology is in M,N,K form (default: detected from the header)' })
      .option('input-shape', {
        type: 'string',
        describe: 'shapes of model inputs, e.g. input=1x3x224x224 (symbolic dimensions default to 1)',
      })
      .option('allow-unsupported', {
        type: 'boolean',
        describe: 'run operators the importer does not know as zero-MAC vector work',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'folder to write into (arch.json + workload.json, or workload.json)',
      })
      .example(
        '$0 import scalesim --config scale.cfg --topology alexnet.csv --out imported/',
        'then: picojoule simulate -a imported/arch.json -w imported/workload.json',
      )
      .example('$0 import onnx model.onnx --out imported/', 'then: picojoule simulate -a edge-tpu -w imported/workload.json')
      .example('$0 import tflite model.tflite --out imported/ --allow-unsupported', 'custom operators run as data movement'),
  run: async (args, io) => {
    if (args.format === 'scalesim') {
      if (!args.config) fail('--config', undefined, 'import scalesim needs the SCALE-Sim .cfg file');
      if (!args.topology) fail('--topology', undefined, 'import scalesim needs the SCALE-Sim topology .csv file');
      const r = importScalesim({ configFile: args.config!, topologyFile: args.topology!, gemm: args.gemm, outDir: args.out });
      io.out(`wrote ${r.archFile} (${r.arch.name}) and ${r.workloadFile} (${r.workload.layers.length} layers)\n`);
      return;
    }
    if (!args.model)
      fail(
        'model',
        undefined,
        `import ${args.format} needs the model file: picojoule import ${args.format} model.${args.format} --out DIR`,
      );
    const { workload, notes } = importModelFile(args.model!, {
      inputShapes: parseInputShapes(args.inputShape),
      allowUnsupported: args.allowUnsupported,
    });
    const file = join(args.out, 'workload.json');
    await writingTo('--out', args.out, () => {
      ensureDir(args.out);
      writeFileAtomic(file, `${JSON.stringify(workload, null, 2)}\n`);
    });
    io.out(`wrote ${file} (${workload.layers.length} layers from ${args.model})\n`);
    for (const n of notes) io.err(`picojoule: note: ${n}\n`);
  },
};
