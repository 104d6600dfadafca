import { SystolicArraySpec } from '../config/schemas/arch.js';
import { macAreaM2 } from '../area/area-lookup.js';
import { macEnergyJ } from '../energy/cost-lookup.js';
import type { TensorPrecision } from '../config/schemas/common.js';
import { precisionBits } from '../workload/precision.js';
import type { ComputeKind, RoleBytes } from './component.js';
import { buildSystolicArray, type SystolicArray } from './systolic-array-spec.js';
import { arrayExecution } from './systolic-execution.js';
import { mapGemm } from './systolic-folds.js';
import { arrayWork, gemmJob } from './systolic-job.js';
import { foldNeeds, planGemm } from './systolic-plan.js';
import { planRowStationary, rowStationaryNeeds, rowStationarySpace } from './row-stationary.js';
import { gemmMapSpace } from './systolic-nest.js';
import { tilePartialSumBytes } from './systolic-traffic.js';

const NOTHING: RoleBytes = { input: 0, weight: 0, output: 0 };

/** Its PEs: every core's rows × cols. */
const pesOf = (a: SystolicArray): number => a.cores * a.rows * a.cols;

/** A 2-D array of MAC PEs running GEMMs in folds (output-, weight- or input-stationary) or in row-stationary passes. */
export const systolicArrayKind: ComputeKind<SystolicArray, SystolicArraySpec> = {
  kind: 'systolic-array',
  role: 'array',
  noun: 'systolic array',
  schema: SystolicArraySpec,
  build: buildSystolicArray,
  describe: (a) => `${a.cores > 1 ? `${a.cores}× ` : ''}${a.rows}×${a.cols} ${a.dataflow}`,
  summary: (a) => ({ rows: a.rows, cols: a.cols, cores: a.cores, dataflow: a.dataflow, foldTiming: a.foldTiming }),
  peakMacsPerCycle: (a) => pesOf(a),
  affinity: (_a, work) => (work.kind === 'gemm' ? 1 : 0),
  execution: arrayExecution,
  foldNeeds(a, layer, e) {
    const gemm = arrayWork(a, layer, e);
    if (!gemm) return NOTHING;
    return a.dataflow === 'rs' ? rowStationaryNeeds(a, layer, e) : foldNeeds(a, mapGemm(a, gemm), e.bytes);
  },
  workingSetExtra(a, layer, e) {
    const gemm = arrayWork(a, layer, e);
    // Row-stationary partial sums go back to the level outside the scratchpads, where the output lives.
    if (!gemm || a.dataflow === 'rs') return NOTHING;
    return { input: 0, weight: 0, output: tilePartialSumBytes(a, mapGemm(a, gemm)) };
  },
  // The operand split across folds (weights for ws, inputs for is) is read once per fold.
  usedOnce: (a) => (a.dataflow === 'ws' ? ['weight'] : a.dataflow === 'is' ? ['input'] : []),
  plan(a, layer, ctx) {
    const job = gemmJob(a, layer, ctx);
    return a.dataflow === 'rs' ? planRowStationary(a, layer, job, ctx) : planGemm(a, job, ctx);
  },
  mapSpace(a, layer, ctx) {
    const job = gemmJob(a, layer, ctx);
    return a.dataflow === 'rs' ? rowStationarySpace(a, layer, job, ctx) : gemmMapSpace(a, job, ctx);
  },
  vectorLanes: (a) => a.cols,
  formats: (a) => ({ weight: a.sparsity.weight.format, input: a.sparsity.input.format }),
  energyKeys: () => ['mac', 'regfile'],
  price(_a, action, table) {
    if (action.startsWith('mac.')) return { key: 'mac', joules: macEnergyJ(table, action.slice(4)) };
    if (action === 'regfileRead') return { key: 'regfile', joules: table.regfile.readPerByteJ };
    if (action === 'regfileWrite') return { key: 'regfile', joules: table.regfile.writePerByteJ };
    throw new Error(`systolic-array: no price for action "${action}"`);
  },
  leakage: (a) => ({ pe: pesOf(a) }),
  area(a, t) {
    const pes = pesOf(a);
    // Each PE holds the widest MAC it runs, its operand registers (a weight-stationary PE
    // double-buffers its weight) and its accumulator.
    const widest = Object.keys(a.precisions).reduce((w, p) => (macAreaM2(t, p) > macAreaM2(t, w) ? p : w));
    const bits = precisionBits(widest as TensorPrecision);
    const registerBits = bits * (a.dataflow === 'ws' ? 3 : 2) + 8 * a.accumulatorBytes;
    return [
      { key: `${a.name}.mac`, m2: pes * macAreaM2(t, widest), logic: true },
      { key: `${a.name}.registers`, m2: pes * registerBits * t.registerPerBitM2, logic: true },
    ];
  },
  // Operands enter along one edge and weights or partial sums along the other.
  nocEndpoints: (a) => a.rows + a.cols,
};
