import type * as D3 from 'd3';
import { formatSI } from '../report/format.js';
import { drawAxis, drawLegend, px, type Group, type LegendItem, type SvgKit, drawCaptions } from '../report/svg-kit.js';
import type { Role } from './analyze-design.js';
import { formatFigure } from './figures.js';
import { onlyStaticVaries, swept, type SweepPoint, type SweepSeries } from './sweep-bandwidth.js';

const WIDTH = 900;
const HEIGHT = 500;
const M = { left: 100, right: 150, top: 110, bottom: 100 };

/** Colours and marks of the two designs (Okabe–Ito blue and vermillion; the shapes and dashes differ too). */
export const DESIGN_STYLE: Readonly<
  Record<Role, { color: string; dash: string | null; shape: 'circle' | 'square'; what: string }>
> = {
  npu: { color: '#0072B2', dash: null, shape: 'circle', what: 'von Neumann NPU' },
  imc: { color: '#D55E00', dash: '6 4', shape: 'square', what: 'in-memory compute' },
};

/** What a sweep chart plots. */
export type SweepMetric = 'latency' | 'energy';

const METRIC = {
  latency: {
    value: (p: SweepPoint) => p.seconds,
    unit: 's',
    axis: 'latency per inference (s)',
    title: 'Latency vs DRAM bandwidth',
  },
  energy: {
    value: (p: SweepPoint) => p.energyJoules,
    unit: 'J',
    axis: 'energy per inference (J)',
    title: 'Energy vs DRAM bandwidth',
  },
} as const;

/** Bandwidth ticks: 1, 2 and 5 × powers of ten inside the domain. */
function bandwidthTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

/**
 * `sweep-latency.svg` / `sweep-energy.svg`: each design's latency (or energy) per inference
 * against its DRAM bandwidth, swept around its own nominal bandwidth, on a log bandwidth axis.
 * A filled marker means no layer is memory-bound at that bandwidth; a hollow one, at least one is.
 * The nominal point is ringed.
 */
export function renderSweep(series: readonly SweepSeries[], metric: SweepMetric, workload: string, kit: SvgKit): string {
  const m = METRIC[metric];
  const ran = series.filter(swept);
  const all = ran.flatMap((s) => s.points);
  const bws = all.map((p) => p.bytesPerSecond);
  const lo = bws.length ? Math.min(...bws) / 1.4 : 1e8;
  const hi = bws.length ? Math.max(...bws) * 1.4 : 1e11;
  const x = kit.d3
    .scaleLog()
    .domain([lo, hi])
    .range([0, WIDTH - M.left - M.right]);
  const maxY = Math.max(...all.map(m.value), 0);
  const y = kit.d3
    .scaleLinear()
    .domain([0, maxY > 0 ? maxY * 1.08 : 1])
    .nice()
    .range([HEIGHT - M.top - M.bottom, 0]);
  const chart = kit.chart(
    WIDTH,
    HEIGHT,
    `${m.title}: ${workload}`,
    'each design at 1/4× to 8× its own DRAM bandwidth; everything else unchanged',
  );
  const legend: LegendItem[] = [
    ...ran.map((s) => ({
      label: `${s.arch} (${DESIGN_STYLE[s.role].what})`,
      fill: DESIGN_STYLE[s.role].color,
      shape: 'line' as const,
    })),
    { label: 'no layer memory-bound', fill: '#444444', stroke: '#444444', shape: 'circle', breakBefore: true },
    { label: 'some layer memory-bound', fill: '#FFFFFF', stroke: '#444444', shape: 'circle' },
    { label: 'nominal bandwidth (ringed)', fill: '#FFFFFF', stroke: '#888888', shape: 'circle' },
  ];
  drawLegend(chart.svg, M.left, 56, WIDTH - 16, legend);
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${M.top})`) as unknown as Group;
  const [w, h] = [x.range()[1], y.range()[0]];
  const ticks = bandwidthTicks(lo, hi);
  for (const t of ticks)
    plot
      .append('line')
      .attr('x1', px(x(t)))
      .attr('x2', px(x(t)))
      .attr('y1', 0)
      .attr('y2', h)
      .attr('stroke', '#E6E6E6');
  for (const t of y.ticks(6))
    plot
      .append('line')
      .attr('x1', 0)
      .attr('x2', w)
      .attr('y1', px(y(t)))
      .attr('y2', px(y(t)))
      .attr('stroke', '#E6E6E6');
  plot.append('rect').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', '#888888');
  for (const s of ran) drawSeries(plot, x, y, s.role, s.arch, s.points, m.value, m.unit);
  drawAxis(
    plot.append('g').attr('transform', `translate(0,${h})`) as unknown as Group,
    kit.d3
      .axisBottom<number>(x)
      .tickValues(ticks)
      .tickFormat((v) => formatSI(v, 'B/s'))
      .tickSizeOuter(0),
    'DRAM bandwidth (B/s, log scale)',
    'bottom',
    w,
    40,
  );
  drawAxis(
    plot.append('g') as unknown as Group,
    kit.d3
      .axisLeft<number>(y)
      .ticks(6)
      .tickFormat((v) => formatSI(v, m.unit))
      .tickSizeOuter(0),
    m.axis,
    'left',
    h,
    76,
  );
  const skipped = series.filter((s) => !swept(s)).map((s) => ('skipped' in s ? s.skipped : ''));
  const captions = [
    metric === 'latency'
      ? 'More bandwidth shortens only the layers that wait for DRAM (hollow markers); compute-bound layers keep their time.'
      : onlyStaticVaries(series)
        ? 'Energy changes only through static energy (leakage × time): the bytes moved do not depend on bandwidth.'
        : 'Energy per inference at each bandwidth.',
    ...skipped.map((s) => `Not swept: ${s}.`),
  ];
  drawCaptions(chart.svg, captions, HEIGHT - 36);
  return chart.serialize();
}

function drawSeries(
  plot: Group,
  x: D3.ScaleLogarithmic<number, number>,
  y: D3.ScaleLinear<number, number>,
  role: Role,
  arch: string,
  points: readonly SweepPoint[],
  value: (p: SweepPoint) => number,
  unit: string,
): void {
  const style = DESIGN_STYLE[role];
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${px(x(p.bytesPerSecond))},${px(y(value(p)))}`).join('');
  plot
    .append('path')
    .attr('class', 'sweep-line')
    .attr('data-design', role)
    .attr('d', d)
    .attr('fill', 'none')
    .attr('stroke', style.color)
    .attr('stroke-width', 2.5)
    .attr('stroke-dasharray', style.dash);
  for (const p of points) {
    const cx = x(p.bytesPerSecond);
    const cy = y(value(p));
    const fill = p.memoryBound.length > 0 ? '#FFFFFF' : style.color;
    const mark =
      style.shape === 'circle'
        ? plot.append('circle').attr('cx', px(cx)).attr('cy', px(cy)).attr('r', 5)
        : plot
            .append('rect')
            .attr('x', px(cx - 4.5))
            .attr('y', px(cy - 4.5))
            .attr('width', 9)
            .attr('height', 9);
    (mark as unknown as Group)
      .attr('class', 'sweep-point')
      .attr('data-design', role)
      .attr('data-factor', p.factor)
      .attr('data-bytes-per-second', p.bytesPerSecond)
      .attr('data-value', value(p))
      .attr('data-memory-bound', p.memoryBound.length)
      .attr('fill', fill)
      .attr('stroke', style.color)
      .attr('stroke-width', 2);
    if (p.factor === 1)
      plot
        .append('circle')
        .attr('cx', px(cx))
        .attr('cy', px(cy))
        .attr('r', 10)
        .attr('fill', 'none')
        .attr('stroke', '#888888')
        .attr('stroke-width', 1.25);
  }
  const last = points[points.length - 1];
  plot
    .append('text')
    .attr('x', px(x(last.bytesPerSecond) + 14))
    .attr('y', px(y(value(last)) + 4))
    .attr('fill', style.color)
    .attr('font-weight', 'bold')
    .text(`${arch} ${formatFigure(value(last), unit === 's' ? 'seconds' : 'joules')}`);
}
