import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareRows, summarizeErrors, type ComparedRow, type PublishedRow } from '../../src/accuracy/compare-hardware.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';

const reference = JSON.parse(readFileSync('reference/hardware/published-latencies.json', 'utf8')) as { rows: PublishedRow[] };

const row = (preset: string, model: string, latencyError: number) => ({ preset, model, latencyError }) as unknown as ComparedRow;

describe('summarizeErrors', () => {
  it('takes the median and the worst absolute error per preset, by hand', () => {
    const rows = [row('a', 'm1', 0.1), row('a', 'm2', -0.5), row('a', 'm3', 0.2), row('b', 'x', 2), row('b', 'y', -0.3)];
    expect(summarizeErrors(rows)).toEqual([
      { preset: 'a', rows: 3, medianAbsError: 0.2, worstAbsError: 0.5, worstModel: 'm2' },
      { preset: 'b', rows: 2, medianAbsError: 1.15, worstAbsError: 2, worstModel: 'x' },
    ]);
  });
});

describe('the published rows shipped in reference/hardware', () => {
  it('each names a source, a status, a preset and a built-in network that simulate to a finite latency', () => {
    expect(reference.rows.length).toBeGreaterThanOrEqual(19);
    const compared = compareRows(reference.rows, loadArch, loadWorkload);
    for (const r of compared) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(['published', 'recalled']).toContain(r.status);
      expect(Number.isFinite(r.simulatedMs) && r.simulatedMs > 0).toBe(true);
      expect(r.latencyError).toBeCloseTo((r.simulatedMs - r.latencyMs) / r.latencyMs, 12);
    }
  });
});
