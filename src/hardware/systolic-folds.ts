import type { SystolicArray } from './systolic-array-spec.js';
import type { Gemm } from '../workload/lower-layer.js';

/**
 * How one GEMM is laid onto the array: which extent goes on the rows (Sr), which on the columns
 * (Sc) and which streams in time (T), and the resulting folds (SCALE-Sim v2's mapping).
 *   os: Sr = m (output pixels), Sc = n (filters), T = k
 *   ws: Sr = k (window),        Sc = n (filters), T = m
 *   is: Sr = k (window),        Sc = m (pixels),  T = n
 */
export interface FoldMapping {
  readonly spatialRows: number;
  readonly spatialCols: number;
  readonly temporal: number;
  /**
   * How several cores share the GEMM: each streams a share of T through the same stationary
   * block (`stream`), or each takes its own column folds (`columns`); `stream` on one core.
   */
  readonly coreSplit: 'stream' | 'columns';
  readonly rowFolds: number;
  readonly colFolds: number;
  /** Cycles of one fold when folds run strictly one after another. */
  readonly sequentialFoldCycles: number;
  /** Cycles of one fold in steady state when the next fold's fill overlaps this one's drain. */
  readonly pipelinedFoldCycles: number;
  /** Fill and drain paid once per run of pipelined folds. */
  readonly pipelineOverheadCycles: number;
}

/** Maps a GEMM onto the array's rows and columns for its dataflow. */
export function mapGemm(array: SystolicArray, g: Gemm): FoldMapping {
  const R = array.rows;
  const C = array.cols;
  const [spatialRows, spatialCols, temporal] =
    array.dataflow === 'os' ? [g.m, g.n, g.k] : array.dataflow === 'ws' ? [g.k, g.n, g.m] : [g.k, g.m, g.n];
  // os: operands skew in over R-1 and C-1 cycles while T stream; ws/is first spend R cycles
  // loading the stationary operand. Both counts reproduce SCALE-Sim v2's demand matrices.
  const skew = R + C - 2;
  const preload = array.dataflow === 'os' ? 0 : R;
  const rowFolds = Math.ceil(spatialRows / R);
  const colFolds = Math.ceil(spatialCols / C);
  // Several cores either run each fold together, each on its share of the stream, or take
  // column folds of their own; whichever finishes sooner (a short stream cannot fill the
  // stationary block's shift time, few column folds leave cores idle). Folds are then costed
  // as the layer's time spread evenly over them.
  const byStream = Math.ceil(temporal / array.cores);
  const steps = Math.ceil(colFolds / array.cores);
  const columns = array.cores > 1 && steps * Math.max(temporal, R) < colFolds * Math.max(byStream, R);
  const share = (cycles: number) => (columns ? Math.ceil((cycles * steps) / colFolds) : cycles);
  const stream = columns ? temporal : byStream;
  return {
    spatialRows,
    spatialCols,
    temporal,
    coreSplit: columns ? 'columns' : 'stream',
    rowFolds,
    colFolds,
    sequentialFoldCycles: share(preload + stream + skew),
    // The next fold's operands (or stationary preload, double-buffered in the PEs) enter while
    // this fold streams, so a fold costs its stream length but never less than the R cycles it
    // takes to shift a fold's worth of stationary data or results through the rows.
    pipelinedFoldCycles: share(Math.max(stream, R)),
    pipelineOverheadCycles: preload + skew,
  };
}

/**
 * Compute cycles of `folds` consecutive folds. Sequential timing subtracts nothing here; the
 * SCALE-Sim convention of reporting the last cycle's 0-based index is applied once per layer by
 * the caller.
 */
export function foldsCycles(array: SystolicArray, map: FoldMapping, folds: number, startsRun: boolean): number {
  if (folds === 0) return 0;
  return array.foldTiming === 'sequential'
    ? folds * map.sequentialFoldCycles
    : folds * map.pipelinedFoldCycles + (startsRun ? map.pipelineOverheadCycles : 0);
}

/** Elements of one GEMM instance's operands: A (streamed inputs, im2col view), B (weights), C (outputs). */
export interface OperandElements {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/**
 * Elements read from and written to the array's SRAM ports by one GEMM instance, from the loop
 * order (column folds outer, row folds inner, T streamed): the streamed operand is re-read once
 * per column fold; partial sums are written once per row fold and read back for all but the first.
 * Cores that share the stream each load the fold's stationary block.
 */
export function gemmSramElements(array: SystolicArray, e: OperandElements, map: FoldMapping) {
  const cores = map.coreSplit === 'stream' ? array.cores : 1;
  switch (array.dataflow) {
    case 'os':
      return { inputReads: e.a * map.colFolds, weightReads: e.b * map.rowFolds, outputWrites: e.c, outputReads: 0 };
    case 'ws':
      return {
        inputReads: e.a * map.colFolds,
        weightReads: e.b * cores,
        outputWrites: e.c * map.rowFolds,
        outputReads: e.c * (map.rowFolds - 1),
      };
    case 'is':
      return {
        inputReads: e.a * cores,
        weightReads: e.b * map.colFolds,
        outputWrites: e.c * map.rowFolds,
        outputReads: e.c * (map.rowFolds - 1),
      };
    case 'rs':
      throw new Error('a row-stationary array has no folds: row-stationary.ts plans it');
  }
}

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
