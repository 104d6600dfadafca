import type { SweepMetric } from '../config/schemas/sweep.js';
import { drawCaptions, inkOn, px, textWidth, type Group, type SvgKit } from '../report/svg-kit.js';
import type { SweepRow } from './evaluate-point.js';
import { formatMetric, metricLabel } from './chart-pareto.js';
import { maximised } from './metrics.js';

const CELL = 34;
/** A parameter value as shown: strings without their quotes. */
const shown = (json: string) => {
  const v = JSON.parse(json) as unknown;
  return typeof v === 'string' ? v : json;
};
const PANEL_GAP = 40;
const MAX_VALUES = 10;
const MAX_PANELS = 6;

/** Two parameters with a few values each: what a heatmap can show. */
const showable = (rows: readonly SweepRow[], keys: readonly string[]) =>
  keys.filter((k) => {
    const n = new Set(rows.map((r) => JSON.stringify(r.parameters[k]))).size;
    return n > 1 && n <= MAX_VALUES;
  });

/**
 * Small multiples: one heatmap per pair of parameters, each cell the best value of `metric`
 * (within budget) over every point with that pair of values, darker for better. Cells with no
 * design within budget are crossed.
 */
export function renderHeatmaps(
  kit: SvgKit,
  rows: readonly SweepRow[],
  keys: readonly string[],
  metric: SweepMetric,
  workload: string,
): string | undefined {
  const params = showable(rows, keys);
  const pairs: [string, string][] = [];
  for (let i = 0; i < params.length; i++) for (let j = i + 1; j < params.length; j++) pairs.push([params[i], params[j]]);
  if (!pairs.length) return undefined;
  const panels = pairs.slice(0, MAX_PANELS);
  const valuesOf = (k: string) => [...new Set(rows.map((r) => JSON.stringify(r.parameters[k])))];
  // Cells are as wide as their column labels need.
  const cellW = (k: string) => Math.max(CELL, ...valuesOf(k).map((v) => textWidth(shown(v), 10) + 8));
  const panelW = (p: [string, string]) => 150 + valuesOf(p[1]).length * cellW(p[1]);
  const panelH = (p: [string, string]) => 70 + valuesOf(p[0]).length * CELL;
  const width = Math.max(560, ...panels.map(panelW)) + 40;
  const height = 80 + panels.reduce((s, p) => s + panelH(p) + PANEL_GAP, 0) + 40;
  const chart = kit.chart(
    width,
    height,
    `Heatmaps: best ${metric} on ${workload}`,
    `${metricLabel(metric)} by pairs of parameters; darker is better`,
  );
  // d3's min and max, not Math's: a spread of 100k arguments overflows the stack.
  const valueOf = (r: SweepRow) => r.metrics![metric]!;
  const best = (rs: readonly SweepRow[]) => (maximised(metric) ? kit.d3.max(rs, valueOf) : kit.d3.min(rs, valueOf))!;
  const ok = rows.filter((r) => r.feasible && r.metrics?.[metric] !== null && r.metrics?.[metric] !== undefined);
  const [lo, hi] = [kit.d3.min(ok, valueOf) ?? 0, kit.d3.max(ok, valueOf) ?? 0];
  const shade = (v: number) => {
    const t = hi > lo ? (v - lo) / (hi - lo) : 0;
    return kit.d3.color(kit.d3.interpolateBlues(0.15 + 0.8 * (maximised(metric) ? t : 1 - t)))!.formatHex();
  };
  let top = 70;
  for (const [a, b] of panels) {
    const g = chart.svg.append('g').attr('class', 'heatmap').attr('transform', `translate(16,${top})`) as unknown as Group;
    const rowsV = valuesOf(a);
    const colsV = valuesOf(b);
    const W = cellW(b);
    g.append('text').attr('x', 0).attr('y', 14).attr('font-weight', 'bold').text(`${a} (rows) × ${b} (columns)`);
    colsV.forEach((c, j) =>
      g
        .append('text')
        .attr('x', px(150 + j * W + W / 2))
        .attr('y', 40)
        .attr('text-anchor', 'middle')
        .attr('font-size', 10)
        .text(shown(c)),
    );
    rowsV.forEach((rv, i) => {
      g.append('text')
        .attr('x', 140)
        .attr('y', px(48 + i * CELL + CELL / 2 + 4))
        .attr('text-anchor', 'end')
        .attr('font-size', 10)
        .text(shown(rv));
      colsV.forEach((cv, j) => {
        const here = ok.filter((r) => JSON.stringify(r.parameters[a]) === rv && JSON.stringify(r.parameters[b]) === cv);
        const x0 = 150 + j * W;
        const y0 = 48 + i * CELL;
        if (!here.length) {
          g.append('rect')
            .attr('x', x0)
            .attr('y', y0)
            .attr('width', W - 2)
            .attr('height', CELL - 2)
            .attr('fill', '#F2F2F2');
          g.append('path')
            .attr('d', `M${x0 + 6},${y0 + 6}L${x0 + W - 8},${y0 + CELL - 8}`)
            .attr('stroke', '#999999');
          return;
        }
        const v = best(here);
        const fill = shade(v);
        g.append('rect')
          .attr('class', 'heat-cell')
          .attr('x', x0)
          .attr('y', y0)
          .attr('width', W - 2)
          .attr('height', CELL - 2)
          .attr('fill', fill);
        const label = formatMetric(metric, v);
        if (textWidth(label, 8) < W - 2)
          g.append('text')
            .attr('x', px(x0 + W / 2 - 1))
            .attr('y', px(y0 + CELL / 2 + 3))
            .attr('text-anchor', 'middle')
            .attr('font-size', 8)
            .attr('fill', inkOn(fill))
            .text(label);
      });
    });
    top += panelH([a, b]) + PANEL_GAP;
  }
  drawCaptions(
    chart.svg,
    [
      `${pairs.length} pairs of parameters${pairs.length > shown.length ? `, the first ${shown.length} shown` : ''}; crossed cells have no design within budget.`,
    ],
    height - 20,
  );
  return chart.serialize();
}
