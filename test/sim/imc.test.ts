import { describe, expect, it } from '@jest/globals';
import { imcOf } from '../helpers/arch.js';
import { type Arch } from '../../src/hardware/arch.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { ArchSpec, type ImcTileSpec } from '../../src/config/schemas/arch.js';
import { validateAgainst } from '../../src/config/validate.js';
import { loadCostTable } from '../../src/load/load-cost-table.js';
import { buildGraph } from '../../src/workload/build-graph.js';
import { simulate } from '../../src/sim/simulate.js';
import { adcCount } from '../../src/hardware/crossbars.js';
import { UserError } from '../../src/config/user-error.js';

const pJ = 1e-12;
const table = loadCostTable('test/fixtures/round-costs.json');

function imcArch(over: Partial<ImcTileSpec> = {}, withArray = false): Arch {
  const xbar: ImcTileSpec = {
    kind: 'imc-tile',
    technology: 'reram',
    rows: 4,
    cols: 8,
    crossbars: 4,
    bitsPerCell: 2,
    dacBits: 1,
    adcBits: 4,
    columnsPerAdc: 4,
    adcConversionTime: '1 ns',
    programTimePerRow: '10 ns',
    ...over,
  };
  const spec: ArchSpec = {
    version: 1,
    name: 'xbar',
    clock: '1 GHz',
    compute: {
      xbar,
      ...(withArray
        ? {
            pe: { kind: 'systolic-array' as const, rows: 4, cols: 4, dataflow: 'ws' as const, foldTiming: 'sequential' as const },
          }
        : {}),
    },
    memory: { sram: { buf: { size: '64 KiB', holds: ['input', 'weight', 'output'] } }, dram: { bandwidth: '1 GB/s' } },
  };
  return buildArch(spec, undefined);
}

/** `n` dense layers, each [m × 4] · [4 × 2], chained through a [m × 4] → [m × 2] → ... graph. */
function denseChain(m: number, layers: number) {
  return buildGraph({
    version: 1,
    name: 'chain',
    inputs: { x: { shape: [m, 4] } },
    layers: Array.from({ length: layers }, (_, i) => ({
      type: 'dense' as const,
      name: `fc${i}`,
      outFeatures: i === layers - 1 ? 2 : 4,
      bias: false,
    })),
  });
}

describe('one crossbar MVM, worked on paper', () => {
  // 4 × 2 int8 weights, 2 bits per cell → 4 columns per weight → 4 rows × 8 columns: one crossbar.
  // Input int8 through a 1-bit DAC → 8 steps; each step the two ADCs (4 columns each) convert 4
  // columns in turn at 1 ns: 8 × 4 = 32 cycles at 1 GHz.
  const r = simulate(imcArch(), denseChain(1, 1), { costTable: table });
  const l = r.layers[0];

  it('takes steps × columns per ADC × conversion time', () => {
    expect(l.unit).toBe('imc');
    expect(l.computeCycles).toBe(32);
  });

  it('counts cell reads, conversions, DAC drives and shift-adds', () => {
    expect(l.actions.imc).toEqual({
      cellReads: 8 * 4 * 8, // every step reads every weight cell
      adcConversions: 8 * 8, // every step converts every column
      rowDrives: 8 * 4, // every step drives every row once
      shiftAdds: 8 * 8, // each conversion shifted and added into its output
      cellWrites: 0, // the weights fit: programmed before the first inference, not per inference
      programCycles: 0,
    });
  });

  it('prices them: array, ADC (4 bits at 1 pJ), DAC, digital shift-add', () => {
    const e = l.energyBreakdownJoules;
    expect(e['imc.array']).toBeCloseTo(256 * 0.001 * pJ, 18);
    expect(e['imc.adc']).toBeCloseTo(64 * 1 * pJ, 15);
    expect(e['imc.dac']).toBeCloseTo(32 * 0.1 * pJ, 15);
    expect(e['imc.periphery']).toBeCloseTo(64 * 0.5 * pJ, 15);
    expect(e['imc.program']).toBe(0);
    expect(e.mac).toBe(0); // no digital MACs
  });
});

describe('weight capacity decides reprogramming', () => {
  // fc0: 4×4 int8 weights = 16 columns → 2 crossbars; fc1: 4×2 = 8 columns → 1 crossbar.
  const twoLayers = denseChain(1, 2);

  it('when the network fits, weights stay programmed: nothing is written per inference', () => {
    const r = simulate(imcArch({ crossbars: 3 }), twoLayers, { costTable: table });
    expect(r.layers.map((l) => l.actions.imc?.cellWrites)).toEqual([0, 0]);
    expect(r.totals.energyBreakdownJoules['imc.program']).toBe(0);
    expect(r.layers.map((l) => l.dram.readByRole.weight)).toEqual([0, 0]);
  });

  it('when it does not fit, every layer is written into the cells on every inference, with time, energy and DRAM traffic', () => {
    const r = simulate(imcArch({ crossbars: 2 }), twoLayers, { costTable: table });
    const [a, b] = r.layers;
    expect(b.actions.imc?.cellWrites).toBe(4 * 2 * 4); // 4×2 weights × 4 cells each
    expect(b.actions.imc?.programCycles).toBe(4 * 10); // its 4 rows × 10 ns at 1 GHz
    expect(b.energyBreakdownJoules['imc.program']).toBeCloseTo(32 * 10 * pJ, 15);
    expect(b.dram.readByRole.weight).toBe(8); // the weights come from DRAM to be written
    expect(b.computeCycles).toBe(40 + 32); // program, then one MVM
    expect(a.actions.imc?.cellWrites).toBe(4 * 4 * 4);
  });

  it('a layer larger than the whole tile runs in passes, reprogrammed between them', () => {
    const r = simulate(
      imcArch({ crossbars: 1 }),
      buildGraph({
        version: 1,
        name: 'wide',
        inputs: { x: { shape: [1, 4] } },
        layers: [{ type: 'dense', name: 'fc', outFeatures: 4, bias: false }],
      }),
      { costTable: table },
    );
    const l = r.layers[0];
    expect(l.actions.imc?.programCycles).toBe(2 * 4 * 10); // two passes of 4 rows
    expect(l.computeCycles).toBe(2 * 40 + 2 * 32);
  });
});

describe('spare crossbars hold replicas', () => {
  it('four input vectors on four copies take one MVM time instead of four', () => {
    const four = simulate(imcArch({ crossbars: 4 }), denseChain(4, 1), { costTable: table }).layers[0];
    const one = simulate(imcArch({ crossbars: 1 }), denseChain(4, 1), { costTable: table }).layers[0];
    expect(one.computeCycles).toBe(4 * 32);
    expect(four.computeCycles).toBe(32);
    expect(four.actions.imc?.adcConversions).toBe(one.actions.imc?.adcConversions); // same work, in parallel
  });
});

describe('ADC sharing trades time for ADCs', () => {
  it('sharing one ADC among twice the columns doubles the MVM time, keeps the conversions, halves the ADCs (and their leakage)', () => {
    const g = denseChain(1, 1);
    const by4 = imcArch({ columnsPerAdc: 4 });
    const by8 = imcArch({ columnsPerAdc: 8 });
    const a = simulate(by4, g, { costTable: table }).layers[0];
    const b = simulate(by8, g, { costTable: table }).layers[0];
    expect(b.computeCycles).toBe(2 * a.computeCycles);
    expect(b.actions.imc?.adcConversions).toBe(a.actions.imc?.adcConversions);
    expect(adcCount(imcOf(by8)!)).toBe(adcCount(imcOf(by4)!) / 2);
    expect(simulate(by8, g, { costTable: table }).energy.staticWatts).toBeLessThan(
      simulate(by4, g, { costTable: table }).energy.staticWatts,
    );
  });
});

describe('hybrid: layers that map badly onto crossbars use the digital array', () => {
  it('a depthwise layer goes to the array, a pointwise one to the crossbars; on crossbars alone depthwise uses them poorly', () => {
    const g = buildGraph({
      version: 1,
      name: 'dw',
      inputs: { x: { shape: [1, 16, 8, 8] } },
      layers: [
        { type: 'depthwise', name: 'dw', kernel: 3, padding: 1, bias: false },
        { type: 'pointwise', name: 'pw', outChannels: 32, bias: false },
      ],
    });
    const big = { rows: 64, cols: 64 };
    const r = simulate(imcArch({ ...big, crossbars: 16 }, true), g, { costTable: table });
    expect(r.layers.map((l) => l.unit)).toEqual(['array', 'imc']);
    // Crossbars only, exactly as many as both need (dw: 16 channels of 9 taps, 7 per crossbar →
    // 3; pw: 16 × 32 weights × 4 columns = 128 columns → 2), so neither gets replicas. Both
    // take 64 MVMs of 8 steps × 4 columns per ADC; dw does 144 MACs per pixel, pw 512.
    const crossbarsOnly = simulate(imcArch({ ...big, crossbars: 5 }), g, { costTable: table });
    expect(crossbarsOnly.layers.map((l) => l.unit)).toEqual(['imc', 'imc']);
    expect(crossbarsOnly.layers.map((l) => l.computeCycles)).toEqual([64 * 32, 64 * 32]);
    const [dw, pw] = crossbarsOnly.layers;
    expect(dw.macs / dw.computeCycles / (pw.macs / pw.computeCycles)).toBeCloseTo(144 / 512, 12);
    expect(dw.utilization).toBeLessThan(pw.utilization);
  });
});

describe('bad IMC configs', () => {
  it('more ADC sharing than columns names the field and the allowed range', () => {
    expect(() => imcArch({ columnsPerAdc: 9 })).toThrow(UserError);
    expect(() => imcArch({ columnsPerAdc: 9 })).toThrow(
      /\/compute\/xbar\/columnsPerAdc: 9 columns per ADC, but a crossbar has only 8 columns; expected 1 to 8/,
    );
  });

  it('zero-sized crossbars and ADC bits outside 1–16 are schema errors with their JSON paths', () => {
    const spec = (xbar: Record<string, unknown>) => ({
      version: 1,
      name: 'bad',
      clock: '1 GHz',
      compute: {
        xbar: {
          kind: 'imc-tile',
          technology: 'reram',
          rows: 4,
          cols: 8,
          crossbars: 1,
          adcBits: 4,
          columnsPerAdc: 4,
          adcConversionTime: '1 ns',
          programTimePerRow: '1 us',
          ...xbar,
        },
      },
      memory: { sram: { buf: { size: '1 KiB', holds: ['input', 'weight', 'output'] } }, dram: { ideal: true } },
    });
    expect(() => validateAgainst(ArchSpec, spec({ rows: 0 }), 'bad.json')).toThrow(
      /bad\.json: \/compute\/xbar\/rows: expected rows .*got 0/,
    );
    expect(() => validateAgainst(ArchSpec, spec({ adcBits: 17 }), 'bad.json')).toThrow(
      /\/compute\/xbar\/adcBits: expected ADC resolution in bits, 1–16/,
    );
    expect(() => validateAgainst(ArchSpec, spec({ adcBits: 0 }), 'bad.json')).toThrow(/\/compute\/xbar\/adcBits/);
  });

  it('a float layer on crossbars is a user error naming the tile', () => {
    const g = buildGraph({
      version: 1,
      name: 'f',
      inputs: { x: { shape: [1, 4] } },
      precision: 'bf16',
      layers: [{ type: 'dense', name: 'fc', outFeatures: 2 }],
    });
    expect(() => simulate(imcArch(), g, { costTable: table })).toThrow(/\/compute\/xbar: layer "fc" is bf16/);
  });

  it('a cell technology the cost table lacks names its JSON path', () => {
    expect(() => simulate(imcArch({ technology: 'pcm' }), denseChain(1, 1), { costTable: table })).toThrow(/\/imc\/cells\/pcm/);
  });
});
