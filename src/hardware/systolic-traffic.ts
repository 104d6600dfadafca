import type { TensorRole } from '../config/schemas/common.js';
import type { Boundary, BoundaryTraffic, RoleBytes } from './component.js';
import { refetchFraction } from './buffer-reuse.js';
import type { SystolicArray } from './systolic-array-spec.js';
import type { FoldMapping } from './systolic-folds.js';
import type { GemmJob } from './systolic-job.js';

/** Per-fold bytes of each role across one boundary, for the few distinct fold shapes. */
export interface FoldTraffic {
  /** Loads of the first, a middle and the last row fold; on the first column fold and on later ones. */
  readonly loads: (c0: boolean, r: number) => RoleBytes;
  readonly stores: (r: number) => RoleBytes;
  readonly totals: BoundaryTraffic;
}

/**
 * Bytes crossing one boundary. A fold loads its slice of the streamed operand (A for os/ws, B for
 * is; again on later column folds only what the inner level could not keep), its block of the
 * other operand, and stores its finished outputs; partial sums that do not fit spill outward
 * between row folds. Beyond a role's last boundary, a tensor already on chip moves nothing.
 */
export function foldTraffic(array: SystolicArray, map: FoldMapping, job: GemmJob, b: Boundary, keepOutput: boolean): FoldTraffic {
  const { instances } = job.gemm;
  const { rowFolds, colFolds } = map;
  const cap = b.capacity;
  const streamed: TensorRole = array.dataflow === 'is' ? 'weight' : 'input';
  const split: TensorRole = streamed === 'input' ? 'weight' : 'input';
  const size = { input: job.inputBytes, weight: job.weightBytes, output: job.outputBytes };
  const resident = { input: b.last.input && job.inputOnChip, weight: b.last.weight && job.weightOnChip, output: false };
  const keep = b.last.output && keepOutput;

  const streamSlice = resident[streamed] ? 0 : size[streamed] / rowFolds;
  const streamAgain = streamSlice * refetchFraction(size[streamed], cap[streamed]);
  // os keeps one column fold's weights across its row folds if they fit; ws and is use each
  // block of the split operand once.
  const colSlice = resident[split] ? 0 : size[split] / colFolds;
  const splitFirst = array.dataflow === 'os' ? colSlice : colSlice / rowFolds;
  const splitAgain = array.dataflow === 'os' ? colSlice * refetchFraction(colSlice, cap.weight) : colSlice / rowFolds;
  const outPerColFold = keep ? 0 : size.output / colFolds;
  const spill = partialSumSpill(array, map, cap.output);

  const only = (bytes: RoleBytes) => ({
    input: b.crosses.input ? bytes.input : 0,
    weight: b.crosses.weight ? bytes.weight : 0,
    output: b.crosses.output ? bytes.output : 0,
  });
  const loads = (c0: boolean, r: number): RoleBytes => {
    const out = { input: 0, weight: 0, output: r > 0 ? spill : 0 };
    out[streamed] = c0 ? streamSlice : streamAgain;
    out[split] = r === 0 ? splitFirst : splitAgain;
    return only(out);
  };
  const stores = (r: number): RoleBytes => {
    const last = r === rowFolds - 1;
    const store = array.dataflow === 'os' ? outPerColFold / rowFolds : last ? outPerColFold : 0;
    return only({ input: 0, weight: 0, output: store + (last ? 0 : spill) });
  };

  // Totals from whole operands (exact), not by summing fractional per-fold shares.
  const spillTotal = instances * colFolds * (rowFolds - 1) * spill;
  const fills = { input: 0, weight: 0, output: spillTotal };
  fills[streamed] = resident[streamed]
    ? 0
    : instances * size[streamed] * (1 + (colFolds - 1) * refetchFraction(size[streamed], cap[streamed]));
  fills[split] = resident[split]
    ? 0
    : instances * size[split] * (array.dataflow === 'os' ? 1 + (rowFolds - 1) * refetchFraction(colSlice, cap.weight) : 1);
  const drains = { input: 0, weight: 0, output: instances * (keep ? 0 : size.output) + spillTotal };
  return { loads, stores, totals: { fills: only(fills), drains: only(drains) } };
}

/**
 * ws and is accumulate partial sums over row folds in the output buffer; when one column fold's
 * partial sums do not fit, the overflow (bytes returned here) goes out after every row fold but
 * the last and comes back before every row fold but the first.
 */
function partialSumSpill(array: SystolicArray, map: FoldMapping, outputCapacity: number): number {
  const partial = tilePartialSumBytes(array, map);
  if (partial === 0 || partial <= outputCapacity) return 0;
  return partial - outputCapacity / 2;
}

/**
 * Bytes of one tile's partial sums held in the output buffer across row folds (ws, is; os keeps
 * them in the PEs, and an array with accumulators keeps them there).
 */
export function tilePartialSumBytes(array: SystolicArray, map: FoldMapping): number {
  if (array.dataflow === 'os' || array.partialSums === 'accumulators' || map.rowFolds === 1) return 0;
  return map.temporal * Math.min(array.cols, map.spatialCols) * array.accumulatorBytes;
}
