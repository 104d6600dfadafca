import { describe, expect, it } from '@jest/globals';
import { loadWorkload } from '../../src/load/load-workload.js';

describe('the tiny built-in, counted by hand', () => {
  const g = loadWorkload('tiny');
  const byName = Object.fromEntries(g.layers.map((l) => [l.name, l]));

  it('has the shapes worked out on paper', () => {
    expect(g.layers.map((l) => [l.name, l.outputShape])).toEqual([
      ['conv', [1, 8, 8, 8]], // 3x3/2 pad 1 on 16x16: floor((16 + 2 - 3) / 2) + 1 = 8
      ['dw', [1, 8, 8, 8]],
      ['pw', [1, 16, 8, 8]],
      ['pool', [1, 16, 1, 1]],
      ['flatten', [1, 16]],
      ['fc', [1, 10]],
    ]);
  });

  it('has the MACs worked out on paper', () => {
    expect(byName.conv.macs).toBe(8 * 8 * 8 * 3 * 9); // 13,824
    expect(byName.dw.macs).toBe(8 * 8 * 8 * 9); // 4,608
    expect(byName.pw.macs).toBe(8 * 8 * 16 * 8); // 8,192
    expect(byName.fc.macs).toBe(16 * 10); // 160
    expect(g.totals.macs).toBe(26_784);
  });

  it('has the parameters worked out on paper (weights + one bias per output channel)', () => {
    expect(g.layers.map((l) => [l.weightElements, l.biasElements])).toEqual([
      [216, 8],
      [72, 8],
      [128, 16],
      [0, 0],
      [0, 0],
      [160, 10],
    ]);
    expect(g.totals.params).toBe(618);
  });
});
