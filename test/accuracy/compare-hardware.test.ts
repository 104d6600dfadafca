import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareRows, summarizeErrors, type ComparedRow, type PublishedRow } from '../../src/accuracy/compare-hardware.js';
import { README_BEGIN, README_END, readmeBlock } from '../../src/accuracy/validation-report.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';

const reference = JSON.parse(readFileSync('reference/hardware/published-latencies.json', 'utf8')) as { rows: PublishedRow[] };

const row = (preset: string, model: string, latencyError: number) => ({ preset, model, latencyError }) as unknown as ComparedRow;

describe('summarizeErrors', () => {
  it('takes the median and the worst absolute error per preset, by hand', () => {
    const rows = [row('a', 'm1', 0.1), row('a', 'm2', -0.5), row('a', 'm3', 0.2), row('b', 'x', 2), row('b', 'y', -0.3)];
    const all = summarizeErrors(rows);
    expect(all.map(({ heldOut: _, ...s }) => s)).toEqual([
      { preset: 'a', rows: 3, medianAbsError: 0.2, worstAbsError: 0.5, worstModel: 'm2' },
      { preset: 'b', rows: 2, medianAbsError: 1.15, worstAbsError: 2, worstModel: 'x' },
    ]);
  });

  it('summarises held-out rows apart: neither fitted rows nor rows in doubt count there', () => {
    const fitted = { ...row('a', 'm2', -0.5), fitted: true };
    const doubtful = { ...row('a', 'm4', 3), doubt: 'the published model is not the network named' };
    const [a] = summarizeErrors([row('a', 'm1', 0.1), fitted, row('a', 'm3', 0.2), doubtful]);
    expect(a).toMatchObject({ rows: 4, worstAbsError: 3, worstModel: 'm4' });
    expect(a.heldOut).toMatchObject({ rows: 2, worstAbsError: 0.2, worstModel: 'm3' });
    expect(a.heldOut!.medianAbsError).toBeCloseTo(0.15, 12);
    expect(summarizeErrors([fitted])[0].heldOut).toBeNull();
  });
});

describe('the published rows shipped in reference/hardware', () => {
  const compared = compareRows(reference.rows, loadArch, loadWorkload);

  it('the README shows the table validate:hw writes for them (run `npm run validate:hw` after changing a preset)', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`${README_BEGIN}\n${readmeBlock(compared)}\n${README_END}`);
  });

  it('each names a source, a status, a preset and a built-in network that simulate to a finite latency', () => {
    expect(reference.rows.length).toBeGreaterThanOrEqual(19);
    for (const r of compared) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(['published', 'recalled', 'measured-3rd', 'estimate']).toContain(r.status);
      expect(Number.isFinite(r.simulatedMs) && r.simulatedMs > 0).toBe(true);
      expect(r.latencyError).toBeCloseTo((r.simulatedMs - r.latencyMs) / r.latencyMs, 12);
    }
  });
});

describe("the presets' calibrations", () => {
  it('name only rows of the reference file that run on that preset', () => {
    const byId = new Map(reference.rows.map((r) => [r.id, r]));
    expect(byId.size).toBe(reference.rows.length);
    for (const preset of new Set(reference.rows.map((r) => r.preset))) {
      const c = loadArch(preset).calibration;
      for (const id of c?.rows ?? []) expect({ id, preset: byId.get(id)?.preset }).toEqual({ id, preset });
    }
  });
});
