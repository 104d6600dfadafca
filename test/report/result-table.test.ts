import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { resultTable } from '../../src/report/result-table.js';
import { simulate } from '../../src/sim/simulate.js';

describe('the text table fits the terminal', () => {
  const result = simulate(loadArch('edge-tpu'), loadWorkload('inception-v1'));
  const tableLines = (text: string) => text.split('\n').slice(1, 1 + 1 + result.layers.length);

  it('prints every column at full width when it goes to a file or pipe (no width)', () => {
    const lines = tableLines(resultTable(result));
    expect(lines[0]).toMatch(/layer\s+type\s+cycles\s+stall\s+MACs\s+util\s+DRAM read\s+DRAM write\s+DRAM\/min\s+energy\s+bound/);
    expect(lines.some((l) => l.includes('inception3a.branch2.0'))).toBe(true);
  });

  it.each([120, 100, 80])('at %i columns: cuts long names with an ellipsis, then drops the least needed columns', (width) => {
    const lines = tableLines(resultTable(result, width));
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
    // The figures that matter most always stay.
    expect(lines[0]).toMatch(/layer\s+.*cycles\s+.*MACs\s+util\s+DRAM read/);
    expect(lines.length).toBe(1 + result.layers.length);
  });

  it('keeps the totals below the table whatever the width', () => {
    expect(resultTable(result, 80)).toMatch(/^latency +[\d.]+ ms {2}\(/m);
    expect(resultTable(result, 80)).toMatch(/^energy per inference +[\d.]+ .J {2}\(/m);
  });
});
