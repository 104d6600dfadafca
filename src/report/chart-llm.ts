import type * as D3 from 'd3';
import type { LlmSweep, LlmSweepPoint } from '../sim/llm-sweep.js';
import { formatSI } from './format.js';
import { drawAxis, drawLegend, px, type Group, type LegendItem, type SvgKit } from './svg-kit.js';

/** One colour per batch size (Okabe–Ito), dashes differ too for grey-scale prints. */
const BATCH_STYLE = [
  { color: '#0072B2', dash: null },
  { color: '#D55E00', dash: '6 4' },
  { color: '#009E73', dash: '2 3' },
  { color: '#CC79A7', dash: '8 3 2 3' },
] as const;
const styleOf = (sweep: LlmSweep, batch: number) => BATCH_STYLE[sweep.batches.indexOf(batch) % BATCH_STYLE.length];

/**
 * `llm-rates.svg`: decode tokens/s (left) and J/token (right) against the context length, one
 * line per batch size. Tokens/s counts every sequence's new token; J/token divides a step's
 * energy over them.
 */
export function renderLlmRates(sweep: LlmSweep, kit: SvgKit): string {
  const W = 960;
  const H = 460;
  const M = { left: 90, top: 110, bottom: 70, gap: 110 };
  const pw = (W - M.left - M.gap - 30) / 2;
  const ph = H - M.top - M.bottom;
  const chart = kit.chart(
    W,
    H,
    `Decode rate and energy vs context: ${sweep.model} on ${sweep.arch}`,
    `one decode step per point; ${sweep.precision}`,
  );
  const legend: LegendItem[] = sweep.batches.map((b) => ({ label: `batch ${b}`, fill: styleOf(sweep, b).color, shape: 'line' }));
  drawLegend(chart.svg, M.left, 62, W - 16, legend);
  const panel = (i: number, value: (p: LlmSweepPoint) => number, axis: string, unit: string) => {
    const plot = chart.svg.append('g').attr('transform', `translate(${M.left + i * (pw + M.gap)},${M.top})`) as unknown as Group;
    const x = kit.d3
      .scaleLog()
      .base(2)
      .domain([Math.min(...sweep.contexts) / 1.3, Math.max(...sweep.contexts) * 1.3])
      .range([0, pw]);
    const max = Math.max(...sweep.decode.map(value));
    const y = kit.d3
      .scaleLinear()
      .domain([0, max > 0 ? max * 1.08 : 1])
      .nice()
      .range([ph, 0]);
    for (const t of y.ticks(5))
      plot
        .append('line')
        .attr('x1', 0)
        .attr('x2', pw)
        .attr('y1', px(y(t)))
        .attr('y2', px(y(t)))
        .attr('stroke', '#E6E6E6');
    plot.append('rect').attr('width', pw).attr('height', ph).attr('fill', 'none').attr('stroke', '#888888');
    for (const b of sweep.batches) {
      const pts = sweep.decode.filter((p) => p.batch === b);
      const s = styleOf(sweep, b);
      plot
        .append('path')
        .attr('d', pts.map((p, k) => `${k ? 'L' : 'M'}${px(x(p.tokens))},${px(y(value(p)))}`).join(''))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', s.dash);
      for (const p of pts)
        plot
          .append('circle')
          .attr('cx', px(x(p.tokens)))
          .attr('cy', px(y(value(p))))
          .attr('r', 3.5)
          .attr('fill', s.color)
          .attr('data-batch', b)
          .attr('data-context', p.tokens)
          .append('title')
          .text(`batch ${b}, context ${p.tokens}: ${formatSI(value(p), unit)}`);
    }
    drawAxes(
      kit,
      plot,
      [pw, ph],
      { scale: x, ticks: [...sweep.contexts], label: 'context (tokens in the KV cache, log scale)' },
      { scale: y, ticks: y.ticks(5), unit, label: axis, labelOffset: 70 },
    );
  };
  panel(0, (p) => p.tokensPerSecond, 'decode rate (tokens/s, all sequences)', 'tok/s');
  panel(1, (p) => p.joulesPerToken, 'energy per generated token (J)', 'J');
  return chart.serialize();
}

/**
 * `llm-roofline.svg`: achieved ops/s against ops per off-chip byte for every decode step and
 * prefill of the sweep, under the roofs of the arch's peak and its off-chip bandwidth: decode
 * sits on the bandwidth slope at low intensity, prefill toward the compute roof.
 */
export function renderLlmRoofline(sweep: LlmSweep, kit: SvgKit): string {
  const W = 900;
  const H = 520;
  const M = { left: 100, right: 40, top: 110, bottom: 70 };
  const [pw, ph] = [W - M.left - M.right, H - M.top - M.bottom];
  const all = [...sweep.decode, ...sweep.prefill].filter((p) => p.opsPerDramByte > 0 && p.opsPerSecond > 0);
  const xs = all.map((p) => p.opsPerDramByte);
  const ridge = sweep.dramBytesPerSecond ? sweep.peakOpsPerSecond / sweep.dramBytesPerSecond : undefined;
  const x = kit.d3
    .scaleLog()
    .domain([Math.min(...xs, ridge ?? Infinity) / 3, Math.max(...xs, ridge ?? 0) * 3])
    .range([0, pw]);
  const ys = all.map((p) => p.opsPerSecond);
  const y = kit.d3
    .scaleLog()
    .domain([Math.min(...ys) / 3, sweep.peakOpsPerSecond * 2])
    .range([ph, 0]);
  const chart = kit.chart(
    W,
    H,
    `Roofline of decode and prefill: ${sweep.model} on ${sweep.arch}`,
    `peak ${formatSI(sweep.peakOpsPerSecond, 'op/s')} (native precision), off-chip ${sweep.dramBytesPerSecond ? formatSI(sweep.dramBytesPerSecond, 'B/s') : 'ideal'}; ${sweep.precision}; larger markers: longer context (${sweep.contexts[0]} to ${sweep.contexts[sweep.contexts.length - 1]})`,
  );
  drawLegend(chart.svg, M.left, 62, W - 16, [
    ...sweep.batches.map((b) => ({ label: `decode, batch ${b}`, fill: styleOf(sweep, b).color, shape: 'circle' as const })),
    { label: 'prefill, batch 1', fill: '#FFFFFF', stroke: '#222222', shape: 'square' },
    { label: 'roofs', fill: '#444444', shape: 'line' },
  ]);
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},${M.top})`) as unknown as Group;
  plot.append('rect').attr('width', pw).attr('height', ph).attr('fill', 'none').attr('stroke', '#888888');
  roofs(plot, x, y, sweep);
  for (const p of sweep.decode.filter((q) => q.opsPerDramByte > 0))
    plot
      .append('circle')
      .attr('cx', px(x(p.opsPerDramByte)))
      .attr('cy', px(y(p.opsPerSecond)))
      .attr('r', 3 + sweep.contexts.indexOf(p.tokens))
      .attr('fill', styleOf(sweep, p.batch).color)
      .attr('fill-opacity', 0.8)
      .attr('data-phase', 'decode')
      .append('title')
      .text(`decode, batch ${p.batch}, context ${p.tokens}: ${formatSI(p.opsPerSecond, 'op/s')}`);
  for (const p of sweep.prefill.filter((q) => q.opsPerDramByte > 0)) {
    const [cx, cy] = [px(x(p.opsPerDramByte)), px(y(p.opsPerSecond))];
    plot
      .append('rect')
      .attr('x', cx - 5)
      .attr('y', cy - 5)
      .attr('width', 10)
      .attr('height', 10)
      .attr('fill', '#FFFFFF')
      .attr('stroke', '#222222')
      .attr('stroke-width', 1.5)
      .attr('data-phase', 'prefill');
    plot
      .append('text')
      .attr('x', cx + 8)
      .attr('y', cy + 4)
      .attr('font-size', 11)
      .text(`prefill ${p.tokens}`);
  }
  drawAxes(
    kit,
    plot,
    [pw, ph],
    {
      scale: x,
      ticks: decades(x.domain(), [1, 2, 5]),
      label: 'arithmetic intensity (operations per off-chip byte, log scale)',
    },
    { scale: y, ticks: decades(y.domain()), unit: 'op/s', label: 'achieved throughput (op/s, log scale)', labelOffset: 80 },
  );
  return chart.serialize();
}

/**
 * The x axis under a plot of `width` × `height` px (ticks as plain numbers) and the y axis at its
 * left (ticks in `unit`), both at the ticks given.
 */
function drawAxes(
  kit: SvgKit,
  plot: Group,
  [width, height]: readonly [number, number],
  x: { scale: D3.AxisScale<number>; ticks: number[]; label: string },
  y: { scale: D3.AxisScale<number>; ticks: number[]; unit: string; label: string; labelOffset: number },
): void {
  drawAxis(
    plot.append('g').attr('transform', `translate(0,${height})`) as unknown as Group,
    kit.d3
      .axisBottom<number>(x.scale)
      .tickValues(x.ticks)
      .tickFormat((v) => String(v))
      .tickSizeOuter(0),
    x.label,
    'bottom',
    width,
    40,
  );
  drawAxis(
    plot.append('g') as unknown as Group,
    kit.d3
      .axisLeft<number>(y.scale)
      .tickValues(y.ticks)
      .tickFormat((v) => formatSI(v, y.unit))
      .tickSizeOuter(0),
    y.label,
    'left',
    height,
    y.labelOffset,
  );
}

/** The compute roof and the off-chip bandwidth slope up to the ridge. */
function roofs(plot: Group, x: D3.ScaleLogarithmic<number, number>, y: D3.ScaleLogarithmic<number, number>, s: LlmSweep): void {
  const [lo, hi] = x.domain();
  const ridge = s.dramBytesPerSecond ? s.peakOpsPerSecond / s.dramBytesPerSecond : lo;
  const line = (x1: number, y1: number, x2: number, y2: number, label: string) =>
    plot
      .append('line')
      .attr('x1', px(x(x1)))
      .attr('y1', px(y(y1)))
      .attr('x2', px(x(x2)))
      .attr('y2', px(y(y2)))
      .attr('stroke', '#444444')
      .attr('stroke-width', 1.5)
      .attr('data-roof', label);
  line(Math.max(lo, ridge), s.peakOpsPerSecond, hi, s.peakOpsPerSecond, 'compute');
  plot
    .append('text')
    .attr('x', px(x(hi)) - 6)
    .attr('y', px(y(s.peakOpsPerSecond)) - 6)
    .attr('text-anchor', 'end')
    .attr('font-size', 11)
    .text(`peak ${formatSI(s.peakOpsPerSecond, 'op/s')}`);
  if (s.dramBytesPerSecond) {
    const from = Math.max(lo, y.domain()[0] / s.dramBytesPerSecond);
    line(from, s.dramBytesPerSecond * from, ridge, s.peakOpsPerSecond, 'dram');
    plot
      .append('text')
      .attr('x', px(x(from)) + 6)
      .attr('y', px(y(s.dramBytesPerSecond * from)) - 8)
      .attr('font-size', 11)
      .text(`off-chip roof: ${formatSI(s.dramBytesPerSecond, 'B/s')} × intensity`);
  }
}

/** Ticks at m × 10^k (m in `mantissas`) inside a log domain. */
function decades([lo, hi]: readonly number[], mantissas: readonly number[] = [1]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of mantissas) if (m * 10 ** e >= lo && m * 10 ** e <= hi) out.push(m * 10 ** e);
  return out;
}
