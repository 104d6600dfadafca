import type { SystolicArray } from '../hardware/arch.js';
import type { Gemm } from '../workload/lower-layer.js';

/**
 * How many independent GEMM instances share one fold when packed block-diagonally on a
 * weight-stationary array: instance j's k×n weights sit at rows j·k.., columns j·n.., the
 * streamed input row is the concatenation of every instance's row, and off-diagonal PEs hold
 * zeros. A depthwise 3×3 layer on a 64×64 array thus runs 7 channels per fold instead of 1.
 * Output- and input-stationary arrays gain nothing from it (the packed extent lands in time).
 */
export function groupsPerFold(array: SystolicArray, g: Gemm): number {
  if (array.groupPacking === 'none' || array.dataflow !== 'ws' || g.instances < 2) return 1;
  return Math.max(1, Math.min(Math.floor(array.rows / g.k), Math.floor(array.cols / g.n), g.instances));
}

/** The GEMM as the array sees it after packing `p` instances per fold. */
export const packGemm = (g: Gemm, p: number): Gemm =>
  p === 1 ? g : { m: g.m, k: g.k * p, n: g.n * p, instances: Math.ceil(g.instances / p) };
