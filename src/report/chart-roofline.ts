import type * as D3 from 'd3';
import type { SimResult } from '../sim/result.js';
import { formatSI } from './format.js';
import { componentColors } from './palette.js';
import { ceilingsOf, rooflinePoints, type Ceiling, type RooflinePoint } from './roofline-points.js';
import { placeLabels } from './place-labels.js';
import { drawAxis, drawLegend, px, type Group, type LegendItem, type SvgKit, drawCaptions } from './svg-kit.js';

const WIDTH = 900;
const HEIGHT = 600;
const M = { left: 100, right: 40, top: 96, bottom: 110 };
const MAX_LABELS = 24;

export { rooflinePoints, type RooflinePoint } from './roofline-points.js';

type Log = D3.ScaleLogarithmic<number, number>;

/** The roofs: peak ops/s, and one ceiling per memory level that has a bandwidth, with its colour. */
interface Roofs {
  readonly peak: number;
  readonly ceilings: readonly (Ceiling & { readonly color: string })[];
}

const decade = (v: number, round: (x: number) => number) => 10 ** round(Math.log10(v));
const powersOfTen = (scale: Log) => {
  const [lo, hi] = scale.domain().map((v) => Math.round(Math.log10(v)));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
};
/** Intensity ticks: plain below 1000 (0.1, 1, 10), SI prefixes above (1 k, 10 k). */
const intensityTick = (v: number) => (v >= 1000 ? formatSI(v, '').trim() : String(Number(v.toPrecision(3))));

/**
 * `roofline.svg`, one ceiling per memory level: each layer is a point (x = ops per byte moved at
 * the level that bounds it, y = achieved ops/s) on log–log axes, under the compute roof (peak
 * ops/s) and that level's ceiling (bandwidth × intensity). A point's outline takes its level's
 * colour; filled points are compute-bound, hollow ones memory-bound.
 */
export function renderRoofline(result: SimResult, kit: SvgKit): string {
  const colors = componentColors(Object.keys(result.totals.energyBreakdownJoules));
  const ceilings = ceilingsOf(result).map((c) => ({ ...c, color: colors[c.component] ?? colors.dram }));
  const { points, skipped } = rooflinePoints(result, ceilings);
  const peak = result.arch.peakOpsPerSecond;
  const roofs: Roofs = { peak, ceilings };
  const { x, y } = scales(kit, points, roofs);
  const bandwidth = result.arch.dram.bytesPerSecond;
  const dram = bandwidth ? formatSI(bandwidth, 'B/s') : 'ideal (unlimited bandwidth)';
  const chart = kit.chart(
    WIDTH,
    HEIGHT,
    `Roofline: ${result.workload.name} on ${result.arch.name}`,
    `peak ${formatSI(peak, 'op/s')} · DRAM ${dram} · ops = 2 × MACs · one ceiling per memory level`,
  );
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend(roofs));
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${M.top})`) as unknown as Group;
  drawGrid(plot, x, y);
  drawRoofs(plot, x, y, roofs);
  drawPoints(plot, x, y, points, new Map(ceilings.map((c) => [c.level, c.color])));
  drawAxes(kit, plot, x, y);
  const labelled = Math.min(points.length, MAX_LABELS);
  const levels = [...new Set(points.map((p) => p.level))].map((l) => `${points.filter((p) => p.level === l).length} ${l}`);
  const captions = [
    `${points.length} of ${result.layers.length} layers plotted, each against the level that bounds it (${levels.join(', ') || 'none'}); ${skipped} skipped (no MACs, or no timed traffic).` +
      (points.length > labelled ? ` Names: the ${labelled} largest.` : ''),
    bandwidth
      ? `Ridge points (op/B): ${ceilings.map((c) => `${c.level} ${intensityTick(c.ridge)}`).join(', ')}; left of its level's ridge a layer cannot reach peak.`
      : `DRAM is ideal (unlimited bandwidth), so there is no memory roof for it${ceilings.length ? `; on-chip ceilings: ${ceilings.map((c) => c.level).join(', ')}` : ''}.`,
  ];
  drawCaptions(chart.svg, captions, HEIGHT - 30);
  return chart.serialize();
}

/** Log scales spanning whole decades around the points, the ridge and the peak. */
function scales(kit: SvgKit, points: readonly RooflinePoint[], roofs: Roofs): { x: Log; y: Log } {
  const xs = [...points.map((p) => p.intensity), ...roofs.ceilings.map((c) => c.ridge)];
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
  for (const c of roofs.ceilings) {
    const label = `${c.level === 'dram' ? 'DRAM' : c.level} roof: ${formatSI(c.bytesPerSecond, 'B/s')} × intensity`;
    items.push({ label, fill: c.color, shape: 'line', component: c.component });
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
  const xLabel = 'arithmetic intensity (op/B: operations per byte moved at the bounding memory level)';
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

/** The compute roof, and each level's slope up to its ridge with a dashed line down from the ridge. */
function drawRoofs(plot: Group, x: Log, y: Log, { peak, ceilings }: Roofs): void {
  const [xLo, xHi] = x.domain();
  const yLo = y.domain()[0];
  const roof = (cls: string, color: string, x1: number, y1: number, x2: number, y2: number) =>
    plot
      .append('line')
      .attr('class', cls)
      .attr('x1', px(x1))
      .attr('y1', px(y1))
      .attr('x2', px(x2))
      .attr('y2', px(y2))
      .attr('stroke', color)
      .attr('stroke-width', 2.5);
  // The compute roof starts where the first ceiling meets it.
  const first = ceilings.length ? Math.min(...ceilings.map((c) => c.ridge)) : xLo;
  roof('compute-roof', componentColors(['mac']).mac, x(Math.min(Math.max(first, xLo), xHi)), y(peak), x(xHi), y(peak)).attr(
    'data-component',
    'mac',
  );
  for (const c of ceilings) {
    const from = Math.max(xLo, yLo / c.bytesPerSecond);
    const to = Math.min(c.ridge, xHi);
    if (from >= to) continue;
    const cls = c.level === 'dram' ? 'dram-roof' : 'memory-roof';
    roof(cls, c.color, x(from), y(c.bytesPerSecond * from), x(to), y(c.bytesPerSecond * to))
      .attr('data-component', c.component)
      .attr('data-level', c.level);
    if (c.ridge <= xHi)
      roof('ridge', c.color, x(c.ridge), y(peak), x(c.ridge), y(yLo)).attr('stroke-width', 1).attr('stroke-dasharray', '4 4');
  }
}

/** The layers as points, and the names of the largest where they fit. */
function drawPoints(plot: Group, x: Log, y: Log, points: readonly RooflinePoint[], colors: ReadonlyMap<string, string>): void {
  for (const p of points) {
    plot
      .append('circle')
      .attr('class', 'layer-point')
      .attr('data-layer', p.name)
      .attr('data-level', p.level)
      .attr('cx', px(x(p.intensity)))
      .attr('cy', px(y(p.opsPerSecond)))
      .attr('r', 5)
      .attr('fill', p.bound === 'memory' ? '#FFFFFF' : (colors.get(p.level) ?? '#222222'))
      .attr('stroke', colors.get(p.level) ?? '#222222')
      .attr('stroke-width', 1.5);
  }
  const largest = [...points].sort((a, b) => b.macs - a.macs || (a.name < b.name ? -1 : 1));
  const anchors = largest.map((p) => ({ x: x(p.intensity), y: y(p.opsPerSecond), text: p.name, radius: 6 }));
  for (const l of placeLabels(anchors, x.range()[1], y.range()[0], 10, MAX_LABELS)) {
    plot.append('text').attr('x', px(l.x)).attr('y', px(l.y)).attr('font-size', 10).text(l.text);
  }
}
