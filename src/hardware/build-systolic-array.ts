import type { SparsitySupport, SystolicArray } from './arch.js';
import type { SparsitySupportSpec, SystolicArraySpec } from '../config/schemas/arch.js';
import type { SourceLog } from '../config/sourced.js';

const NO_SPARSITY: SparsitySupport = { mode: 'none', format: 'none' };

/** Builds a systolic array from its schema-valid spec, recording each parameter's source. */
export function buildSystolicArray(c: SystolicArraySpec, name: string, at: string, log: SourceLog): SystolicArray {
  return {
    name,
    kind: c.kind,
    rows: log.take(c.rows, `${at}/rows`),
    cols: log.take(c.cols, `${at}/cols`),
    dataflow: c.dataflow,
    foldTiming: c.foldTiming ?? 'pipelined',
    accumulatorBytes: c.accumulatorBytes === undefined ? 4 : log.take(c.accumulatorBytes, `${at}/accumulatorBytes`),
    groupPacking: c.groupPacking ?? 'block-diagonal',
    precisions: c.precisions
      ? Object.fromEntries(Object.entries(c.precisions).map(([p, v]) => [p, log.take(v!, `${at}/precisions/${p}`)]))
      : { int8: 1 },
    precisionFallback: c.precisionFallback ?? 'error',
    sparsity: {
      weight: sparsitySupport(c.sparsity?.weight, `${at}/sparsity/weight`, log),
      input: sparsitySupport(c.sparsity?.activation, `${at}/sparsity/activation`, log),
    },
  };
}

function sparsitySupport(s: SparsitySupportSpec | undefined, at: string, log: SourceLog): SparsitySupport {
  if (!s) return NO_SPARSITY;
  log.note(s.source, at);
  return { mode: s.mode, structures: s.structures, format: s.format ?? 'none' };
}
