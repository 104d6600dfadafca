import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { layersCsv } from '../../src/report/layers-csv.js';
import { simulate } from '../../src/sim/simulate.js';

describe('layers.csv, as a spreadsheet reads it', () => {
  const result = simulate(loadArch('edge-tpu'), loadWorkload('mobilenet-v2'));
  // MobileNetV2's names hold no commas or quotes: a plain split reads the file.
  const [header, ...lines] = layersCsv(result).trimEnd().split('\n');
  const keys = header.split(',');
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));

  it('has one row per layer, booleans as true/false', () => {
    expect(rows).toHaveLength(result.layers.length);
    for (const r of rows) for (const k of ['weightsCached', 'outputOnChip']) expect(['true', 'false']).toContain(r[k]);
    expect(rows.map((r) => r.weightsCached === 'true')).toEqual(result.layers.map((l) => l.weightsCached));
  });

  // Each figure is written to 12 significant digits, so the parts sum to the total within a few 1e-12.
  it('gives each layer its energy by component, the parts summing to its energy', () => {
    const parts = Object.keys(rows[0]).filter((k) => k.startsWith('energyJoules.'));
    expect(parts.map((k) => k.slice('energyJoules.'.length))).toEqual(Object.keys(result.totals.energyBreakdownJoules));
    for (const r of rows) {
      const sum = parts.reduce((s, k) => s + Number(r[k]), 0);
      expect(Math.abs(sum - Number(r.energyJoules))).toBeLessThanOrEqual(1e-11 * Number(r.energyJoules) + 1e-24);
    }
  });
});
