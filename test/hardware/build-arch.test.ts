import { describe, expect, it } from '@jest/globals';
import { systolicOf } from '../helpers/arch.js';
import { loadArch } from '../../src/load/load-arch.js';

describe('loadArch', () => {
  it('reads a file and converts every quantity to SI base units', () => {
    const arch = loadArch('test/fixtures/small-arch.json');
    expect(arch.clockHz).toBe(1e9);
    expect(systolicOf(arch)).toMatchObject({ rows: 4, cols: 4, dataflow: 'ws', foldTiming: 'sequential' });
    expect(arch.sram.map((b) => [b.name, b.bytes])).toEqual([
      ['ibuf', 1024],
      ['wbuf', 1024],
      ['obuf', 1024],
    ]);
    expect(arch.dram.bytesPerSecond).toBe(4e9);
    expect(arch.dram.latencySeconds).toBeCloseTo(1e-8, 20);
  });
});
