import type { Argv } from 'yargs';
import { loadArch } from '../load/load-arch.js';
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
}

/** Adds the simulation flags to a command. */
export function simulationOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('arch', { alias: 'a', type: 'string', describe: 'preset name (see `presets`) or arch JSON file' })
    .option('workload', {
      alias: 'w',
      type: 'string',
      describe: 'built-in name (see `workloads`), workload JSON, or SCALE-Sim topology CSV',
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
    .group(
      ['precision', 'prune', 'weight-density', 'activation-density', 'sparsity-structure'],
      'What-if (compared with the dense int8 network):',
    );
}

/** Loads, applies the what-if, simulates: what `simulate` and `report` share. */
export function runSimulation(args: SimulationArgs, options: SimulateOptions = {}): SimResult {
  if (!args.arch?.trim()) fail('--arch', undefined, 'expected a preset name (see `picojoule presets`) or an arch JSON file');
  if (!args.workload?.trim())
    fail(
      '--workload',
      undefined,
      'expected a built-in name (see `picojoule workloads`), a workload JSON file or a SCALE-Sim topology CSV',
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
  return simulateWhatIf(loadArch(args.arch), loadWorkload(args.workload), whatIf, { ...options, costTable });
}
