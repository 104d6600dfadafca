import type * as D3 from 'd3';
import { formatSI } from '../report/format.js';
import {
  drawAxis,
  drawCaptions,
  drawLegend,
  layoutLegend,
  px,
  textWidth,
  type Group,
  type LegendItem,
  type SvgKit,
} from '../report/svg-kit.js';

/** Okabe–Ito colour-blind-safe colours, one per series or class. */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#999999', '#332288'];

const WIDTH = 900;
const M = { left: 96, right: 40, bottom: 64 };

type Scale = D3.ScaleLogarithmic<number, number> | D3.ScaleLinear<number, number>;

/** A linear or log scale over positive `values` (log needs them all > 0), padded a little. */
function scaleOf(kit: SvgKit, values: readonly number[], range: [number, number], log: boolean, zero = false): Scale {
  const pos = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let lo = pos.length ? Math.min(...pos) : log ? 1 : 0;
  let hi = pos.length ? Math.max(...pos) : 1;
  if (log) {
    if (hi <= lo) [lo, hi] = [lo / 2, hi * 2];
    return kit.d3
      .scaleLog()
      .domain([lo / 1.3, hi * 1.3])
      .range(range);
  }
  if (zero) lo = Math.min(0, lo);
  if (hi <= lo) hi = lo + 1;
  return kit.d3.scaleLinear().domain([lo, hi]).nice().range(range);
}

/** Tick text: SI-prefixed with the unit, or a plain number for a dimensionless axis (a fraction). */
const tick = (unit: string) => (v: D3.NumberValue) =>
  unit ? formatSI(Number(v), unit) : String(Number(Number(v).toPrecision(3)));
/** An axis label with its unit in brackets, none for a dimensionless quantity. */
const axisLabel = (label: string, unit: string) => (unit ? `${label} (${unit})` : label);

/** An axis whose log ticks are the powers of ten in its domain (labels every 2-9 would collide). */
function axisOf(
  kit: SvgKit,
  orient: 'bottom' | 'left',
  scale: Scale,
  log: boolean,
  unit: string,
  count: number,
): D3.Axis<number> {
  const axis = (orient === 'bottom' ? kit.d3.axisBottom<number>(scale) : kit.d3.axisLeft<number>(scale)).tickFormat(tick(unit));
  if (!log) return axis.ticks(count);
  const [a, b] = scale.domain();
  const decades: number[] = [];
  for (let e = Math.ceil(Math.log10(Math.min(a, b))); e <= Math.floor(Math.log10(Math.max(a, b))); e++) decades.push(10 ** e);
  const step = Math.max(1, Math.ceil(decades.length / count));
  const values = decades.filter((_, i) => i % step === 0);
  return values.length >= 2 ? axis.tickValues(values) : axis.ticks(3);
}

/** One series of a line chart. */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
  /** Draw as a step function (a CDF), not straight segments. */
  readonly step?: boolean;
}

/** A vertical marker line with a label (a break-even point, a deadline). */
export interface Marker {
  readonly x: number;
  readonly label: string;
}

export interface LineChartSpec {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: { readonly label: string; readonly unit: string; readonly log: boolean };
  readonly y: { readonly label: string; readonly unit: string; readonly log: boolean };
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  readonly captions?: readonly string[];
}

/** A line chart with labelled axes (units in the labels), a legend and optional vertical markers. */
export function lineChart(kit: SvgKit, spec: LineChartSpec): string {
  const legend: LegendItem[] = spec.series.map((s, i) => ({
    label: s.label,
    fill: SERIES_COLORS[i % SERIES_COLORS.length],
    shape: 'line',
  }));
  const legendBottom = layoutLegend(legend, M.left, 58, WIDTH - 16).bottom;
  const top = legendBottom + 14;
  const plotH = 340;
  const captions = spec.captions ?? [];
  const height = top + plotH + M.bottom + captions.length * 18 + 8;
  const chart = kit.chart(WIDTH, height, spec.title, spec.subtitle);
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend);
  const w = WIDTH - M.left - M.right;
  const xs = [...spec.series.flatMap((s) => s.points.map((p) => p[0])), ...(spec.markers ?? []).map((m) => m.x)];
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
  const x = scaleOf(kit, xs, [0, w], spec.x.log);
  const y = scaleOf(kit, ys, [plotH, 0], spec.y.log, true);
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${top})`) as unknown as Group;
  plot.append('rect').attr('width', w).attr('height', plotH).attr('fill', 'none').attr('stroke', '#888888');
  const xAxis = plot.append('g').attr('transform', `translate(0,${plotH})`) as unknown as Group;
  drawAxis(xAxis, axisOf(kit, 'bottom', x, spec.x.log, spec.x.unit, 8), axisLabel(spec.x.label, spec.x.unit), 'bottom', w, 40);
  const yAxis = plot.append('g') as unknown as Group;
  drawAxis(yAxis, axisOf(kit, 'left', y, spec.y.log, spec.y.unit, 6), axisLabel(spec.y.label, spec.y.unit), 'left', plotH, 72);
  const clip = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  spec.series.forEach((s, i) => {
    const pts = s.points.filter(
      ([a, b]) => Number.isFinite(a) && Number.isFinite(b) && (!spec.x.log || a > 0) && (!spec.y.log || b > 0),
    );
    if (!pts.length) return;
    const line = (s.step ? kit.d3.line().curve(kit.d3.curveStepAfter) : kit.d3.line())
      .x((p) => px(clip(x(p[0]), 0, w)))
      .y((p) => px(clip(y(p[1]), 0, plotH)));
    plot
      .append('path')
      .attr('data-series', s.label)
      .attr('d', line(pts.map((p) => [p[0], p[1]] as [number, number])) ?? '')
      .attr('fill', 'none')
      .attr('stroke', SERIES_COLORS[i % SERIES_COLORS.length])
      .attr('stroke-width', 2.2)
      .attr('stroke-dasharray', s.dashed ? '6 4' : null);
  });
  for (const [i, m] of (spec.markers ?? []).entries()) {
    const mx = px(clip(x(m.x), 0, w));
    plot
      .append('line')
      .attr('x1', mx)
      .attr('x2', mx)
      .attr('y1', 0)
      .attr('y2', plotH)
      .attr('stroke', '#222222')
      .attr('stroke-dasharray', '2 3');
    const anchorEnd = mx + textWidth(m.label, 11) + 6 > w;
    plot
      .append('text')
      .attr('x', anchorEnd ? mx - 4 : mx + 4)
      .attr('y', 14 + 14 * i)
      .attr('font-size', 11)
      .attr('text-anchor', anchorEnd ? 'end' : 'start')
      .text(m.label);
  }
  drawCaptions(chart.svg, captions, top + plotH + M.bottom);
  return chart.serialize();
}

/** One row of a bar panel chart. */
export interface BarRow {
  readonly label: string;
  /** Colour index (a class). */
  readonly group: number;
  /** One value per panel; undefined when the device could not run. */
  readonly values: readonly (number | undefined)[];
}

/** Horizontal bars, one panel per metric side by side (log scales), one row per device. */
export function barPanels(
  kit: SvgKit,
  title: string,
  subtitle: string,
  panels: readonly { readonly label: string; readonly unit: string }[],
  rows: readonly BarRow[],
  legend: readonly LegendItem[],
  captions: readonly string[] = [],
): string {
  const labelW = Math.max(120, ...rows.map((r) => textWidth(r.label, 12))) + 12;
  const legendBottom = layoutLegend(legend, 16, 58, WIDTH - 16).bottom;
  const top = legendBottom + 10;
  const rowH = 22;
  const plotH = rows.length * rowH;
  const height = top + plotH + 60 + captions.length * 18 + 8;
  const chart = kit.chart(WIDTH, height, title, subtitle);
  drawLegend(chart.svg, 16, 58, WIDTH - 16, legend);
  const gap = 40;
  const panelW = (WIDTH - labelW - 16 - 20 - gap * (panels.length - 1)) / panels.length;
  rows.forEach((r, i) =>
    chart.svg
      .append('text')
      .attr('x', labelW + 4)
      .attr('y', top + i * rowH + 15)
      .attr('text-anchor', 'end')
      .text(r.label),
  );
  panels.forEach((p, j) => {
    const vals = rows.map((r) => r.values[j]).filter((v): v is number => v !== undefined && v > 0);
    const x = scaleOf(kit, vals, [0, panelW], true);
    const g = chart.svg
      .append('g')
      .attr('transform', `translate(${px(labelW + 16 + j * (panelW + gap))},${top})`) as unknown as Group;
    g.append('rect').attr('width', px(panelW)).attr('height', plotH).attr('fill', 'none').attr('stroke', '#888888');
    rows.forEach((r, i) => {
      const v = r.values[j];
      if (v === undefined || !(v > 0)) {
        g.append('text')
          .attr('x', 4)
          .attr('y', i * rowH + 15)
          .attr('fill', '#555555')
          .text('cannot run');
        return;
      }
      g.append('rect')
        .attr('data-device', r.label)
        .attr('x', 0)
        .attr('y', i * rowH + 4)
        .attr('width', px(Math.max(1, x(v))))
        .attr('height', rowH - 8)
        .attr('fill', SERIES_COLORS[r.group % SERIES_COLORS.length]);
    });
    const axis = g.append('g').attr('transform', `translate(0,${plotH})`) as unknown as Group;
    drawAxis(axis, axisOf(kit, 'bottom', x, true, p.unit, 4), `${p.label} (${p.unit})`, 'bottom', panelW, 40);
  });
  drawCaptions(chart.svg, captions, top + plotH + 62);
  return chart.serialize();
}

/** A box of the range scatter: a class's expected power and peak. */
export interface RangeBox {
  readonly label: string;
  readonly group: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** A point of the range scatter: a device at (power, peak), ringed when outside its class's box. */
export interface RangePoint {
  readonly label: string;
  readonly group: number;
  readonly x: number;
  readonly y: number;
  readonly outside: boolean;
}

/** Log-log scatter of devices over their class boxes: power (W) against dense int8 peak (op/s). */
export function rangeScatter(
  kit: SvgKit,
  title: string,
  subtitle: string,
  boxes: readonly RangeBox[],
  points: readonly RangePoint[],
  legend: readonly LegendItem[],
  captions: readonly string[] = [],
): string {
  const legendBottom = layoutLegend(legend, M.left, 58, WIDTH - 16).bottom;
  const top = legendBottom + 14;
  const plotH = 420;
  const height = top + plotH + M.bottom + captions.length * 18 + 8;
  const chart = kit.chart(WIDTH, height, title, subtitle);
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend);
  const w = WIDTH - M.left - M.right;
  const x = scaleOf(kit, [...boxes.flatMap((b) => b.x), ...points.map((p) => p.x)], [0, w], true);
  const y = scaleOf(kit, [...boxes.flatMap((b) => b.y), ...points.map((p) => p.y)], [plotH, 0], true);
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${top})`) as unknown as Group;
  plot.append('rect').attr('width', w).attr('height', plotH).attr('fill', 'none').attr('stroke', '#888888');
  for (const b of boxes) {
    const color = SERIES_COLORS[b.group % SERIES_COLORS.length];
    plot
      .append('rect')
      .attr('data-class', b.label)
      .attr('x', px(x(b.x[0])))
      .attr('y', px(y(b.y[1])))
      .attr('width', px(x(b.x[1]) - x(b.x[0])))
      .attr('height', px(y(b.y[0]) - y(b.y[1])))
      .attr('fill', color)
      .attr('fill-opacity', 0.12)
      .attr('stroke', color)
      .attr('stroke-dasharray', '4 3');
    plot
      .append('text')
      .attr('x', px(x(b.x[0]) + 4))
      .attr('y', px(y(b.y[1]) + 13))
      .attr('font-size', 11)
      .attr('fill', color)
      .text(b.label);
  }
  for (const p of points) {
    const color = SERIES_COLORS[p.group % SERIES_COLORS.length];
    const [cx, cy] = [px(x(p.x)), px(y(p.y))];
    plot.append('circle').attr('data-device', p.label).attr('cx', cx).attr('cy', cy).attr('r', 5).attr('fill', color);
    if (p.outside)
      plot
        .append('circle')
        .attr('cx', cx)
        .attr('cy', cy)
        .attr('r', 9)
        .attr('fill', 'none')
        .attr('stroke', '#D55E00')
        .attr('stroke-width', 1.5);
    const right = cx + 10 + textWidth(p.label, 11) > w;
    plot
      .append('text')
      .attr('x', right ? cx - 10 : cx + 10)
      .attr('y', cy + 4)
      .attr('font-size', 11)
      .attr('text-anchor', right ? 'end' : 'start')
      .text(p.label);
  }
  const xAxis = plot.append('g').attr('transform', `translate(0,${plotH})`) as unknown as Group;
  drawAxis(xAxis, axisOf(kit, 'bottom', x, true, 'W', 8), 'power (W)', 'bottom', w, 40);
  const yAxis = plot.append('g') as unknown as Group;
  drawAxis(yAxis, axisOf(kit, 'left', y, true, 'op/s', 8), 'dense int8 peak (op/s)', 'left', plotH, 72);
  drawCaptions(chart.svg, captions, top + plotH + M.bottom);
  return chart.serialize();
}
