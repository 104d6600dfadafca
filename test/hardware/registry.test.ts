import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { ComponentModel, ComputeKind } from '../../src/hardware/component.js';
import { registerComputeKind } from '../../src/hardware/registry.js';
import { planStream } from '../../src/hardware/stream-plan.js';
import { componentEnergyJ } from '../../src/energy/cost-lookup.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { sumEnergy } from '../../src/energy/tally.js';
import { UserError } from '../../src/config/user-error.js';
import { BUILTIN_AREA_TABLES } from '../../src/area/builtin-area-tables.js';

// A toy kind defined here and nowhere in src/: a pooling unit that takes any pooling layer in a
// fixed number of cycles and spends one priced "window" action per output element.
const PoolingUnitSpec = Type.Object(
  {
    kind: Type.Literal('pooling-unit'),
    latencyCycles: Type.Integer({ minimum: 1, description: 'cycles per pooling layer, whatever its size' }),
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
interface PoolingUnit extends ComponentModel {
  readonly kind: 'pooling-unit';
  readonly latencyCycles: number;
}
const POOLING = new Set(['maxpool', 'avgpool', 'globalavgpool']);

const poolingUnitKind: ComputeKind<PoolingUnit, Static<typeof PoolingUnitSpec>> = {
  kind: 'pooling-unit',
  role: 'vector',
  noun: 'pooling unit',
  schema: PoolingUnitSpec,
  build: (spec, { name, at, log }) => ({
    name,
    kind: 'pooling-unit',
    latencyCycles: log.take(spec.latencyCycles, `${at}/latencyCycles`),
  }),
  describe: () => undefined,
  summary: (p) => ({ latencyCycles: p.latencyCycles }),
  peakMacsPerCycle: () => 0,
  // Better than a vector unit (1) at pooling, and nothing else.
  affinity: (_p, work, layer) => (work.kind === 'vector' && POOLING.has(layer.type) ? 2 : 0),
  plan: (p, layer, ctx) => planStream(layer, ctx, p.latencyCycles, { window: layer.outputShape.reduce((a, b) => a * b, 1) }),
  energyKeys: () => ['pooling'],
  price: (_p, action, table) => ({ key: 'pooling', joules: componentEnergyJ(table, 'pooling-unit', action) }),
  leakage: () => ({}),
  // A fixed-size comparator tree: 0.01 mm² of logic, whatever the table.
  area: (p) => [{ key: p.name, m2: 0.01e-6, logic: true }],
};

const dir = mkdtempSync(join(tmpdir(), 'pj-registry-'));
const write = (name: string, doc: object) => {
  writeFileSync(join(dir, name), JSON.stringify(doc));
  return join(dir, name);
};
write('pool-costs.json', {
  version: 1,
  name: 'pool-costs',
  node: '45nm',
  source: 'test fixture',
  extends: 'horowitz-45nm',
  components: { 'pooling-unit': { window: { value: '5 pJ', source: 'test fixture: a round number' } } },
});
const archFile = write('pool-arch.json', {
  version: 1,
  name: 'edge-tpu-pool',
  extends: 'edge-tpu',
  compute: { pool: { kind: 'pooling-unit', latencyCycles: 100 } },
  energy: { table: 'pool-costs.json' },
});

describe('a component kind registered from outside src/ runs a network', () => {
  registerComputeKind(poolingUnitKind);
  const arch = loadArch(archFile);
  const graph = loadWorkload('mobilenet-v2');
  const result = simulate(arch, graph);
  const pooled = result.layers.filter((l) => l.unitName === 'pool');

  it('takes the pooling layers (and only those) in its fixed latency', () => {
    const pools = graph.layers.filter((l) => POOLING.has(l.type)).map((l) => l.name);
    expect(pools.length).toBeGreaterThan(0);
    expect(pooled.map((l) => l.name)).toEqual(pools);
    for (const l of pooled) expect(l.computeCycles).toBe(100);
    // The rest still runs on the array and the vector unit.
    expect(result.layers.filter((l) => l.unit === 'array').length).toBeGreaterThan(50);
  });

  it('its actions are counted and priced from its cost-table entry, in a breakdown that sums to the total', () => {
    const windows = pooled.reduce((s, l) => s + l.actionCounts['compute.pool'].window, 0);
    expect(windows).toBe(1280); // MobileNetV2's global average pool: 1280 outputs
    expect(result.totals.energyBreakdownJoules.pooling).toBeCloseTo(1280 * 5e-12, 20);
    expect(sumEnergy(result.totals.energyBreakdownJoules)).toBe(result.totals.energyJoules);
    expect(Object.keys(result.totals.energyBreakdownJoules).slice(-3)).toEqual(['pooling', 'dram', 'static']);
  });

  it('its own area joins the breakdown, with its share of integration, and the parts still sum to the total', () => {
    // The same arch without it, sized with the same (45 nm) table its cost table's node picks.
    const without = simulate(loadArch('edge-tpu'), graph, { areaTable: BUILTIN_AREA_TABLES['area-45nm'] }).totals;
    const b = result.totals.areaBreakdownMm2!;
    expect(b.pool).toBeCloseTo(0.01, 12);
    expect(b.integration - without.areaBreakdownMm2!.integration).toBeCloseTo(0.01 * (1 / 0.7 - 1), 12);
    expect(Object.values(b).reduce((s, v) => s + v, 0)).toBeCloseTo(result.totals.areaMm2!, 12);
  });

  it('its spec is validated like any other: a typo is a UserError at its JSON path', () => {
    const bad = write('bad-pool.json', {
      version: 1,
      name: 'bad',
      extends: 'edge-tpu',
      compute: { pool: { kind: 'pooling-unit', latencyCyles: 100 } },
    });
    expect(() => loadArch(bad)).toThrow(UserError);
    expect(() => loadArch(bad)).toThrow(/\/compute\/pool/);
  });

  it('a table without its entry fails naming the table path', () => {
    const plain = write('pool-plain.json', { version: 1, name: 'p', extends: archFile, energy: { table: 'horowitz-45nm' } });
    expect(() => simulate(loadArch(plain), graph)).toThrow(/\/components\/pooling-unit\/window/);
  });
});
