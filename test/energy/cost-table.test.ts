import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRECISIONS, type CostTable } from '../../src/energy/cost-table.js';
import {
  addEnergyJ,
  adcConversionEnergyJ,
  dramEnergyPerByteJ,
  imcCellEnergyJ,
  macEnergyJ,
  multiplyEnergyJ,
  sramEnergyPerByteJ,
} from '../../src/energy/cost-lookup.js';
import { listCostTables, loadCostTable } from '../../src/load/load-cost-table.js';
import { UserError, type Problem } from '../../src/config/user-error.js';

const pJ = 1e-12;
const KiB = 1024;
const MiB = 1024 * KiB;
const base = loadCostTable('horowitz-45nm');

/** Writes a table to a temporary file and returns its path. */
const dir = mkdtempSync(join(tmpdir(), 'picojoule-cost-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function tableFile(doc: object): string {
  const file = join(dir, `t${n++}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, name: `t${n}`, extends: 'horowitz-45nm', ...doc }));
  return file;
}

/** The problems of the UserError `f` throws (fails the test if it throws nothing or something else). */
function problemsOf(f: () => unknown): readonly Problem[] {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).problems;
  }
  throw new Error('expected a UserError');
}

describe('built-in cost tables', () => {
  it('lists the 45 nm table and at least one scaled table', () => {
    expect(listCostTables()).toEqual(expect.arrayContaining(['horowitz-45nm', 'scaled-16nm', 'scaled-7nm']));
  });

  it.each(listCostTables())('%s loads, is named after its file, and sources every entry', (name) => {
    const t = loadCostTable(name);
    expect(t.name).toBe(name);
    const paths = [
      ...(['mac', 'add', 'multiply'] as const).flatMap((s) => Object.keys(t[`${s}J`]).map((p) => `/${s}/${p}`)),
      ...Object.keys(t.dramPerBitJ).map((k) => `/dram/${k}`),
      ...t.sram.flatMap((_, i) => [`/sram/anchors/${i}/readPerByte`, `/sram/anchors/${i}/writePerByte`]),
      '/regfile/readPerByte',
      '/noc/perBitPerHop',
      '/imc/adc/conversion',
      '/imc/dacPerRowDrive',
      '/leakage/perPe',
      '/leakage/sramPerKiB',
    ];
    for (const p of paths) expect(t.sources[p]).toMatch(/\S/);
  });

  it.each(listCostTables())('%s: every number is finite and ≥ 0', (name) => {
    const numbers: number[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk({ ...loadCostTable(name), sources: undefined });
    expect(numbers.length).toBeGreaterThan(50);
    for (const x of numbers) expect(Number.isFinite(x) && x >= 0).toBe(true);
  });
});

describe('horowitz-45nm anchors (Horowitz ISSCC 2014, 45 nm)', () => {
  it('has the published add and multiply energies', () => {
    expect(addEnergyJ(base, 'int8')).toBeCloseTo(0.03 * pJ, 20);
    expect(addEnergyJ(base, 'int32')).toBeCloseTo(0.1 * pJ, 20);
    expect(multiplyEnergyJ(base, 'int8')).toBeCloseTo(0.2 * pJ, 20);
    expect(multiplyEnergyJ(base, 'int32')).toBeCloseTo(3.1 * pJ, 20);
    expect(addEnergyJ(base, 'fp16')).toBeCloseTo(0.4 * pJ, 20);
    expect(addEnergyJ(base, 'fp32')).toBeCloseTo(0.9 * pJ, 20);
    expect(multiplyEnergyJ(base, 'fp16')).toBeCloseTo(1.1 * pJ, 20);
    expect(multiplyEnergyJ(base, 'fp32')).toBeCloseTo(3.7 * pJ, 20);
  });

  it('defines an integer MAC as an n-bit multiply plus an add at the 2n + 8 bit accumulator width', () => {
    for (const bits of [2, 4, 8, 16]) {
      const p = `int${bits}`;
      const accumulate = addEnergyJ(base, 'int8') * ((2 * bits + 8) / 8); // adder energy linear in width
      expect(macEnergyJ(base, p)).toBeCloseTo(multiplyEnergyJ(base, p) + accumulate, 16);
    }
    // int8: 0.2 + 0.09 = 0.29 pJ, i.e. the often-quoted 0.23 pJ (8-bit add) plus 16 more adder bits.
    expect(macEnergyJ(base, 'int8')).toBeCloseTo(0.29 * pJ, 20);
    expect(macEnergyJ(base, 'int8') - 0.23 * pJ).toBeCloseTo(0.03 * pJ * 2, 20);
  });

  it('defines floating-point MACs as a multiply plus an fp32 accumulate', () => {
    for (const p of ['bf16', 'fp16', 'fp32']) {
      expect(macEnergyJ(base, p)).toBeCloseTo(multiplyEnergyJ(base, p) + addEnergyJ(base, 'fp32'), 20);
    }
    expect(macEnergyJ(base, 'fp16')).toBeCloseTo(2.0 * pJ, 20);
    expect(macEnergyJ(base, 'fp32')).toBeCloseTo(4.6 * pJ, 20);
  });

  it('scales integer multipliers quadratically and adders linearly in width', () => {
    expect(multiplyEnergyJ(base, 'int4') / multiplyEnergyJ(base, 'int8')).toBeCloseTo(1 / 4, 10);
    expect(multiplyEnergyJ(base, 'int16') / multiplyEnergyJ(base, 'int8')).toBeCloseTo(4, 10);
    expect(addEnergyJ(base, 'int4') / addEnergyJ(base, 'int8')).toBeCloseTo(1 / 2, 10);
  });

  it('reads 64 bits from 8 KB / 32 KB / 1 MB SRAM for 10 / 20 / 100 pJ', () => {
    expect(8 * sramEnergyPerByteJ(base, 8 * KiB, 'read')).toBeCloseTo(10 * pJ, 18);
    expect(8 * sramEnergyPerByteJ(base, 32 * KiB, 'read')).toBeCloseTo(20 * pJ, 18);
    expect(8 * sramEnergyPerByteJ(base, MiB, 'read')).toBeCloseTo(100 * pJ, 18);
  });

  it('charges 1.3-2.6 nJ per 64-bit access to generic DRAM (~20 pJ/bit), less for LPDDR4 and HBM2', () => {
    const perAccess = 8 * dramEnergyPerByteJ(base, 'generic');
    expect(perAccess).toBeGreaterThanOrEqual(1.25e-9);
    expect(perAccess).toBeLessThanOrEqual(2.6e-9);
    expect(base.dramPerBitJ.generic).toBeCloseTo(20 * pJ, 18);
    expect(dramEnergyPerByteJ(base, 'lpddr4')).toBeCloseTo(8 * 8 * pJ, 18);
    expect(dramEnergyPerByteJ(base, 'hbm2')).toBeCloseTo(8 * 3.9 * pJ, 18);
    expect(dramEnergyPerByteJ(base, 'LPDDR4')).toBe(dramEnergyPerByteJ(base, 'lpddr4'));
    expect(dramEnergyPerByteJ(base, 'host-link')).toBeGreaterThan(dramEnergyPerByteJ(base, 'lpddr4'));
  });

  it('makes a DRAM byte hundreds of times dearer than an int8 MAC', () => {
    const ratio = dramEnergyPerByteJ(base, 'generic') / macEnergyJ(base, 'int8');
    expect(ratio).toBeGreaterThan(300);
    expect(ratio).toBeLessThan(1000);
  });

  it('prices IMC actions: ADC by resolution, DAC per input bit, ReRAM cells', () => {
    expect(adcConversionEnergyJ(base, 8)).toBeCloseTo(1.67 * pJ, 18);
    expect(adcConversionEnergyJ(base, 9) / adcConversionEnergyJ(base, 8)).toBeCloseTo(1.2, 10);
    // The per-bit rule is a fit to the ISAAC-scaled table (0.79 pJ at 4 b, 2.38 pJ at 10 b): within 3 %.
    expect(Math.abs(adcConversionEnergyJ(base, 4) / (0.79 * pJ) - 1)).toBeLessThan(0.03);
    expect(Math.abs(adcConversionEnergyJ(base, 10) / (2.38 * pJ) - 1)).toBeLessThan(0.03);
    expect(base.imc.dacPerRowDriveJ).toBeCloseTo(0.42 * pJ, 18);
    expect(imcCellEnergyJ(base, 'reram', 'read')).toBeCloseTo(11e-15, 20);
    expect(imcCellEnergyJ(base, 'ReRAM', 'write')).toBeGreaterThan(1000 * imcCellEnergyJ(base, 'reram', 'read'));
  });

  it('gives static power in watts', () => {
    expect(base.leakage.perPeW).toBeCloseTo(3.6e-6, 12);
    expect(base.leakage.sramPerKiBW).toBeCloseTo(0.0266e-6, 14);
  });
});

describe('SRAM energy interpolation', () => {
  const capacities = Array.from({ length: 100 }, (_, i) => 256 * 2 ** (i / 6)); // 256 B .. ~27 GiB

  it.each(listCostTables())('%s: energy per byte never falls as capacity grows', (name) => {
    const t = loadCostTable(name);
    for (const op of ['read', 'write'] as const) {
      const e = capacities.map((c) => sramEnergyPerByteJ(t, c, op));
      for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThanOrEqual(e[i - 1]);
    }
  });

  it('returns anchors exactly and interpolates log-log between them', () => {
    for (const a of base.sram) expect(sramEnergyPerByteJ(base, a.capacityBytes, 'write')).toBe(a.writePerByteJ);
    // At the geometric mean of two anchor capacities, a power law gives the geometric mean energy.
    const e8 = sramEnergyPerByteJ(base, 8 * KiB, 'read');
    const e32 = sramEnergyPerByteJ(base, 32 * KiB, 'read');
    expect(sramEnergyPerByteJ(base, 16 * KiB, 'read')).toBeCloseTo(Math.sqrt(e8 * e32), 20);
  });

  it('holds the smallest anchor below it and extends the last segment above the largest', () => {
    const [first] = base.sram;
    expect(sramEnergyPerByteJ(base, 64, 'read')).toBe(first.readPerByteJ);
    const [lo, hi] = base.sram.slice(-2);
    const slope = Math.log(hi.readPerByteJ / lo.readPerByteJ) / Math.log(hi.capacityBytes / lo.capacityBytes);
    expect(sramEnergyPerByteJ(base, 4 * hi.capacityBytes, 'read')).toBeCloseTo(hi.readPerByteJ * 4 ** slope, 20);
  });

  it('rejects a capacity that is not a positive number', () => {
    expect(() => sramEnergyPerByteJ(base, 0, 'read')).toThrow(RangeError);
    expect(() => sramEnergyPerByteJ(base, Number.NaN, 'read')).toThrow(RangeError);
  });
});

describe('scaled tables follow their stated rule', () => {
  const scaled = listCostTables()
    .map((name) => loadCostTable(name))
    .filter((t) => t.scaling !== undefined);
  const close = (actual: number, expected: number) => {
    // Scaled values are rounded to 3 significant digits.
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.006 * expected);
  };

  it('there is at least one', () => {
    expect(scaled.map((t) => t.name)).toEqual(expect.arrayContaining(['scaled-7nm', 'scaled-16nm']));
  });

  it.each(scaled.map((t) => [t.name, t] as const))('%s = horowitz-45nm × its per-class factors', (_, t: CostTable) => {
    const f = t.scaling!.factors;
    expect(t.scaling!.from).toBe('horowitz-45nm');
    for (const p of PRECISIONS) {
      for (const s of ['macJ', 'addJ', 'multiplyJ'] as const) {
        if (base[s][p] === undefined) expect(t[s][p]).toBeUndefined();
        else close(t[s][p]!, base[s][p]! * f.logic);
      }
    }
    close(t.regfile.readPerByteJ, base.regfile.readPerByteJ * f.sram);
    close(t.regfile.writePerByteJ, base.regfile.writePerByteJ * f.sram);
    expect(t.sram.map((a) => a.capacityBytes)).toEqual(base.sram.map((a) => a.capacityBytes));
    t.sram.forEach((a, i) => {
      close(a.readPerByteJ, base.sram[i].readPerByteJ * f.sram);
      close(a.writePerByteJ, base.sram[i].writePerByteJ * f.sram);
    });
    for (const [tech, e] of Object.entries(base.dramPerBitJ)) expect(t.dramPerBitJ[tech]).toBe(e * f.dram);
    close(t.noc.perBitPerHopJ, base.noc.perBitPerHopJ * f.wire);
    close(t.imc.adc.conversionJ, base.imc.adc.conversionJ * f.analog);
    close(t.imc.dacPerRowDriveJ, base.imc.dacPerRowDriveJ * f.analog);
    // Cell energies are device physics, unscaled; a charge-domain cell's capacitor is C·V² at the table's 0.8 V.
    const { capacitorReadJ, ...cell } = t.imc.cells.sram;
    const { capacitorReadJ: baseCapacitorJ, ...baseCell } = base.imc.cells.sram;
    expect({ ...t.imc.cells, sram: cell }).toEqual({ ...base.imc.cells, sram: baseCell });
    close(capacitorReadJ!, baseCapacitorJ! * (0.8 / 0.9) ** 2);
  });

  it('scales 45 nm to 7 nm with the reference factors (logic 0.094, SRAM 0.15, wires 0.56, ADC 0.5)', () => {
    const t = loadCostTable('scaled-7nm');
    expect(t.scaling!.factors).toEqual({ logic: 0.094, sram: 0.15, wire: 0.56, analog: 0.5, dram: 1 });
    expect(macEnergyJ(t, 'int8')).toBeCloseTo(0.0273 * pJ, 18);
    expect(t.files).toHaveLength(2);
  });
});

describe('bad tables are user errors with a JSON path', () => {
  it('rejects a negative energy given as a number (schema minimum)', () => {
    const file = tableFile({ mac: { int8: { value: -1e-13, source: 'typo' } } });
    const problems = problemsOf(() => loadCostTable(file));
    expect(problems).toContainEqual(expect.objectContaining({ file, path: '/mac/int8/value' }));
    expect(problems[0].message).toMatch(/≥ 0/);
  });

  it('rejects a negative energy given with units (checked after parsing)', () => {
    const file = tableFile({
      sram: {
        anchors: [
          { capacity: '8 KiB', readPerByte: { value: '-1 pJ', source: 's' }, writePerByte: { value: '1 pJ', source: 's' } },
        ],
      },
    });
    const problems = problemsOf(() => loadCostTable(file));
    expect(problems).toEqual([
      expect.objectContaining({ file, path: '/sram/anchors/0/readPerByte/value', message: expect.stringMatching(/≥ 0/) }),
    ]);
  });

  it('rejects an entry without a source', () => {
    const file = tableFile({ add: { int8: { value: '0.03 pJ' } } });
    expect(problemsOf(() => loadCostTable(file))).toEqual([
      expect.objectContaining({ file, path: '/add/int8/source', message: 'required field is missing' }),
    ]);
  });

  it('rejects a bare number where a sourced entry is expected', () => {
    const file = tableFile({ noc: { perBitPerHop: 1e-13 } });
    expect(problemsOf(() => loadCostTable(file))[0]).toMatchObject({ path: '/noc/perBitPerHop' });
  });

  it('rejects unknown keys, suggesting the likely intent', () => {
    const file = tableFile({ mac: { int3: { value: '1 pJ', source: 's' } }, sramm: {} });
    const problems = problemsOf(() => loadCostTable(file));
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/mac/int3', message: expect.stringMatching(/unknown field "int3".*int2/) }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/sramm', message: expect.stringMatching(/did you mean "sram"/) }),
    );
  });

  it('rejects an unknown unit and a unit of the wrong kind, reporting both', () => {
    const file = tableFile({ mac: { int8: { value: '0.2 pZ', source: 's' }, int4: { value: '0.1 pW', source: 's' } } });
    const problems = problemsOf(() => loadCostTable(file));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/mac/int8/value', message: expect.stringMatching(/unknown unit/) }),
        expect.objectContaining({ path: '/mac/int4/value', message: expect.stringMatching(/not an energy/) }),
      ]),
    );
  });

  it('rejects SRAM anchors out of capacity order or getting cheaper with size', () => {
    const e = (v: string) => ({ value: v, source: 's' });
    const file = tableFile({
      sram: {
        anchors: [
          { capacity: '32 KiB', readPerByte: e('2 pJ'), writePerByte: e('2 pJ') },
          { capacity: '8 KiB', readPerByte: e('1 pJ'), writePerByte: e('3 pJ') },
        ],
      },
    });
    const problems = problemsOf(() => loadCostTable(file));
    expect(problems.map((p) => p.path)).toEqual(['/sram/anchors/1/capacity', '/sram/anchors/1/readPerByte']);
  });

  it('names the table, the JSON path and what it has when asked for a precision it lacks', () => {
    const file = tableFile({ mac: { int4: null } });
    const t = loadCostTable(file);
    const [p] = problemsOf(() => macEnergyJ(t, 'int4'));
    expect(p).toMatchObject({ file, path: '/mac/int4' });
    expect(p.message).toMatch(/has no MAC energy "int4"; it has: int2, int8, int16, bf16, fp16, fp32/);
    expect(problemsOf(() => macEnergyJ(base, 'int32'))[0]).toMatchObject({ path: '/mac/int32' });
  });

  it('names what it has when asked for an unknown DRAM or cell technology', () => {
    const [p] = problemsOf(() => dramEnergyPerByteJ(base, 'DDR9'));
    expect(p).toMatchObject({ file: base.file, path: '/dram/ddr9' });
    expect(p.message).toMatch(/lpddr4.*hbm2.*host-link/);
    expect(problemsOf(() => imcCellEnergyJ(base, 'fefet', 'read'))[0]).toMatchObject({ path: '/imc/cells/fefet' });
  });

  it('rejects an unknown table name, listing the built-in ones', () => {
    const [p] = problemsOf(() => loadCostTable('horowitz-46nm'));
    expect(p.message).toMatch(/unknown cost table "horowitz-46nm"; known: horowitz-45nm/);
  });

  it('lets a table extend another and override single entries with their own source', () => {
    const file = tableFile({ mac: { int8: { value: '0.25 pJ', source: 'measured on our chip' } } });
    const t = loadCostTable(file);
    expect(macEnergyJ(t, 'int8')).toBeCloseTo(0.25 * pJ, 20);
    expect(t.sources['/mac/int8']).toBe('measured on our chip');
    expect(macEnergyJ(t, 'int16')).toBe(macEnergyJ(base, 'int16'));
    expect(t.files).toHaveLength(2);
  });
});
