import type { Arch } from '../hardware/arch.js';
import type { Graph } from '../workload/graph.js';
import { parseNM } from '../workload/precision.js';
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
  const comparison = compareRuns(run, baseline, 'the same network, dense and int8 throughout');
  const notes = whatIfNotes(whatIf);
  return { ...run, comparison: notes.length ? { ...comparison, notes } : comparison };
}

/** Where a what-if runs other than as asked: an N:M pattern keeps exactly N of every M weights. */
function whatIfNotes(w: WhatIf): string[] {
  const nm = w.structure ? parseNM(w.structure) : undefined;
  if (!nm || w.weightDensity === undefined || Math.abs(w.weightDensity - nm.n / nm.m) < 1e-9) return [];
  const pct = (x: number) => `${Number((100 * x).toPrecision(3))} %`;
  return [
    `${w.structure} keeps exactly ${nm.n} of every ${nm.m} weights: pruning ${pct(1 - w.weightDensity)} runs as ${pct(1 - nm.n / nm.m)} pruned`,
  ];
}
