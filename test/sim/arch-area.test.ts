import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archArea } from '../../src/sim/arch-area.js';
import { adcAreaM2, cellAreaM2, macAreaM2, sramAreaM2 } from '../../src/area/area-lookup.js';
import { BUILTIN_AREA_TABLES } from '../../src/area/builtin-area-tables.js';
import type { ArchSpec } from '../../src/config/schemas/arch.js';
import { UserError } from '../../src/config/user-error.js';
import { buildArch } from '../../src/hardware/build-arch.js';
import { listPresets } from '../../src/load/list-presets.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadAreaTable } from '../../src/load/load-area-table.js';
import { loadCostTable } from '../../src/load/load-cost-table.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { applyWhatIf } from '../../src/workload/what-if.js';

const t45 = BUILTIN_AREA_TABLES['area-45nm'];
const um2 = 1e-12;
const mm2 = 1e-6;
const all = ['input', 'weight', 'output'] as ('input' | 'weight' | 'output')[];

/** A 16×16 int8 weight-stationary array behind one 64 KiB single-bank SRAM, no vector unit. */
const small = (sram: Partial<ArchSpec['memory']['sram'][string]> = {}) =>
  buildArch(
    {
      version: 1,
      name: 'small',
      clock: 1e9,
      compute: { pe: { kind: 'systolic-array', rows: 16, cols: 16, dataflow: 'ws' } },
      memory: { sram: { buf: { size: 65536, holds: all, ...sram } }, dram: { ideal: true } },
    },
    undefined,
  );

describe('area of a small array, worked by hand from area-45nm', () => {
  const { areaMm2, areaBreakdownMm2: b } = archArea(small(), t45);
  // 256 PEs × 385 µm² (int8 multiplier + 24-bit adder)
  const mac = 256 * 385 * um2;
  // 256 PEs × (double-buffered 8-bit weight + 8-bit input + 32-bit accumulator = 56 bits) × 4.52 µm²
  const registers = 256 * 56 * 4.52 * um2;
  // 64 KiB in one bank: 524288 bits × 0.40 µm² (the 64 KiB anchor)
  const sram = 524288 * 0.4 * um2;
  // 16 + 16 edge ports × 180 µm²
  const noc = 32 * 180 * um2;
  // logic placed at 70 % utilisation
  const integration = (mac + registers + noc) * (1 / 0.7 - 1);

  it.each([
    ['pe.mac', mac],
    ['pe.registers', registers],
    ['sram.buf', sram],
    ['noc', noc],
    ['integration', integration],
  ])('%s', (key, m2) => expect(b[key]).toBeCloseTo(m2 / mm2, 9));

  it('has no vector unit part (the stand-in lanes are the array’s) and no off-chip part', () => {
    expect(Object.keys(b)).toEqual(['pe.mac', 'pe.registers', 'sram.buf', 'noc', 'integration']);
  });

  it('sums its parts to the total', () => {
    expect(areaMm2).toBe(Object.values(b).reduce((s, v) => s + v, 0));
    expect(areaMm2).toBeCloseTo((mac + registers + sram + noc + integration) / mm2, 9);
  });
});

describe('SRAM area', () => {
  it('takes the per-bit area at the bank size: 4 KiB lies 2/3 of the way (in log capacity) from 1 KiB to 8 KiB', () => {
    const perBit = 0.44 + (2 / 3) * (0.4 - 0.44);
    expect(sramAreaM2(t45, 4096, 1, 1) / um2).toBeCloseTo(4096 * 8 * perBit, 6);
    // the same 64 KiB split in 16 banks of 4 KiB
    expect(sramAreaM2(t45, 65536, 16, 1) / um2).toBeCloseTo(65536 * 8 * perBit, 6);
  });

  it('holds the end anchors flat beyond them', () => {
    expect(sramAreaM2(t45, 256, 1, 1) / um2).toBeCloseTo(256 * 8 * 0.44, 6);
    expect(sramAreaM2(t45, 64 << 20, 1, 1) / um2).toBeCloseTo((64 << 20) * 8 * 0.35, 3);
  });

  it('costs 2.05× with a second port', () => {
    expect(archArea(small({ ports: 2 }), t45).areaBreakdownMm2['sram.buf']).toBeCloseTo(2.05 * 524288 * 0.4 * 1e-6, 9);
  });

  it('builds a register-file level as flops up to 256 B per bank, as SRAM beyond', () => {
    const flops = archArea(small({ technology: 'regfile', banks: 256 }), t45).areaBreakdownMm2['sram.buf'];
    expect(flops).toBeCloseTo(524288 * 6.5 * 1e-6, 9);
    const macro = archArea(small({ technology: 'regfile', banks: 128 }), t45).areaBreakdownMm2['sram.buf'];
    expect(macro).toBeCloseTo(sramAreaM2(t45, 65536, 128, 1) / mm2, 12);
  });

  it('never shrinks as the buffer grows, in any built-in table', () => {
    for (const table of Object.values(BUILTIN_AREA_TABLES)) {
      let prev = 0;
      for (let bytes = 256; bytes <= 64 << 20; bytes *= 1.5) {
        const a = sramAreaM2(table, bytes, 4, 1);
        expect(a).toBeGreaterThanOrEqual(prev);
        prev = a;
      }
    }
  });
});

describe('scaled tables', () => {
  it('take the 45 nm areas times their stated factors', () => {
    const t16 = BUILTIN_AREA_TABLES['area-16nm'];
    expect(macAreaM2(t16, 'int8') / um2).toBeCloseTo(385 * 0.19, 9);
    expect(sramAreaM2(t16, 65536, 1, 1) / um2).toBeCloseTo(524288 * 0.4 * 0.2, 6);
    expect(adcAreaM2(t16, 8) / um2).toBeCloseTo(1760 * 0.44, 9);
    expect(t16.sources['/mac/int8']).toMatch(/^derived: area-45nm \/mac\/int8 × 0\.19/);
  });

  it('keep a crossbar cell’s F² at the new feature size', () => {
    // a 4 F² ReRAM cell at 32 nm
    expect(cellAreaM2(BUILTIN_AREA_TABLES['area-32nm'], 'reram')).toBeCloseTo(4 * 32e-9 ** 2, 30);
  });

  it('give ISAAC’s published 32 nm converters where the 32 nm table says so', () => {
    const t32 = BUILTIN_AREA_TABLES['area-32nm'];
    expect(adcAreaM2(t32, 8) / um2).toBeCloseTo(1200, 9);
    // 1.38 per bit: ISAAC's 6-bit ADC is 627 µm²
    expect(adcAreaM2(t32, 6) / um2).toBeCloseTo(630, 0);
    expect(t32.sources['/imc/adc/area']).toMatch(/^published: ISAAC/);
  });
});

describe('area in results', () => {
  it.each(listPresets().map((p) => p.name))('%s: its parts sum to its total, all finite and > 0', (name) => {
    const arch = loadArch(name);
    // A macro whose DAC takes at most 4-bit inputs runs the network quantized to int4.
    const narrow = arch.units.some((u) => ((u as { maxInputBits?: number }).maxInputBits ?? 8) < 8);
    const r = simulate(arch, narrow ? applyWhatIf(loadWorkload('tiny'), { precision: 'int4' }) : loadWorkload('tiny'));
    const parts = Object.values(r.totals.areaBreakdownMm2!);
    expect(r.totals.areaMm2).toBeGreaterThan(0);
    expect(parts.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(r.totals.areaMm2!, 12);
    expect(r.totals.peakTopsPerMm2).toBeCloseTo(r.arch.peakOpsPerSecond / 1e12 / r.totals.areaMm2!, 12);
    expect(r.totals.energyAreaJouleMm2).toBeCloseTo(r.totals.energyJoules * r.totals.areaMm2!, 20);
    expect(r.totals.edpJouleSeconds).toBeCloseTo(r.totals.energyJoules * r.totals.seconds, 25);
  });

  it('name the table: by the cost table’s node unless the arch names one', () => {
    expect(simulate(loadArch('edge-tpu'), loadWorkload('tiny')).area).toEqual({ table: 'area-16nm', node: '16nm' });
    expect(simulate(loadArch('eyeriss-like'), loadWorkload('tiny')).area).toEqual({ table: 'area-65nm', node: '65nm' });
  });

  it('are left out, not guessed, when no area table matches the cost table’s node', () => {
    const costTable = { ...loadCostTable('scaled-16nm'), node: '22nm' };
    const r = simulate(loadArch('edge-tpu'), loadWorkload('tiny'), { costTable });
    expect(r.area).toBeNull();
    expect(r.totals.areaMm2).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});

describe('area tables from files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pj-area-'));
  const write = (name: string, doc: object) => {
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return join(dir, name);
  };

  it('scale a built-in by their own factors, and an arch names them by a path relative to itself', () => {
    write('area-22nm.json', {
      version: 1,
      name: 'area-22nm',
      node: '22nm',
      source: 'test fixture',
      scaledFrom: {
        table: 'area-45nm',
        logic: { value: 0.25, source: 'fixture' },
        sram: { value: 0.3, source: 'fixture' },
        analog: { value: 0.5, source: 'fixture' },
      },
    });
    const arch = write('arch.json', {
      version: 1,
      name: 'a22',
      extends: 'edge-tpu',
      energy: { table: 'scaled-16nm', areaTable: 'area-22nm.json' },
    });
    const r = simulate(loadArch(arch), loadWorkload('tiny'));
    expect(r.area).toEqual({ table: 'area-22nm', node: '22nm' });
    expect(r.totals.areaBreakdownMm2!['mxu.mac']).toBeCloseTo((4096 * 385 * 0.25 * um2) / mm2, 9);
  });

  it('name the entry and what was expected when a value is not an area', () => {
    const file = write('bad.json', {
      version: 1,
      name: 'bad',
      node: '45nm',
      source: 'fixture',
      scaledFrom: {
        table: 'area-45nm',
        logic: { value: 1, source: 'f' },
        sram: { value: 1, source: 'f' },
        analog: { value: 1, source: 'f' },
      },
      vector: { perLane: { value: '1170 um', source: 'a length, not an area' } },
    });
    expect(() => loadAreaTable(file)).toThrow(UserError);
    expect(() => loadAreaTable(file)).toThrow(/\/vector\/perLane\/value.*not an area/);
  });

  it('must give every section unless scaled from another table', () => {
    const file = write('partial.json', { version: 1, name: 'partial', node: '45nm', source: 'f', vector: t45Vector() });
    expect(() => loadAreaTable(file)).toThrow(/missing "mac", "register".*"scaledFrom"/);
  });

  it('name the missing entry when a unit needs a MAC precision the table lacks', () => {
    write('int8-only.json', {
      version: 1,
      name: 'int8-only',
      node: '45nm',
      source: 'f',
      scaledFrom: {
        table: 'area-45nm',
        logic: { value: 1, source: 'f' },
        sram: { value: 1, source: 'f' },
        analog: { value: 1, source: 'f' },
      },
      mac: { int8: { value: '385 um^2', source: 'f' } },
    });
    const arch = write('fp16-arch.json', {
      version: 1,
      name: 'fp',
      extends: 'apple-ane',
      energy: { table: 'scaled-7nm', areaTable: 'int8-only.json' },
    });
    expect(() => simulate(loadArch(arch), loadWorkload('tiny'))).toThrow(/int8-only.json.*\/mac\/fp16.*has no MAC area "fp16"/s);
  });
});

function t45Vector() {
  return { perLane: { value: '1170 um^2', source: 'f' } };
}
