import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareMacroPoints, isArea, summarizeMacroErrors, type MacroPoint } from '../../src/accuracy/compare-macros.js';
import { macroMvm, macroTile } from '../../src/accuracy/imc-macro.js';
import { macroReadmeBlock, README_MACRO_BEGIN, README_MACRO_END } from '../../src/accuracy/macro-report.js';
import { main } from '../../src/cli/main.js';
import { projectRoot } from '../../src/config/paths.js';
import { archFromDocument, loadArch } from '../../src/load/load-arch.js';
import { loadCostTable } from '../../src/load/load-cost-table.js';
import { imcCellEnergyJ } from '../../src/energy/cost-lookup.js';
import { simulate } from '../../src/sim/simulate.js';
import { denseLayer, graphOf } from '../helpers/layers.js';
import { userErrorOf } from '../helpers/user-error.js';

const pJ = 1e-12;
const fJ = 1e-15;
const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

describe('one MVM of Jia et al. (JSSC 2020) on paper-sized arrays: 2304 x 256, 1-b x 1-b', () => {
  const arch = loadArch('macro-jia-jssc2020');
  const t = loadCostTable('horowitz-45nm');
  const m = macroMvm(arch, { inputBits: 1, weightBits: 1 });
  const hot = macroMvm(arch, { inputBits: 1, weightBits: 1, supply: 1.2 });

  it('splits its energy into array, ADC, DAC and periphery as counted by hand', () => {
    expect(m.macs).toBe(2304 * 256);
    // Every (charge-domain) cell once, 256 conversions, 2304 row drives, 256 shift-adds; each table entry × its scale.
    close(m.joules.array, 2304 * 256 * t.imc.cells.sram.capacitorReadJ! * 0.892);
    close(m.joules.adc, 256 * t.imc.adc.conversionJ * 1.072);
    close(m.joules.dac, 2304 * t.imc.dacPerRowDriveJ);
    close(m.joules.periphery, 256 * t.addJ.int16! * 166);
  });

  it("lands on the paper's Table I per column at 0.85 V (the figures it was fitted to)", () => {
    close(m.joules.adc / 256, 1.79 * pJ, 0.01);
    close((m.joules.array + m.joules.dac) / 256, 9.7 * pJ, 0.01);
    close(m.joules.periphery / 256, 8.3 * pJ, 0.01);
    close(m.seconds, 1.35e-6, 1e-6);
  });

  it('scales every part by (1.2 / 0.85)^2 and the step time by (0.85 / 1.2)^2.66 at 1.2 V', () => {
    const f = (1.2 / 0.85) ** 2;
    for (const part of ['array', 'adc', 'dac', 'periphery'] as const) close(hot.joules[part], f * m.joules[part]);
    // 1.35 us × (0.85/1.2)^2.66 = 540.0 ns, on the preset's 10 ns clock: 54 cycles.
    close(hot.seconds, 54 / 100e6);
    // Held out: Table I at 1.2 V gives ADC 3.56 pJ and CiM 20.4 pJ per column.
    close(hot.joules.adc / 256, 3.56 * pJ, 0.01);
    close((hot.joules.array + hot.joules.dac) / 256, 20.4 * pJ, 0.06);
  });

  it('takes one step per input bit: throughput halves with each doubling of input bits', () => {
    const at = (b: number) => macroMvm(arch, { inputBits: b, weightBits: 1 });
    expect(at(2).seconds).toBe(2 * m.seconds);
    expect(at(8).seconds).toBe(8 * m.seconds);
    close(at(8).joules.adc, 8 * m.joules.adc);
  });
});

describe('one MVM of Colonnade (Kim et al., JSSC 2021): a digital readout on 128 x 128', () => {
  const arch = loadArch('macro-colonnade-jssc2021');
  const t = loadCostTable('horowitz-45nm');

  it('spans 8 + 7 columns per 8-b weight (8 weights per row), converts nothing and drives 128 rows a step', () => {
    const m = macroMvm(arch, { inputBits: 1, weightBits: 8 });
    expect(m.macs).toBe(128 * 8);
    expect(m.joules.adc).toBe(0);
    close(m.joules.array, 128 * 8 * 15 * t.imc.cells.sram.readJ * 5.79);
    close(m.joules.dac, 128 * t.imc.dacPerRowDriveJ * 0.792);
    close(m.joules.periphery, 8 * 15 * t.addJ.int16! * 2.71);
    // Fig. 17: 144.35 fJ per MAC at 0.8 V.
    close((m.joules.array + m.joules.dac + m.joules.periphery) / m.macs, 144.35 * fJ, 0.01);
  });

  it('scales with its fitted exponent: (0.6 / 0.8)^4.4 at 0.6 V, and linearly in input bits', () => {
    const a = macroMvm(arch, { inputBits: 8, weightBits: 8 });
    const b = macroMvm(arch, { inputBits: 8, weightBits: 8, supply: 0.6 });
    close(b.joules.array, 0.75 ** 4.4 * a.joules.array);
    close(a.joules.dac, 8 * macroMvm(arch, { inputBits: 1, weightBits: 8 }).joules.dac);
    expect(b.seconds).toBeGreaterThan(a.seconds);
  });
});

describe('Sinangil et al. (JSSC 2021): energy that follows the output values', () => {
  const arch = loadArch('macro-sinangil-jssc2021');
  const at = (level: number) => macroMvm(arch, { inputBits: 4, weightBits: 4, outputLevel: level });

  it('sums 4 cells per weight before one 4-b conversion: 16 conversions per MVM of 64 x 16 MACs', () => {
    const m = at(1);
    const t = loadCostTable('scaled-7nm');
    expect(m.macs).toBe(64 * 16);
    close(m.joules.adc, 16 * t.imc.adc.conversionJ * t.imc.adc.scalePerBit ** (4 - 8) * 0.322);
  });

  it('scales the analog parts by 1 − share × (1 − √level) and leaves the digital periphery alone', () => {
    const [full, zero, avg] = [at(1), at(0), at(0.4)];
    for (const part of ['array', 'adc', 'dac'] as const) {
      close(zero.joules[part], (1 - 0.576) * full.joules[part]);
      close(avg.joules[part], (1 - 0.576 * (1 - Math.sqrt(0.4))) * full.joules[part]);
    }
    expect(zero.joules.periphery).toBe(full.joules.periphery);
  });
});

describe('Wang et al. (VLSI 2022): an 8-b voltage DAC drives each row once per MVM', () => {
  const arch = loadArch('macro-wang-vlsi2022');
  const t = loadCostTable('scaled-16nm');
  const m = macroMvm(arch, { inputBits: 8, weightBits: 8 });

  it('counts 64 row drives (one step), 16 conversions (one per 8-column ladder) and 64 x 128 charge-domain cells', () => {
    expect(m.macs).toBe(64 * 16);
    close(m.joules.dac, 64 * t.imc.dacPerRowDriveJ);
    close(m.joules.adc, 16 * t.imc.adc.conversionJ);
    close(m.joules.array, 64 * 128 * t.imc.cells.sram.capacitorReadJ!);
  });

  it("prices its cells with the capacitor learned from Jia's Table I, C·V² at each table's supply", () => {
    // 2.57 fJ per cell at 0.85 V (Jia) is C = 3.56 fF: 2.88 fJ at 0.9 V (45 nm table), 2.28 fJ at 0.8 V (16 nm).
    const c = (2.57 * fJ) / 0.85 ** 2;
    close(loadCostTable('horowitz-45nm').imc.cells.sram.capacitorReadJ!, c * 0.9 ** 2, 0.002);
    close(t.imc.cells.sram.capacitorReadJ!, c * 0.8 ** 2, 0.002);
  });

  it('refuses a charge-domain tile on a cost table without a capacitorRead, naming the entry', () => {
    const e = userErrorOf(() => imcCellEnergyJ(loadCostTable('test/fixtures/round-costs.json'), 'reram', 'capacitorRead'));
    expect(e.message).toContain('/imc/cells/reram/capacitorRead');
  });

  it('drives each row 8 times when the same 8-b inputs go in bit-serially through a 1-b DAC', () => {
    const doc = structuredClone(arch.document) as { compute: { cim: Record<string, unknown> } };
    doc.compute.cim.dacBits = { value: 1, source: 'test: bit-serial variant' };
    const serial = macroMvm(archFromDocument(doc), { inputBits: 8, weightBits: 8 });
    close(serial.joules.dac, 8 * m.joules.dac);
  });
});

describe('the published points', () => {
  const points = (
    JSON.parse(readFileSync(join(projectRoot(), 'reference/hardware/published-imc-macros.json'), 'utf8')) as {
      points: MacroPoint[];
    }
  ).points;
  const cache = new Map<string, ReturnType<typeof loadArch>>();
  const load = (n: string) => cache.get(n) ?? cache.set(n, loadArch(n)).get(n)!;
  const compared = compareMacroPoints(points, load);
  const summary = summarizeMacroErrors(compared.filter((p) => !isArea(p)));

  it('have unique ids, and every fitted id a preset names is a point', () => {
    expect(new Set(points.map((p) => p.id)).size).toBe(points.length);
    for (const name of new Set(points.map((p) => p.preset)))
      for (const id of load(name).calibration?.rows ?? []) expect(points.map((p) => p.id)).toContain(id);
  });

  it.each(['macro-jia-jssc2020', 'macro-colonnade-jssc2021', 'macro-sinangil-jssc2021'])(
    '%s: median |error| ≤ 20 %% and no point worse than 2×',
    (preset) => {
      const s = summary.find((x) => x.preset === preset)!;
      expect(s.medianAbsError).toBeLessThanOrEqual(0.2);
      expect(s.worstFactor).toBeLessThanOrEqual(2);
      expect(s.heldOut!.points).toBeGreaterThan(s.points / 2);
    },
  );

  it('are the table the README shows (run `npm run validate:hw` after changing a macro preset)', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toContain(`${README_MACRO_BEGIN}\n${macroReadmeBlock(compared)}\n${README_MACRO_END}`);
  });

  it('hold the out-of-sample macro out of every energy fit', () => {
    const wang = load('macro-wang-vlsi2022');
    expect(wang.calibration!.parameters).toEqual(['/compute/cim/stepTime']);
    expect(macroTile(wang).energyScale).toEqual({ array: 1, adc: 1, dac: 1, periphery: 1 });
  });
});

describe('bad operating points', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'picojoule-macro-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  async function run(argv: readonly string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }

  it('refuses a supply outside the characterised range, naming the field', () => {
    const e = userErrorOf(() => macroMvm(loadArch('macro-jia-jssc2020'), { inputBits: 1, weightBits: 1, supply: 0.6 }));
    expect(e.message).toContain('/compute/cim/supply');
    expect(e.message).toMatch(/0\.6 V is outside the characterised supply range; expected 0\.85 V to 1\.2 V/);
  });

  it('refuses inputs wider than the DAC takes, in a simulation too', () => {
    const graph = graphOf('fc', [1, 64], [denseLayer('fc', 1, 64, 16)]);
    const e = userErrorOf(() => simulate(loadArch('macro-sinangil-jssc2021'), graph));
    expect(e.message).toContain('/compute/cim/maxInputBits');
    expect(e.message).toContain('8-bit inputs');
  });

  it('exits 2 with one message naming the field (CLI)', async () => {
    const file = join(scratch, 'hot.json');
    writeFileSync(file, JSON.stringify({ extends: 'macro-jia-jssc2020', name: 'hot', compute: { cim: { supply: '1.5 V' } } }));
    const hot = await run(['simulate', '--arch', file, '--workload', 'tiny']);
    expect(hot.code).toBe(2);
    expect(hot.out).toBe('');
    expect(hot.err).toContain('/compute/cim/supply');
    expect(hot.err).toContain('expected 0.85 V to 1.2 V');
    expect(hot.err).not.toMatch(/\n\s+at /);
    const wide = await run(['simulate', '--arch', 'macro-sinangil-jssc2021', '--workload', 'tiny']);
    expect(wide.code).toBe(2);
    expect(wide.err).toContain('/compute/cim/maxInputBits');
    expect(wide.err).not.toMatch(/\n\s+at /);
  });
});
