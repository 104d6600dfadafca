import type * as D3 from 'd3';
import type { SimResult } from '../sim/result.js';
import { formatCount, formatSI } from './format.js';
import { STATE_COLORS } from './palette.js';
import { MUTED, defineHatch, drawAxis, drawLegend, px, textWidth, type Group, type LegendItem, type SvgKit } from './svg-kit.js';
import { binShares, stackRuns } from './timeline-bins.js';
import { timelineIntervals, type TimelineInterval, type TimelineKind } from './timeline-intervals.js';
import type { TraceEvent } from './trace-recorder.js';

const WIDTH = 900;
const HEIGHT = 360;
const M = { left: 96, right: 32 };
const LANES = { dram: 126, compute: 178 };
const LANE_HEIGHT = 40;
const LANES_TOP = LANES.dram - 6;
const LANES_BOTTOM = LANES.compute + LANE_HEIGHT + 6;

/** Seconds since the start → px, and cycles → px. */
interface TimeAxis {
  readonly x: D3.ScaleLinear<number, number>;
  readonly at: (cycle: number) => number;
}

/**
 * `timeline.svg`: time on x, two lanes — DRAM transfers and the compute unit — with every
 * layer's intervals (from the trace when given, else estimated from per-layer totals), stalls
 * hatched, and alternate layers shaded behind the lanes.
 */
export function renderTimeline(result: SimResult, kit: SvgKit, trace?: readonly TraceEvent[]): string {
  const clock = result.arch.clockHz;
  const w = WIDTH - M.left - M.right;
  const endCycle = Math.max(result.totals.cycles, ...result.layers.map((l) => l.startCycle + l.cycles), 1);
  const x = kit.d3
    .scaleLinear()
    .domain([0, endCycle / clock])
    .range([0, w]);
  const time: TimeAxis = { x, at: (cycle) => x(cycle / clock) };
  const t = result.totals;
  const chart = kit.chart(
    WIDTH,
    HEIGHT,
    `Timeline of DRAM and compute: ${result.workload.name} on ${result.arch.name}`,
    `${formatSI(t.seconds, 's')} per inference (${formatCount(t.cycles)} cycles at ${formatSI(clock, 'Hz')}), ` +
      `${formatSI(t.stallCycles / clock, 's')} stalled on DRAM`,
  );
  const hatch = defineHatch(chart.svg, 'picojoule-timeline-stall', STATE_COLORS.stall);
  drawLegend(chart.svg, M.left, 58, WIDTH - 16, legend(hatch, trace !== undefined));
  const plot = chart.svg.append('g').attr('transform', `translate(${M.left},0)`) as unknown as Group;
  drawLayerBands(plot, result, time);
  drawLanes(plot, w);
  drawBars(plot, timelineIntervals(result, trace), endCycle, w, hatch);
  const axis = kit.d3
    .axisBottom<number>(x)
    .ticks(8)
    .tickFormat((v) => formatSI(v, 's'))
    .tickSizeOuter(0);
  const axisGroup = plot.append('g').attr('transform', `translate(0,${LANES_BOTTOM})`) as unknown as Group;
  drawAxis(axisGroup, axis, 'time since the inference started (s)', 'bottom', w, 40);
  const how = trace
    ? 'From the simulator trace; a DRAM bar spans a transfer and its latency.'
    : 'Estimated from per-layer totals (no trace): run `picojoule report --arch … --workload …` for the exact timeline.';
  const captions = [
    how,
    'Where intervals are finer than a pixel, a bar’s height shows the share of the time it covers.',
    'Shaded bands: alternate layers (named where they fit). Hatched: the compute unit idle, waiting for DRAM.',
  ];
  captions.forEach((c, i) =>
    chart.svg
      .append('text')
      .attr('x', 16)
      .attr('y', HEIGHT - 50 + 18 * i)
      .attr('fill', MUTED)
      .text(c),
  );
  return chart.serialize();
}

function legend(hatch: string, traced: boolean): LegendItem[] {
  const dram: LegendItem[] = traced
    ? [
        { label: 'DRAM load', fill: STATE_COLORS.load, component: 'dram' },
        { label: 'DRAM store', fill: STATE_COLORS.store },
      ]
    : [{ label: 'DRAM busy (placed at layer start)', fill: STATE_COLORS.load, component: 'dram' }];
  return [
    ...dram,
    { label: 'compute', fill: STATE_COLORS.compute },
    { label: 'stall (waiting for DRAM)', fill: hatch, stroke: STATE_COLORS.stall },
  ];
}

/** Alternate layers shaded across both lanes, each named above them where its band is wide enough. */
function drawLayerBands(plot: Group, result: SimResult, { at }: TimeAxis): void {
  result.layers.forEach((l, i) => {
    const x0 = at(l.startCycle);
    const x1 = at(l.startCycle + l.cycles);
    if (i % 2 === 1) {
      plot
        .append('rect')
        .attr('x', px(x0))
        .attr('y', LANES_TOP - 22)
        .attr('width', px(x1 - x0))
        .attr('height', LANES_BOTTOM - LANES_TOP + 22)
        .attr('fill', '#EFEFEF');
    }
    if (x1 - x0 >= textWidth(l.name, 10) + 6) {
      plot
        .append('text')
        .attr('x', px((x0 + x1) / 2))
        .attr('y', LANES_TOP - 8)
        .attr('text-anchor', 'middle')
        .attr('font-size', 10)
        .text(l.name);
    }
  });
}

function drawLanes(plot: Group, width: number): void {
  for (const [lane, y] of Object.entries(LANES)) {
    plot
      .append('text')
      .attr('x', -10)
      .attr('y', y + LANE_HEIGHT / 2 + 4)
      .attr('text-anchor', 'end')
      .attr('font-weight', 'bold')
      .text(lane === 'dram' ? 'DRAM' : 'compute');
    const base = y + LANE_HEIGHT;
    plot.append('line').attr('x2', width).attr('y1', base).attr('y2', base).attr('stroke', '#BBBBBB');
  }
}

/**
 * Each lane drawn from its share of every 2 px time bin, parts stacked from the lane's base: a
 * bar as wide as it lasts where intervals are wider than a pixel, and as tall as the share of
 * time it covers where they are finer (thousands of tiles in a layer).
 */
function drawBars(plot: Group, bars: readonly TimelineInterval[], endCycle: number, width: number, hatch: string): void {
  const bins = Math.round(width / 2);
  const shares = binShares(bars, endCycle, bins);
  const binPx = width / bins;
  const lanes: { lane: keyof typeof LANES; kinds: TimelineKind[] }[] = [
    { lane: 'dram', kinds: ['load', 'transfer', 'store'] },
    { lane: 'compute', kinds: ['compute', 'stall'] },
  ];
  const fills: Record<TimelineKind, string> = {
    load: STATE_COLORS.load,
    transfer: STATE_COLORS.load,
    store: STATE_COLORS.store,
    compute: STATE_COLORS.compute,
    stall: hatch,
  };
  for (const { lane, kinds } of lanes) {
    const base = LANES[lane] + LANE_HEIGHT;
    for (const run of stackRuns(
      kinds.map((k) => shares[k]),
      LANE_HEIGHT,
    )) {
      let top = base;
      run.heights.forEach((h, k) => {
        if (h === 0) return;
        top -= h;
        const rect = plot
          .append('rect')
          .attr('x', px(run.first * binPx))
          .attr('y', top)
          .attr('width', px((run.last - run.first + 1) * binPx))
          .attr('height', h)
          .attr('fill', fills[kinds[k]]);
        if (kinds[k] === 'load' || kinds[k] === 'transfer') rect.attr('data-component', 'dram');
      });
    }
  }
}
