import { describe, expect, it } from '@jest/globals';
import { loadSvgKit } from '../../src/report/svg-kit.js';
import { renderHeatmaps } from '../../src/sweep/chart-heatmaps.js';
import { formatMetric, renderParetoScatter } from '../../src/sweep/chart-pareto.js';
import type { SweepRow } from '../../src/sweep/evaluate-point.js';

/** Rows of a synthetic sweep: two parameters, latency and energy trading off, every 7th over budget. */
function rows(n: number): SweepRow[] {
  return Array.from({ length: n }, (_, i) => {
    const a = 1 + (i % 10);
    const b = 1 + (Math.floor(i / 10) % 10);
    const seconds = (a * 1e-3 * (1 + (i % 97) / 97)) / b;
    return {
      key: `k${i}`,
      point: i,
      workload: 'w',
      parameters: { '/a': a, '/b': b },
      feasible: i % 7 !== 0,
      metrics: { seconds, energyJoules: 1e-3 / seconds, areaMm2: a } as unknown as SweepRow['metrics'],
    };
  });
}

describe('the sweep scatter', () => {
  it('draws a circle per point in a small sweep', async () => {
    const kit = await loadSvgKit();
    const svg = renderParetoScatter(kit, rows(50), [{ point: 1 }], 'w', ['seconds', 'energyJoules'], '/a');
    expect(svg.match(/<circle class="sweep-point"/g)).toHaveLength(50);
    expect(svg).not.toContain('sweep-points');
  });

  it('draws every point of a 130k-point sweep as a few dot paths, without overflowing the stack', async () => {
    const kit = await loadSvgKit();
    const many = rows(130_000);
    const svg = renderParetoScatter(kit, many, [{ point: 1 }, { point: 2 }], 'w', ['seconds', 'energyJoules'], '/a');
    expect(svg).not.toContain('<circle class="sweep-point"');
    // A hollow group is drawn twice (a coloured dot, then a white one inside): count the coloured ones.
    const paths = [...svg.matchAll(/<path class="sweep-points" data-count="(\d+)"[^>]*stroke="([^"]+)"/g)];
    const drawn = paths.filter((p) => p[2] !== '#FFFFFF').reduce((s, p) => s + Number(p[1]), 0);
    expect(drawn).toBe(130_000);
    expect(paths.length).toBeLessThan(40);
    expect(svg).toContain('class="pareto-front"');
    // Heatmaps over the same rows take their extremes without a spread either.
    expect(renderHeatmaps(kit, many, ['/a', '/b'], 'seconds', 'w')).toContain('heat-cell');
  });
});

describe('formatMetric', () => {
  it('prefixes SI units but not mm²', () => {
    expect(formatMetric('areaMm2', 0.867)).toBe('0.867 mm²');
    expect(formatMetric('areaMm2', 12.25)).toBe('12.3 mm²');
    expect(formatMetric('seconds', 0.00264)).toBe('2.64 ms');
    expect(formatMetric('topsPerWatt', 1.8765)).toBe('1.88');
  });
});
