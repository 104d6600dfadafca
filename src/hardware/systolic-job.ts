import type { Layer } from '../workload/graph.js';
import { elementsOf } from '../workload/layer-site.js';
import { lowerLayer, type Gemm } from '../workload/lower-layer.js';
import type { Execution, PlanContext } from './component.js';
import type { SystolicArray } from './systolic-array-spec.js';
import { arrayGemm } from './systolic-execution.js';
import { groupsPerFold, packGemm, type OperandElements } from './systolic-folds.js';

/** A GEMM as the array runs it, with its operands' sizes per array instance. */
export interface GemmJob {
  readonly layerName: string;
  /** The GEMM the array runs (after group packing, precision packing and zero skipping). */
  readonly gemm: Gemm;
  /** Elements of A (im2col view), B and C per instance, as stored (zeros included): SRAM port traffic. */
  readonly elements: OperandElements;
  /** Unique bytes of A (the input tensor, not its im2col expansion), B and C per instance. */
  readonly inputBytes: number;
  readonly weightBytes: number;
  readonly outputBytes: number;
  /** B is a parameter (cacheable) rather than an activation. */
  readonly weightIsParameter: boolean;
  /** Each of A and B is already on chip (where the layer's tensors live between layers). */
  readonly inputOnChip: boolean;
  readonly weightOnChip: boolean;
}

/** The GEMM a layer lowers to as the array runs it: precision, skipping and group packing applied. */
export function arrayWork(array: SystolicArray, layer: Layer, e: Execution): Gemm | undefined {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm') return undefined;
  const g = arrayGemm(work.gemm, e);
  return packGemm(g, groupsPerFold(array, g));
}

/** The job of a GEMM layer: sizes per array-level instance (a packed instance carries several). */
export function gemmJob(array: SystolicArray, layer: Layer, ctx: PlanContext): GemmJob {
  const work = lowerLayer(layer);
  if (work.kind !== 'gemm') throw new Error(`layer "${layer.name}" is not a GEMM; the array takes only GEMMs (affinity)`);
  const b = ctx.execution.bytes;
  const gemm = arrayWork(array, layer, ctx.execution)!;
  // Dividing totals by the packed count keeps the layer's totals exact when the last instance has fewer.
  const n = gemm.instances;
  const g = work.gemm;
  const weightElements = work.weightIsParameter ? layer.weightElements + layer.biasElements : elementsOf(layer.inputShapes[1]);
  const weightBytes = weightElements * (work.weightIsParameter ? b.weight : b.input);
  return {
    layerName: layer.name,
    gemm,
    elements: { a: (g.instances * g.m * g.k) / n, b: (g.instances * g.k * g.n) / n, c: (g.instances * g.m * g.n) / n },
    inputBytes: (elementsOf(layer.inputShapes[0]) * b.input) / n,
    weightBytes: weightBytes / n,
    outputBytes: (elementsOf(layer.outputShape) * b.output) / n,
    weightIsParameter: work.weightIsParameter,
    inputOnChip: ctx.inputsOnChip[0] ?? false,
    weightOnChip: work.weightIsParameter ? ctx.weightsCached : (ctx.inputsOnChip[1] ?? false),
  };
}

/** The GEMM a job runs on the array, as a layer's mapping reports it (its folds added by the planner). */
export const gemmMapped = (array: SystolicArray, job: GemmJob) => ({
  dataflow: array.dataflow,
  m: job.gemm.m,
  n: job.gemm.n,
  k: job.gemm.k,
  instances: job.gemm.instances,
});
