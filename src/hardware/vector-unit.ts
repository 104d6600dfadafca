import { VectorUnitSpec } from '../config/schemas/arch.js';
import { addEnergyJ } from '../energy/cost-lookup.js';
import { lowerLayer } from '../workload/lower-layer.js';
import type { ComponentModel, ComputeKind } from './component.js';
import { planStream } from './stream-plan.js';

/** A SIMD unit for element-wise work (pooling, add, softmax, normalisation): `lanes` operations per cycle. */
export interface VectorUnit extends ComponentModel {
  readonly kind: 'vector-unit';
  readonly lanes: number;
  /** Stands in for an arch that declares none: element-wise work on the lanes of its array or crossbars. */
  readonly implicit?: boolean;
}

/** The vector unit: element-wise work streams through its lanes; each operation costs about one add. */
export const vectorUnitKind: ComputeKind<VectorUnit, VectorUnitSpec> = {
  kind: 'vector-unit',
  role: 'vector',
  noun: 'vector unit',
  schema: VectorUnitSpec,
  build: (spec, { name, at, log }) => ({ name, kind: spec.kind, lanes: log.take(spec.lanes, `${at}/lanes`) }),
  describe: () => undefined,
  summary: (v) => ({ lanes: v.lanes }),
  peakMacsPerCycle: () => 0,
  affinity: (_v, work) => (work.kind === 'vector' ? 1 : 0),
  plan(v, layer, ctx) {
    const work = lowerLayer(layer);
    const ops = work.kind === 'vector' ? work.ops : 0;
    // An element-wise operation runs at the layer's activation precision.
    return planStream(layer, ctx, Math.ceil(ops / v.lanes), { [`op.${layer.precision.input}`]: ops }, ops);
  },
  energyKeys: () => ['vector'],
  price(_v, action, table) {
    if (action.startsWith('op.')) return { key: 'vector', joules: addEnergyJ(table, action.slice(3)) };
    throw new Error(`vector-unit: no price for action "${action}"`);
  },
  leakage: () => ({}),
  // A stand-in uses the lanes of the array or crossbars, which they already count.
  area: (v, t) => (v.implicit ? [] : [{ key: v.name, m2: v.lanes * t.vectorLaneM2, logic: true }]),
  nocEndpoints: (v) => (v.implicit ? 0 : 1),
};
