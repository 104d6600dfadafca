import type * as D3 from 'd3';
import type { SweepMetric } from '../config/schemas/sweep.js';
import { formatSI } from '../report/format.js';
import {
  drawAxis,
  drawCaptions,
  drawLegend,
  layoutLegend,
  px,
  type Group,
  type LegendItem,
  type SvgKit,
} from '../report/svg-kit.js';
import type { SweepRow } from './evaluate-point.js';
import { METRIC_UNITS } from './metrics.js';

const WIDTH = 900;
const HEIGHT = 600;
const M = { left: 100, right: 40, top: 96, bottom: 110 };
/** Colour-blind-safe categorical colours (Okabe–Ito, without its black: the front is drawn in near-black). */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442'];

type Scale = D3.ScaleLogarithmic<number, number> | D3.ScaleLinear<number, number>;

/** A metric's name with its unit, for an axis. */
export const metricLabel = (m: SweepMetric): string => (METRIC_UNITS[m] ? `${m} (${METRIC_UNITS[m]})` : m);

/** A number in a metric's unit, short; mm² takes no SI prefix (not "867 mmm²"). */
export function formatMetric(m: SweepMetric, v: number): string {
  const unit = METRIC_UNITS[m];
  if (unit === 'mm²') return `${Number(v.toPrecision(3))} mm²`;
  return unit && !['cycles', 'TOPS/W', 'TOPS/mm²'].includes(unit) ? formatSI(v, unit) : String(Number(v.toPrecision(3)));
}

/**
 * The Pareto scatter of one workload: every point that ran at (x, y) = two objectives, coloured
 * by the value of `colorBy`, hollow when over budget; the front (within budget) joined by a line.
 * Axes are logarithmic when their data span more than a decade.
 */
export function renderParetoScatter(
  kit: SvgKit,
  rows: readonly SweepRow[],
  front: readonly { point: number }[],
  workload: string,
  [xm, ym]: readonly [SweepMetric, SweepMetric],
  colorBy: string | undefined,
): string {
  const ran = rows.filter(
    (r) => r.metrics && r.metrics[xm] !== null && r.metrics[ym] !== null && r.metrics[xm]! > 0 && r.metrics[ym]! > 0,
  );
  const xs = ran.map((r) => r.metrics![xm]!);
  const ys = ran.map((r) => r.metrics![ym]!);
  const x = scale(kit, xs, [0, WIDTH - M.left - M.right]);
  const y = scale(kit, ys, [HEIGHT - M.top - M.bottom, 0]);
  const values = colorBy ? inOrder([...new Set(rows.map((r) => JSON.stringify(r.parameters[colorBy])))]) : [];
  const rank = new Map(values.map((v, i) => [v, i]));
  const color = (r: SweepRow) => (colorBy ? COLORS[rank.get(JSON.stringify(r.parameters[colorBy]))! % COLORS.length] : COLORS[0]);
  const legend: LegendItem[] = [
    ...values
      .slice(0, COLORS.length)
      .map((v, i) => ({ label: `${colorBy} = ${JSON.parse(v) as string}`, fill: COLORS[i], shape: 'circle' as const })),
    ...(values.length > COLORS.length ? [{ label: `… ${values.length - COLORS.length} more values (colours repeat)` }] : []),
    { label: 'over budget or failed (hollow)', fill: '#FFFFFF', stroke: '#222222', shape: 'circle' },
    { label: 'Pareto front', fill: '#222222', shape: 'line' },
  ];
  // The plot starts below the legend, however many rows it wraps to; the chart grows to fit.
  const legendBottom = layoutLegend(legend, M.left, 58, WIDTH - 16).bottom;
  const shift = Math.max(0, legendBottom + 14 - M.top);
  const chart = kit.chart(
    WIDTH,
    HEIGHT + shift,
    `Pareto front: ${workload}`,
    `${ran.length} design points · ${front.length} on the front within budget · colour: ${colorBy ?? 'none'}`,
  );
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend);
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${M.top + shift})`) as unknown as Group;
  const [w, h] = [x.range()[1], y.range()[0]];
  plot.append('rect').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', '#888888');
  if (ran.length <= MAX_CIRCLES) {
    for (const r of ran) {
      plot
        .append('circle')
        .attr('class', 'sweep-point')
        .attr('data-point', r.point)
        .attr('cx', px(x(r.metrics![xm]!)))
        .attr('cy', px(y(r.metrics![ym]!)))
        .attr('r', 4)
        .attr('fill', r.feasible ? color(r) : '#FFFFFF')
        .attr('stroke', color(r))
        .attr('stroke-width', 1.2);
    }
  } else drawDots(plot, ran, (r) => [px(x(r.metrics![xm]!)), px(y(r.metrics![ym]!))], color);
  const onFront = front
    .map((f) => ran.find((r) => r.point === f.point))
    .filter((r): r is SweepRow => r !== undefined)
    .sort((a, b) => a.metrics![xm]! - b.metrics![xm]!);
  if (onFront.length) {
    const d = onFront.map((r, i) => `${i ? 'L' : 'M'}${px(x(r.metrics![xm]!))},${px(y(r.metrics![ym]!))}`).join('');
    plot
      .append('path')
      .attr('class', 'pareto-front')
      .attr('d', d)
      .attr('fill', 'none')
      .attr('stroke', '#222222')
      .attr('stroke-width', 1.8);
  }
  const bottom = kit.d3.axisBottom<number>(x).ticks(6, '~s').tickSizeOuter(0);
  const left = kit.d3.axisLeft<number>(y).ticks(6, '~s').tickSizeOuter(0);
  drawAxis(plot.append('g').attr('transform', `translate(0,${h})`) as unknown as Group, bottom, metricLabel(xm), 'bottom', w, 40);
  drawAxis(plot.append('g') as unknown as Group, left, metricLabel(ym), 'left', h, 80);
  drawCaptions(
    chart.svg,
    [
      `Each point is one design on ${workload}; lower is better on both axes unless marked otherwise in the table below.`,
      `The front joins the points no other within budget beats on every objective (${front.length}).`,
    ],
    HEIGHT + shift - 30,
  );
  return chart.serialize();
}

/**
 * Many points as a few paths (a round-capped zero-length segment per point, one path per colour
 * and fill), so a 100k-point sweep's page stays small and quick to build: every point is still
 * drawn, at the circles' size; hollow ones are a white dot on a coloured one.
 */
function drawDots(
  plot: Group,
  rows: readonly SweepRow[],
  at: (r: SweepRow) => [number, number],
  color: (r: SweepRow) => string,
): void {
  const groups = new Map<string, { color: string; feasible: boolean; d: string[] }>();
  for (const r of rows) {
    const c = color(r);
    const key = `${c} ${r.feasible}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { color: c, feasible: r.feasible, d: [] }));
    const [cx, cy] = at(r);
    g.d.push(`M${cx},${cy}h0`);
  }
  for (const g of groups.values()) {
    const d = g.d.join('');
    const dot = (stroke: string, width: number) =>
      plot
        .append('path')
        .attr('class', 'sweep-points')
        .attr('data-count', g.d.length)
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', stroke)
        .attr('stroke-width', width)
        .attr('stroke-linecap', 'round');
    dot(g.color, 9.2);
    if (!g.feasible) dot('#FFFFFF', 6.8);
  }
}

/** Values (as JSON) in numeric order when all are numbers, else as first seen. */
function inOrder(values: string[]): string[] {
  const numbers = values.map((v) => JSON.parse(v) as unknown);
  return numbers.every((n) => typeof n === 'number') ? values.sort((a, b) => Number(a) - Number(b)) : values;
}

/** Beyond this many points, the scatter draws dot paths rather than one circle per point. */
const MAX_CIRCLES = 2000;

/** A log scale when the data span more than a decade, else linear, padded a little either way. */
function scale(kit: SvgKit, values: readonly number[], range: [number, number]): Scale {
  const lo = kit.d3.min(values) ?? 1;
  const hi = kit.d3.max(values) ?? 10;
  if (hi / lo > 10)
    return kit.d3
      .scaleLog()
      .domain([lo / 1.2, hi * 1.2])
      .range(range)
      .nice();
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
  return kit.d3
    .scaleLinear()
    .domain([Math.max(0, lo - pad), hi + pad])
    .range(range)
    .nice();
}
