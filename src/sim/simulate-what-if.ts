import type { Arch } from '../hardware/arch.js';
import type { Graph } from '../workload/graph.js';
import { applyWhatIf, denseInt8, isWhatIf, type WhatIf } from '../workload/what-if.js';
import { compareRuns } from './compare.js';
import { simulate, type SimulateOptions } from './simulate.js';
import type { SimResult } from './result.js';

/**
 * Simulates a network after a designer's what-if (quantize, prune) and, when there is one,
 * compares it with the same network dense and int8 on the same arch (`result.comparison`).
 */
export function simulateWhatIf(arch: Arch, graph: Graph, whatIf: WhatIf, options: SimulateOptions = {}): SimResult {
  if (!isWhatIf(whatIf)) return simulate(arch, graph, options);
  const run = simulate(arch, applyWhatIf(graph, whatIf), options);
  const baseline = simulate(arch, denseInt8(graph), { ...options, trace: undefined });
  return { ...run, comparison: compareRuns(run, baseline, 'the same network, dense and int8 throughout') };
}
