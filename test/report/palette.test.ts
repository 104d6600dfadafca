import { describe, expect, it } from '@jest/globals';
import { componentColors, componentLabel, orderComponents } from '../../src/report/palette.js';

const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000', '#999999'];

describe('component palette', () => {
  it('gives the fixed components Okabe–Ito colours, whatever else the run names', () => {
    const a = componentColors(['mac', 'regfile', 'sram.unified', 'noc', 'vector', 'dram', 'static']);
    const b = componentColors(['static', 'dram', 'sram.l2', 'sram.kernel', 'noc', 'mac', 'regfile', 'vector', 'imc.adc']);
    for (const c of ['mac', 'regfile', 'noc', 'vector', 'dram', 'static']) {
      expect(a[c]).toBe(b[c]);
      expect(OKABE_ITO).toContain(a[c]);
    }
  });

  it('gives SRAM buffers distinct blues in the order the arch lists them', () => {
    const colors = componentColors(['mac', 'sram.l2', 'sram.kernel', 'sram.x', 'dram']);
    expect(colors['sram.l2']).toBe('#0072B2');
    expect(colors['sram.kernel']).toBe('#56B4E9');
    expect(new Set(Object.values(colors)).size).toBe(5);
  });

  it('never gives two components of a run the same colour', () => {
    const names = ['mac', 'regfile', 'sram.a', 'sram.b', 'sram.c', 'noc', 'vector', 'dram', 'static', 'imc.adc', 'imc.dac'];
    expect(new Set(Object.values(componentColors(names))).size).toBe(names.length);
  });

  it('gives in-memory-compute parts their own fixed colours', () => {
    const names = [
      'mac',
      'imc.array',
      'imc.adc',
      'imc.dac',
      'imc.periphery',
      'imc.program',
      'regfile',
      'sram.a',
      'noc',
      'vector',
      'dram',
      'static',
    ];
    const colors = componentColors(names);
    expect(new Set(Object.values(colors)).size).toBe(names.length);
    expect(componentColors(['imc.adc'])['imc.adc']).toBe(colors['imc.adc']);
    expect(componentLabel('imc.program')).toBe('IMC programming');
  });

  it('stacks compute first, storage near to far, leakage last', () => {
    expect(orderComponents(['static', 'dram', 'sram.b', 'noc', 'sram.a', 'mac', 'regfile', 'vector'])).toEqual([
      'mac',
      'regfile',
      'sram.b',
      'sram.a',
      'noc',
      'vector',
      'dram',
      'static',
    ]);
  });

  it('names components for readers', () => {
    expect(componentLabel('sram.unified')).toBe('SRAM unified');
    expect(componentLabel('noc')).toBe('NoC');
    expect(componentLabel('photonic.laser')).toBe('photonic.laser');
  });
});
