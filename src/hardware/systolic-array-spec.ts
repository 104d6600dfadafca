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
  /** Identical arrays sharing each fold's stationary block, each streaming a share of the streamed extent. */
  readonly cores: number;
  readonly dataflow: 'os' | 'ws' | 'is' | 'rs';
  readonly foldTiming: 'sequential' | 'pipelined';
  readonly accumulatorBytes: number;
  /** Partial sums across row folds: in the SRAM next to the array, or in accumulators at its output. */
  readonly partialSums: 'buffer' | 'accumulators';
  readonly groupPacking: 'block-diagonal' | 'none';
  /** MACs per PE per cycle at each precision the PEs run (native = 1). */
  readonly precisions: Readonly<Partial<Record<TensorPrecision, number>>>;
  readonly precisionFallback: 'error' | 'widen';
  /** Packed weight formats (palettes, group scales, MX): decoded on the way in (lut), or widened to the MAC precision in memory (expand). */
  readonly weightDecode?: 'lut' | 'expand';
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
export function buildSystolicArray(c: SystolicArraySpec, { name, at, log, file, problems }: BuildContext): SystolicArray {
  const cores = c.cores === undefined ? 1 : log.take(c.cores, `${at}/cores`);
  const precisions: Partial<Record<TensorPrecision, number>> = c.precisions
    ? Object.fromEntries(Object.entries(c.precisions).map(([p, v]) => [p, log.take(v!, `${at}/precisions/${p}`)]))
    : { int8: 1 };
  // Rates outside this span are typing slips, and would overflow cycle counts to Infinity.
  for (const [p, rate] of Object.entries(precisions))
    if (!(rate >= 1 / 1024 && rate <= 1024))
      problems.push({
        file,
        path: `${at}/precisions/${p}`,
        message: `MACs per PE per cycle must be from 1/1024 to 1024; got ${rate}`,
      });
  if (cores > 1 && c.dataflow === 'rs')
    problems.push({ file, path: `${at}/cores`, message: 'a row-stationary array is one core: give its rows and cols instead' });
  if (cores > 1 && c.dataflow === 'os')
    problems.push({
      file,
      path: `${at}/cores`,
      message: 'cores split the streamed extent, which for os is the reduction: use ws or is, or one core',
    });
  return {
    name,
    kind: c.kind,
    rows: log.take(c.rows, `${at}/rows`),
    cols: log.take(c.cols, `${at}/cols`),
    cores,
    dataflow: c.dataflow,
    foldTiming: c.foldTiming ?? 'pipelined',
    accumulatorBytes: c.accumulatorBytes === undefined ? 4 : log.take(c.accumulatorBytes, `${at}/accumulatorBytes`),
    partialSums: c.partialSums ?? 'buffer',
    groupPacking: c.groupPacking ?? 'block-diagonal',
    precisions,
    precisionFallback: c.precisionFallback ?? 'error',
    weightDecode: c.weightDecode ?? 'lut',
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
