import type * as D3 from 'd3';
import type { SimResult } from '../sim/result.js';
import { formatSI } from './format.js';
import { componentColors } from './palette.js';
import { placeLabels } from './place-labels.js';
import { drawAxis, drawLegend, px, type Group, type LegendItem, type SvgKit, drawCaptions } from './svg-kit.js';

const WIDTH = 900;
const HEIGHT = 600;
const M = { left: 100, right: 40, top: 96, bottom: 110 };
const MAX_LABELS = 24;

/** A layer on the roofline: ops (2 × MACs) per DRAM byte, and ops per second it achieved. */
export interface RooflinePoint {
  readonly name: string;
  readonly intensity: number;
  readonly opsPerSecond: number;
  readonly bound: string;
  readonly macs: number;
}

/** The layers a roofline can place (DRAM traffic, MACs and time all non-zero); the rest are counted. */
export function rooflinePoints(result: SimResult): { points: RooflinePoint[]; skipped: number } {
  const points: RooflinePoint[] = [];
  for (const l of result.layers) {
    const bytes = l.dram.readBytes + l.dram.writeBytes;
    if (bytes <= 0 || l.macs <= 0 || l.seconds <= 0) continue;
    const ops = 2 * l.macs;
    points.push({ name: l.name, intensity: ops / bytes, opsPerSecond: ops / l.seconds, bound: l.bound, macs: l.macs });
  }
  return { points, skipped: result.layers.length - points.length };
}

type Log = D3.ScaleLogarithmic<number, number>;

/** The roofs: peak ops/s, and the DRAM bandwidth in bytes/s with its ridge point (none when DRAM is ideal). */
interface Roofs {
  readonly peak: number;
  readonly bandwidth: number | null;
  readonly ridge?: number;
}

const decade = (v: number, round: (x: number) => number) => 10 ** round(Math.log10(v));
const powersOfTen = (scale: Log) => {
  const [lo, hi] = scale.domain().map((v) => Math.round(Math.log10(v)));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
};
/** Intensity ticks: plain below 1000 (0.1, 1, 10), SI prefixes above (1 k, 10 k). */
const intensityTick = (v: number) => (v >= 1000 ? formatSI(v, '').trim() : String(Number(v.toPrecision(3))));

/**
 * `roofline.svg`: each layer with DRAM traffic as a point (x = ops per DRAM byte, y = achieved
 * ops/s) on log–log axes, under the compute roof (peak ops/s) and the DRAM roof (bandwidth ×
 * intensity; none when DRAM is ideal). Filled points are compute-bound, hollow ones memory-bound.
 */
export function renderRoofline(result: SimResult, kit: SvgKit): string {
  const { points, skipped } = rooflinePoints(result);
  const bandwidth = result.arch.dram.bytesPerSecond;
  const peak = result.arch.peakOpsPerSecond;
  const roofs: Roofs = { peak, bandwidth, ...(bandwidth && bandwidth > 0 ? { ridge: peak / bandwidth } : {}) };
  const { x, y } = scales(kit, points, roofs);
  const dram = bandwidth ? formatSI(bandwidth, 'B/s') : 'ideal (unlimited bandwidth)';
  const chart = kit.chart(
    WIDTH,
    HEIGHT,
    `Roofline: ${result.workload.name} on ${result.arch.name}`,
    `peak ${formatSI(peak, 'op/s')} · DRAM ${dram} · ops = 2 × MACs`,
  );
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend(roofs));
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${M.top})`) as unknown as Group;
  drawGrid(plot, x, y);
  drawRoofs(plot, x, y, roofs);
  drawPoints(plot, x, y, points);
  drawAxes(kit, plot, x, y);
  const labelled = Math.min(points.length, MAX_LABELS);
  const captions = [
    `${points.length} of ${result.layers.length} layers plotted; ${skipped} skipped (no DRAM traffic or no MACs).` +
      (points.length > labelled ? ` Names: the ${labelled} largest layers, where they fit.` : ''),
    roofs.ridge
      ? `Ridge point ${intensityTick(roofs.ridge)} op/B: layers left of it cannot reach peak through this DRAM channel.`
      : 'DRAM is ideal (unlimited bandwidth), so there is no memory roof: only the compute roof bounds a layer.',
  ];
  drawCaptions(chart.svg, captions, HEIGHT - 30);
  return chart.serialize();
}

/** Log scales spanning whole decades around the points, the ridge and the peak. */
function scales(kit: SvgKit, points: readonly RooflinePoint[], roofs: Roofs): { x: Log; y: Log } {
  const xs = [...points.map((p) => p.intensity), ...(roofs.ridge ? [roofs.ridge] : [])];
  const ys = points.map((p) => p.opsPerSecond);
  const xLo = decade(xs.length ? Math.min(...xs) / 2 : 0.1, Math.floor);
  const xHi = decade(xs.length ? Math.max(...xs) * 2 : 1e4, Math.ceil);
  const yLo = decade(Math.min(roofs.peak / 100, ...ys.map((v) => v / 2)), Math.floor);
  const yHi = decade(roofs.peak * 2, Math.ceil);
  return {
    x: kit.d3
      .scaleLog()
      .domain([xLo, xHi])
      .range([0, WIDTH - M.left - M.right]),
    y: kit.d3
      .scaleLog()
      .domain([yLo, yHi])
      .range([HEIGHT - M.top - M.bottom, 0]),
  };
}

function legend(roofs: Roofs): LegendItem[] {
  const items: LegendItem[] = [
    { label: 'compute-bound layer', fill: '#222222', stroke: '#222222', shape: 'circle' },
    { label: 'memory-bound layer', fill: '#FFFFFF', stroke: '#222222', shape: 'circle' },
    {
      label: `compute roof: ${formatSI(roofs.peak, 'op/s')}`,
      fill: componentColors(['mac']).mac,
      shape: 'line',
      component: 'mac',
    },
  ];
  if (roofs.ridge && roofs.bandwidth) {
    const label = `DRAM roof: ${formatSI(roofs.bandwidth, 'B/s')} × intensity`;
    items.push({ label, fill: componentColors(['dram']).dram, shape: 'line', component: 'dram' });
  }
  return items;
}

function drawGrid(plot: Group, x: Log, y: Log): void {
  const [w, h] = [x.range()[1], y.range()[0]];
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    plot.append('line').attr('x1', px(x1)).attr('y1', px(y1)).attr('x2', px(x2)).attr('y2', px(y2)).attr('stroke', '#E3E3E3');
  for (const t of powersOfTen(x)) line(x(t), 0, x(t), h);
  for (const t of powersOfTen(y)) line(0, y(t), w, y(t));
  plot.append('rect').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', '#888888');
}

function drawAxes(kit: SvgKit, plot: Group, x: Log, y: Log): void {
  const h = y.range()[0];
  const bottom = kit.d3.axisBottom<number>(x).tickValues(powersOfTen(x)).tickFormat(intensityTick).tickSizeOuter(0);
  const left = kit.d3
    .axisLeft<number>(y)
    .tickValues(powersOfTen(y))
    .tickFormat((v) => formatSI(v, 'op/s'))
    .tickSizeOuter(0);
  const xLabel = 'arithmetic intensity (op/B: operations per byte of DRAM traffic)';
  drawAxis(
    plot.append('g').attr('transform', `translate(0,${h})`) as unknown as Group,
    bottom,
    xLabel,
    'bottom',
    x.range()[1],
    40,
  );
  drawAxis(plot.append('g') as unknown as Group, left, 'achieved throughput (op/s)', 'left', h, 80);
}

/** The compute roof from the ridge on, the DRAM slope up to it, and a dashed line down from the ridge. */
function drawRoofs(plot: Group, x: Log, y: Log, { peak, bandwidth, ridge }: Roofs): void {
  const [xLo, xHi] = x.domain();
  const yLo = y.domain()[0];
  const roof = (cls: string, component: string, x1: number, y1: number, x2: number, y2: number) =>
    plot
      .append('line')
      .attr('class', cls)
      .attr('data-component', component)
      .attr('x1', px(x1))
      .attr('y1', px(y1))
      .attr('x2', px(x2))
      .attr('y2', px(y2))
      .attr('stroke', componentColors([component])[component])
      .attr('stroke-width', 2.5);
  roof('compute-roof', 'mac', x(ridge && ridge > xLo ? ridge : xLo), y(peak), x(xHi), y(peak));
  if (!ridge || !bandwidth) return;
  const from = Math.max(xLo, yLo / bandwidth);
  const to = Math.min(ridge, xHi);
  if (from >= to) return;
  roof('dram-roof', 'dram', x(from), y(bandwidth * from), x(to), y(bandwidth * to));
  if (ridge <= xHi)
    roof('ridge', 'dram', x(ridge), y(peak), x(ridge), y(yLo)).attr('stroke-width', 1).attr('stroke-dasharray', '4 4');
}

/** The layers as points, and the names of the largest where they fit. */
function drawPoints(plot: Group, x: Log, y: Log, points: readonly RooflinePoint[]): void {
  for (const p of points) {
    plot
      .append('circle')
      .attr('class', 'layer-point')
      .attr('data-layer', p.name)
      .attr('cx', px(x(p.intensity)))
      .attr('cy', px(y(p.opsPerSecond)))
      .attr('r', 5)
      .attr('fill', p.bound === 'memory' ? '#FFFFFF' : '#222222')
      .attr('stroke', '#222222')
      .attr('stroke-width', 1.5);
  }
  const largest = [...points].sort((a, b) => b.macs - a.macs || (a.name < b.name ? -1 : 1));
  const anchors = largest.map((p) => ({ x: x(p.intensity), y: y(p.opsPerSecond), text: p.name, radius: 6 }));
  for (const l of placeLabels(anchors, x.range()[1], y.range()[0], 10, MAX_LABELS)) {
    plot.append('text').attr('x', px(l.x)).attr('y', px(l.y)).attr('font-size', 10).text(l.text);
  }
}
