import type { Argv } from 'yargs';
import type { Arch } from '../hardware/arch.js';
import { archFromDocument, loadArch } from '../load/load-arch.js';
import { readRunRecord, runRecord } from './run-record.js';
import { loadCostTable } from '../load/load-cost-table.js';
import { fail } from '../config/user-error.js';
import { loadWorkload } from '../load/load-workload.js';
import type { WhatIf } from '../workload/what-if.js';
import { simulateWhatIf } from '../sim/simulate-what-if.js';
import type { SimResult } from '../sim/result.js';
import type { SimulateOptions } from '../sim/simulate.js';

/** Flags that pick what to simulate: the arch, the workload, and a quantize/prune what-if. */
export interface SimulationArgs {
  arch: string;
  workload: string;
  precision?: string;
  prune?: number;
  weightDensity?: number;
  activationDensity?: number;
  sparsityStructure?: string;
  costTable?: string;
  /** How layers are laid onto the array, and what the mapper minimises (the arch's own choice by default). */
  mapping?: 'search' | 'exhaustive' | 'fixed' | 'scalesim';
  objective?: 'edp' | 'energy' | 'latency';
  /** A result file whose run to repeat instead of --arch/--workload and the what-if. */
  replay?: string;
}

/** Adds the simulation flags to a command. */
export function simulationOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('arch', { alias: 'a', type: 'string', describe: 'preset name (see `presets`) or arch JSON file' })
    .option('workload', {
      alias: 'w',
      type: 'string',
      describe: 'built-in name (see `workloads`), workload JSON, SCALE-Sim topology CSV, or an .onnx/.tflite model',
    })
    .option('cost-table', {
      type: 'string',
      describe: "price actions with this cost table (a name in arch-configs/tech/ or a JSON file) instead of the arch's",
    })
    .option('precision', {
      type: 'string',
      describe: 'quantize every layer: int2|int4|int8|int16|bf16|fp16, or w<bits>a<bits> such as w4a8',
    })
    .option('prune', { type: 'number', describe: "prune this fraction of every layer's weights (0.8 keeps 20%)" })
    .option('weight-density', { type: 'number', describe: 'fraction of non-zero weights, 0–1 (alternative to --prune)' })
    .option('activation-density', { type: 'number', describe: 'fraction of non-zero input activations, 0–1' })
    .option('sparsity-structure', {
      type: 'string',
      describe: 'pattern of pruned weights: unstructured (default), channel, or N:M such as 2:4',
    })
    .option('mapping', {
      choices: ['search', 'exhaustive', 'fixed', 'scalesim'] as const,
      describe:
        "how layers are laid onto the array: search loop orders and tile sizes (the default), exhaustive, or the array's fixed fold order",
    })
    .option('objective', {
      choices: ['edp', 'energy', 'latency'] as const,
      describe: 'what the mapper minimises per layer (default edp: energy × delay)',
    })
    .option('replay', {
      type: 'string',
      describe: 'rerun the run a result.json records (its arch, workload, what-if and cost table) instead of --arch/--workload',
      conflicts: [
        'arch',
        'workload',
        'precision',
        'prune',
        'weight-density',
        'activation-density',
        'sparsity-structure',
        'cost-table',
        'mapping',
        'objective',
      ],
    })
    .group(
      ['precision', 'prune', 'weight-density', 'activation-density', 'sparsity-structure'],
      'What-if (compared with the dense int8 network):',
    );
}

/**
 * Loads, applies the what-if, simulates: what `simulate` and `report` share. The result carries
 * the record that reruns it (`run`); with `replay`, that record of an earlier result is the input.
 */
export function runSimulation(args: SimulationArgs, options: SimulateOptions = {}): SimResult {
  if (args.replay !== undefined) return replay(args.replay, options);
  if (!args.arch?.trim()) fail('--arch', undefined, 'expected a preset name (see `picojoule presets`) or an arch JSON file');
  if (!args.workload?.trim())
    fail(
      '--workload',
      undefined,
      'expected a built-in name (see `picojoule workloads`), a workload JSON file, a SCALE-Sim topology CSV or an .onnx/.tflite model',
    );
  if (args.prune !== undefined && args.weightDensity !== undefined)
    fail('--prune', undefined, 'give either --prune or --weight-density, not both');
  if (args.prune !== undefined && !(args.prune >= 0 && args.prune <= 1))
    fail('--prune', undefined, `the pruned fraction is from 0 to 1; got ${args.prune}`);
  const whatIf: WhatIf = {
    precision: args.precision,
    weightDensity: args.prune !== undefined ? 1 - args.prune : args.weightDensity,
    activationDensity: args.activationDensity,
    structure: args.sparsityStructure,
  };
  const costTable = args.costTable === undefined ? options.costTable : loadCostTable(args.costTable, '--cost-table');
  const arch = withMapping(loadArch(args.arch), args);
  const graph = loadWorkload(args.workload);
  const result = simulateWhatIf(arch, graph, whatIf, { ...options, costTable });
  return { ...result, run: runRecord(arch, graph, args.workload, whatIf, args.costTable) };
}

/**
 * The arch with the mapping flags applied, to its options and to the document the result
 * records (so `--replay` reruns it with the same mapping).
 */
function withMapping(arch: Arch, args: SimulationArgs): Arch {
  const set: Partial<Arch['options']> = {
    ...(args.mapping !== undefined && { mapping: args.mapping }),
    ...(args.objective !== undefined && { mappingObjective: args.objective }),
  };
  if (Object.keys(set).length === 0) return arch;
  const doc = arch.document as { options?: object } | undefined;
  return {
    ...arch,
    options: { ...arch.options, ...set },
    ...(doc && { document: { ...doc, options: { ...doc.options, ...set } } }),
  };
}

/** Reruns the run a result file records: its arch document, its workload (if unchanged), its what-if and cost table. */
function replay(file: string, options: SimulateOptions): SimResult {
  const { record, baseDir } = readRunRecord(file);
  const arch = archFromDocument(record.arch, baseDir);
  const graph = loadWorkload(record.workload.ref);
  if (record.workload.sha256 !== null && graph.sha256 !== record.workload.sha256)
    fail(
      '--replay',
      undefined,
      `the workload "${record.workload.ref}" has changed since ${file} was written (its SHA-256 differs); the run cannot be reproduced`,
    );
  const costTable = record.costTable === null ? options.costTable : loadCostTable(record.costTable, `${file}: /run/costTable`);
  const result = simulateWhatIf(arch, graph, record.whatIf, { ...options, costTable });
  return { ...result, run: runRecord(arch, graph, record.workload.ref, record.whatIf, record.costTable ?? undefined) };
}
