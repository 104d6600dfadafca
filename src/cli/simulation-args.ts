import type { Argv, Options } from 'yargs';
import type { Arch } from '../hardware/arch.js';
import { archFromDocument, loadArch } from '../load/load-arch.js';
import { findable, picojouleVersion, readRunRecord, runRecord } from './run-record.js';
import { loadCostTable } from '../load/load-cost-table.js';
import { fail } from '../config/user-error.js';
import { loadWorkload } from '../load/load-workload.js';
import type { WhatIf } from '../workload/what-if.js';
import { simulateWhatIf } from '../sim/simulate-what-if.js';
import type { RunRecord, SimResult } from '../sim/result.js';
import type { SimulateOptions } from '../sim/simulate.js';
import { isLlmRef, loadLlm } from '../load/load-llm.js';
import { llmRunFromArgs, type LlmArgs } from './llm-args.js';
import { simulateLlm } from '../sim/simulate-llm.js';

/** Flags that pick what to simulate: the arch, the workload, and a quantize/prune what-if. */
export interface SimulationArgs extends LlmArgs {
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

/** What to simulate: the arch and the workload. */
const TARGET_OPTIONS = {
  arch: { alias: 'a', type: 'string', describe: 'preset name (see `presets`) or arch JSON file' },
  workload: {
    alias: 'w',
    type: 'string',
    describe: 'built-in name (see `workloads`), workload JSON, SCALE-Sim topology CSV, or an .onnx/.tflite model',
  },
} as const satisfies Record<string, Options>;

/** The quantize/prune what-if. */
const WHAT_IF_OPTIONS = {
  precision: {
    type: 'string',
    describe: 'quantize every layer: int2|int4|int8|int16|bf16|fp16, or w<bits>a<bits> such as w4a8',
  },
  prune: { type: 'number', describe: "prune this fraction of every layer's weights (0.8 keeps 20%)" },
  'weight-density': { type: 'number', describe: 'fraction of non-zero weights, 0–1 (alternative to --prune)' },
  'activation-density': { type: 'number', describe: 'fraction of non-zero input activations, 0–1' },
  'sparsity-structure': {
    type: 'string',
    describe: 'pattern of pruned weights: unstructured (default), channel, or N:M such as 2:4',
  },
} as const satisfies Record<string, Options>;

/** How actions are priced and layers mapped. */
const COST_OPTIONS = {
  'cost-table': {
    type: 'string',
    describe: "price actions with this cost table (a name in arch-configs/tech/ or a JSON file) instead of the arch's",
  },
  mapping: {
    choices: ['search', 'exhaustive', 'fixed', 'scalesim'],
    describe:
      "how layers are laid onto the array: search loop orders and tile sizes (the default), exhaustive, or the array's fixed fold order",
  },
  objective: {
    choices: ['edp', 'energy', 'latency'],
    describe: 'what the mapper minimises per layer (default edp: energy × delay)',
  },
} as const satisfies Record<string, Options>;

/** The language-model run. */
const LLM_OPTIONS = {
  phase: {
    type: 'string',
    describe: 'language models: prefill (the prompt) or decode (one step per generated token)',
  },
  prompt: { type: 'number', describe: 'prefill: prompt tokens per sequence (default 512)' },
  context: { type: 'number', describe: 'decode: tokens already in the KV cache (default 1024)' },
  tokens: { type: 'number', describe: 'decode: tokens to generate per sequence (default 1)' },
  batch: { type: 'number', describe: 'language models: sequences run together (default 1)' },
  beams: {
    type: 'number',
    describe: 'decode: beam-search candidates per sequence, each with its own KV cache (default 1)',
  },
  weights: {
    type: 'string',
    describe: 'language models: weight format: fp16, int8, int4-g128 (w4a16), mxfp4, mxint8, pal3, pal:3.7, ... (default int8)',
  },
  activations: { type: 'string', describe: 'language models: fp16 (default), bf16 or int8' },
  'kv-precision': { type: 'string', describe: 'language models: KV-cache format: fp16 (default), int8 or int4' },
} as const satisfies Record<string, Options>;

/**
 * Every option that shapes a run: `--replay` conflicts with each, so a new one added to a list
 * above cannot be left out. The order is the help's and that of yargs' conflict messages.
 */
const RUN_OPTIONS: Record<string, Options> = { ...TARGET_OPTIONS, ...WHAT_IF_OPTIONS, ...COST_OPTIONS, ...LLM_OPTIONS };

/** Adds the simulation flags to a command. */
export function simulationOptions<T>(y: Argv<T>): Argv<T> {
  for (const [name, option] of Object.entries(RUN_OPTIONS)) y = y.option(name, option);
  return y
    .option('replay', {
      type: 'string',
      describe: 'rerun the run a result.json records (its arch, workload, what-if and cost table) instead of --arch/--workload',
      conflicts: Object.keys(RUN_OPTIONS),
    })
    .group(Object.keys(WHAT_IF_OPTIONS), 'What-if (compared with the dense int8 network):')
    .group(Object.keys(LLM_OPTIONS), 'Language models (-w llama-3.2-1b, qwen2.5-0.5b, llama-3.2-3b, or a model JSON):');
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
  if (isLlmRef(args.workload)) {
    const run = llmRunFromArgs(args);
    const arch = withMapping(loadArch(args.arch), args);
    const model = loadLlm(args.workload);
    const result = simulateLlm(arch, model, run, { ...options, costTable });
    const record: RunRecord = {
      picojoule: picojouleVersion(),
      arch: arch.document ?? {},
      workload: { ref: findable(args.workload), name: model.name, sha256: model.sha256 ?? null },
      whatIf: {},
      costTable: args.costTable === undefined ? null : findable(args.costTable),
      llm: llmFlags(args),
    };
    return { ...result, run: record };
  }
  if (args.phase !== undefined)
    fail(
      '--phase',
      undefined,
      `"${args.workload}" is not a language model; --phase needs one (a built-in such as llama-3.2-1b, or a model JSON with a "transformer" object)`,
    );
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
  if (record.llm !== undefined) {
    const model = loadLlm(record.workload.ref);
    if (record.workload.sha256 !== null && model.sha256 !== record.workload.sha256)
      fail(
        '--replay',
        undefined,
        `the model "${record.workload.ref}" has changed since ${file} was written (its SHA-256 differs); the run cannot be reproduced`,
      );
    const costTable = record.costTable === null ? options.costTable : loadCostTable(record.costTable, `${file}: /run/costTable`);
    return { ...simulateLlm(arch, model, llmRunFromArgs(record.llm as LlmArgs), { ...options, costTable }), run: record };
  }
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

/** The language-model flags a run was given, as its record keeps them. */
function llmFlags(a: LlmArgs): Record<string, string | number> {
  const keys = [
    'phase',
    'prompt',
    'context',
    'tokens',
    'batch',
    'beams',
    'weights',
    'activations',
    'kvPrecision',
    'precision',
  ] as const;
  const out: Record<string, string | number> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k]!;
  return out;
}
