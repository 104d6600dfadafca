import { isAbsolute, join, relative } from 'node:path';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { runSimulation, simulationOptions, type SimulationArgs } from '../simulation-args.js';
import type { SimResult } from '../../sim/result.js';
import { readResult } from '../../report/read-result.js';
import { recordTrace, type TraceEvent } from '../../report/trace-recorder.js';
import { writeReport } from '../../report/write-report.js';
import { summaryText } from '../../report/key-numbers.js';
import { llmLines } from '../../report/llm-summary.js';
import { fail } from '../../config/user-error.js';
import { writingTo } from '../output-error.js';
import { isSweepFolder, rerenderSweep } from '../../sweep/rerender-sweep.js';
import { isLlmRef, loadLlm } from '../../load/load-llm.js';
import { loadArch } from '../../load/load-arch.js';
import { llmSweep, type LlmSweep } from '../../sim/llm-sweep.js';
import { llmRunFromArgs } from '../llm-args.js';

interface ReportArgs extends Partial<SimulationArgs> {
  result?: string;
  out?: string;
}

/** `picojoule report`: an HTML page with SVG charts, from a result.json or from a fresh simulation. */
export const reportCommand: Command<ReportArgs> = {
  command: 'report [result]',
  describe: 'Write an HTML report with SVG charts: energy by component and per layer, roofline, timeline',
  builder: (y) =>
    simulationOptions(
      y.positional('result', {
        type: 'string',
        describe: 'a result.json written by `picojoule simulate --json` (or by --out), or a sweep’s output folder',
      }),
    )
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'folder to write the report into [default: reports/<workload>-<arch>/]',
      })
      .example('$0 report --arch edge-tpu --workload mobilenet-v2', 'simulate, then write reports/mobilenet-v2-edge-tpu/')
      .example('$0 report result.json --out reports/run1', 'chart a saved result (timeline estimated from per-layer totals)')
      .example('$0 simulate -a ethos-u55-256 -w ds-cnn --json > r.json && $0 report r.json', 'the same in two steps')
      .example(
        '$0 report -a apple-ane -w llama-3.2-1b --weights int4-g128',
        'a language model: tokens/s and J/token over context and batch, decode against prefill on the roofline',
      )
      .example(
        '$0 report runs/area-sweep',
        'draw a sweep folder’s page (index.html, pareto.json, results.csv) again from its rows',
      ),
  run: async (args, io) => {
    if (args.result !== undefined && isSweepFolder(args.result)) {
      const out = args.out ?? args.result;
      const r = await writingTo('--out', out, () => rerenderSweep(args.result!, out));
      io.out(`Sweep page for "${r.name}" (${r.rows} rows): ${join(out, 'index.html')}\n`);
      return;
    }
    const { result, trace, llm } = obtainResult(args);
    const out = args.out ?? join('reports', `${safeName(result.workload.name)}-${safeName(result.arch.name)}`);
    if (!out.trim()) fail('--out', undefined, 'expected a folder name');
    const written = await writingTo('--out', out, () =>
      writeReport(result, out, { ...(trace ? { trace } : {}), ...(llm ? { llm } : {}) }),
    );
    const shown = relative(process.cwd(), written.dir);
    printSummary(
      result,
      join(shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : written.dir, 'index.html'),
      written.files,
      io,
    );
  },
};

/** The result to chart: read from the file argument, or simulated (with a trace) from --arch and --workload. */
function obtainResult(args: ReportArgs): { result: SimResult; trace?: TraceEvent[]; llm?: LlmSweep } {
  const simulating = args.arch !== undefined || args.workload !== undefined;
  if (args.result !== undefined && simulating) {
    fail(
      args.arch !== undefined ? '--arch' : '--workload',
      undefined,
      `give either a result file ("${args.result}") or --arch and --workload, not both`,
    );
  }
  if (args.result !== undefined) {
    if (!args.result.trim()) fail('result', undefined, 'expected the path of a result.json');
    return { result: readResult(args.result) };
  }
  if (args.arch === undefined || !args.arch.trim())
    fail(
      '--arch',
      undefined,
      'expected a preset name or arch JSON file with --workload, or a result.json to chart (see `picojoule report --help`)',
    );
  if (args.workload === undefined || !args.workload.trim())
    fail('--workload', undefined, 'expected a built-in name (see `picojoule workloads`) or a workload file, with --arch');
  const { events, sink } = recordTrace();
  const result = runSimulation({ ...args, arch: args.arch, workload: args.workload }, { trace: sink });
  // A language model's page also sweeps context, batch and prompt on the same chip.
  const llm = isLlmRef(args.workload) ? llmSweep(loadArch(args.arch), loadLlm(args.workload), llmRunFromArgs(args)) : undefined;
  return { result, trace: events, ...(llm ? { llm } : {}) };
}

function printSummary(result: SimResult, index: string, files: readonly string[], io: Io): void {
  io.out(
    [
      `Report for ${result.workload.name} on ${result.arch.name}: ${index}`,
      `  (also ${files.filter((f) => f !== 'index.html').join(', ')})`,
      ...summaryText(result).map((line) => `  ${line}`),
      ...(result.llm ? llmLines(result.llm).map((line) => `  ${line}`) : []),
    ].join('\n') + '\n',
  );
}

/** A name safe as one path segment: anything but letters, digits, dot, dash and underscore becomes a dash. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'unnamed';
