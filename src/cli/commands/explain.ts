import { isAbsolute, join, relative } from 'node:path';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { explainVonNeumann, type ExplainData } from '../../explain/explain-von-neumann.js';
import { writeExplainReport } from '../../explain/write-explain.js';
import { fail } from '../../config/user-error.js';
import { writingTo } from '../output-error.js';

interface ExplainArgs {
  topic: string;
  workload?: string;
  npu: string;
  imc: string;
  sweepBandwidth?: boolean;
  out?: string;
}

/** Topics `explain` knows. */
const TOPICS = ['von-neumann'] as const;

/** `picojoule explain von-neumann`: the teaching view of the von Neumann bottleneck. */
export const explainCommand: Command<ExplainArgs> = {
  command: 'explain <topic>',
  describe: 'Teaching views; von-neumann: one network on a von Neumann NPU and an in-memory design, side by side',
  builder: (y) =>
    y
      .positional('topic', { type: 'string', choices: TOPICS, describe: 'what to explain' })
      .option('workload', {
        alias: 'w',
        type: 'string',
        describe: 'built-in name (see `workloads`), workload JSON, SCALE-Sim topology CSV, or an .onnx/.tflite model',
      })
      .option('npu', {
        type: 'string',
        default: 'edge-tpu',
        describe: 'the von Neumann design: preset name or arch JSON file (a PE array, no crossbars)',
      })
      .option('imc', {
        type: 'string',
        default: 'sram-cim',
        describe: 'the in-memory-compute design: preset name or arch JSON file (with an imc-tile)',
      })
      .option('sweep-bandwidth', {
        type: 'boolean',
        describe: 'also rerun both designs at 1/4×, 1/2×, 1×, 2×, 4× and 8× their DRAM bandwidth',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'folder to write the page into [default: reports/explain-<workload>/]',
      })
      .example('$0 explain von-neumann --workload mobilenet-v2', 'edge-tpu vs sram-cim, written to reports/explain-mobilenet-v2/')
      .example('$0 explain von-neumann -w ds-cnn --imc reram-cim', 'a network whose weights fit in the crossbars, on ReRAM')
      .example(
        '$0 explain von-neumann -w mobilenet-v2 --imc hybrid-edge --sweep-bandwidth --out reports/class3',
        'with a DRAM bandwidth sweep',
      ),
  run: async (args, io) => {
    if (args.workload === undefined || !args.workload.trim()) {
      fail(
        '--workload',
        undefined,
        'expected a built-in name (see `picojoule workloads`), a workload JSON file, a SCALE-Sim topology CSV or an .onnx/.tflite model',
      );
    }
    const data = explainVonNeumann({
      workload: args.workload,
      npu: args.npu,
      imc: args.imc,
      sweepBandwidth: args.sweepBandwidth === true,
    });
    const out = args.out ?? join('reports', `explain-${safeName(data.workload.name)}`);
    if (!out.trim()) fail('--out', undefined, 'expected a folder name');
    const written = await writingTo('--out', out, () => writeExplainReport(data, out));
    const shown = relative(process.cwd(), written.dir);
    const where = join(shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : written.dir, 'index.html');
    printSummary(data, where, written.files, io);
  },
};

function printSummary(data: ExplainData, index: string, files: readonly string[], io: Io): void {
  io.out(
    [
      `The von Neumann bottleneck, ${data.workload.name} on ${data.npu.result.arch.name} and ${data.imc.result.arch.name}: ${index}`,
      `  (also ${files.filter((f) => f !== 'index.html').join(', ')})`,
      '',
      ...data.commentary.paragraphs.flatMap((p) => [
        ...(p.heading ? [`${p.heading}:`] : []),
        ...p.sentences.map((s) => `  ${s.text}`),
      ]),
    ].join('\n') + '\n',
  );
}

/** A name safe as one path segment: anything but letters, digits, dot, dash and underscore becomes a dash. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'unnamed';
