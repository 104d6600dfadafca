import type { TensorPrecision } from '../config/schemas/common.js';
import type { SparsitySupportSpec, SystolicArraySpec } from '../config/schemas/arch.js';
import type { SourceLog } from '../config/sourced.js';
import type { BuildContext, StorageFormat } from './component.js';

/** A systolic array of MAC PEs, in plain numbers. */
export interface SystolicArray {
  readonly name: string;
  readonly kind: 'systolic-array';
  readonly rows: number;
  readonly cols: number;
  readonly dataflow: 'os' | 'ws' | 'is';
  readonly foldTiming: 'sequential' | 'pipelined';
  readonly accumulatorBytes: number;
  readonly groupPacking: 'block-diagonal' | 'none';
  /** MACs per PE per cycle at each precision the PEs run (native = 1). */
  readonly precisions: Readonly<Partial<Record<TensorPrecision, number>>>;
  readonly precisionFallback: 'error' | 'widen';
  /** How zeros in weights and in input activations are exploited. */
  readonly sparsity: { readonly weight: SparsitySupport; readonly input: SparsitySupport };
}

/** What the array does with zeros in one operand. `structures` undefined means every pattern. */
export interface SparsitySupport {
  readonly mode: 'none' | 'gating' | 'skipping';
  readonly structures?: readonly string[];
  readonly format: StorageFormat;
}

/** Exploits nothing. */
export const NO_SPARSITY: SparsitySupport = { mode: 'none', format: 'none' };

/** Builds a systolic array from its schema-valid spec, recording each parameter's source. */
export function buildSystolicArray(c: SystolicArraySpec, { name, at, log }: BuildContext): SystolicArray {
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
