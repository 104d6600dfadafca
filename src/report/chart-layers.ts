import type * as D3 from 'd3';
import type { LayerResult, SimResult } from '../sim/result.js';
import { formatSI } from './format.js';
import { componentLabel, resultColors, resultComponents, STATE_COLORS } from './palette.js';
import {
  MUTED,
  defineHatch,
  drawAxis,
  drawLegend,
  layoutLegend,
  px,
  textWidth,
  type Group,
  type LegendItem,
  type SvgKit,
} from './svg-kit.js';

const WIDTH = 900;
const ROW = 16;
const GAP = 48;
const RIGHT = 28;

type Linear = D3.ScaleLinear<number, number>;

/**
 * `layers.svg`: one row per layer (names down the left, so 65+ layers stay legible), its energy
 * stacked by component on the left panel and its latency — compute, then stall — on the right.
 */
export function renderLayers(result: SimResult, kit: SvgKit): string {
  const layers = result.layers;
  const nameWidth = Math.min(220, Math.max(60, ...layers.map((l) => textWidth(l.name, 11)))) + 16;
  const energyWidth = Math.round((WIDTH - nameWidth - GAP - RIGHT) * 0.6);
  const latencyWidth = WIDTH - nameWidth - GAP - RIGHT - energyWidth;
  const items = legendItems(result);
  const top = layoutLegend(items, 16, 60, WIDTH - 16).bottom + 44;
  const height = top + layers.length * ROW + 70;
  const totals = `total ${formatSI(result.totals.energyJoules, 'J')}, ${formatSI(result.totals.seconds, 's')}`;
  const chart = kit.chart(
    WIDTH,
    height,
    `Energy and latency per layer: ${result.workload.name} on ${result.arch.name}`,
    `${layers.length} layers in execution order · ${totals}`,
  );
  const hatch = defineHatch(chart.svg, 'picojoule-layers-stall', STATE_COLORS.stall);
  drawLegend(
    chart.svg,
    16,
    60,
    WIDTH - 16,
    items.map((i) => (i.stroke ? { ...i, fill: hatch } : i)),
  );
  const plot = chart.svg.append('g').attr('transform', `translate(0,${top})`) as unknown as Group;
  layers.forEach((l, i) => {
    if (i % 2 === 0)
      plot
        .append('rect')
        .attr('x', 8)
        .attr('y', i * ROW)
        .attr('width', WIDTH - 16)
        .attr('height', ROW)
        .attr('fill', '#F3F3F3');
    plot
      .append('text')
      .attr('x', nameWidth - 8)
      .attr('y', i * ROW + 12)
      .attr('text-anchor', 'end')
      .attr('font-size', 11)
      .text(l.name);
  });
  const energyPanel = plot.append('g').attr('transform', `translate(${nameWidth},0)`) as unknown as Group;
  drawEnergy(kit, energyPanel, result, energyWidth);
  const latencyPanel = plot.append('g').attr('transform', `translate(${nameWidth + energyWidth + GAP},0)`) as unknown as Group;
  drawLatency(kit, latencyPanel, result, latencyWidth, hatch);
  chart.svg
    .append('text')
    .attr('x', 16)
    .attr('y', height - 12)
    .attr('fill', MUTED)
    .text('Rows in execution order. Stall: cycles the compute unit waited for DRAM transfers.');
  return chart.serialize();
}

function legendItems(result: SimResult): LegendItem[] {
  const colors = resultColors(result);
  return [
    { label: 'energy:' },
    ...resultComponents(result).map((c) => ({ label: componentLabel(c), fill: colors[c], component: c })),
    { label: 'latency:', breakBefore: true },
    { label: 'compute', fill: STATE_COLORS.compute },
    { label: 'stall (waiting for DRAM)', fill: '#FFFFFF', stroke: STATE_COLORS.stall },
  ];
}

/** A linear scale from 0 to the largest value (rounded up to a nice number) over `width` px. */
function scaleTo(kit: SvgKit, layers: readonly LayerResult[], value: (l: LayerResult) => number, width: number): Linear {
  const max = Math.max(...layers.map(value), 0);
  return kit.d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([0, width]);
}

/** Each layer's energy, stacked by component in the palette's order. */
function drawEnergy(kit: SvgKit, panel: Group, result: SimResult, width: number): void {
  const components = resultComponents(result);
  const colors = resultColors(result);
  const x = scaleTo(kit, result.layers, (l) => l.energyJoules, width);
  result.layers.forEach((l, i) => {
    let at = 0;
    for (const c of components) {
      const joules = l.energyBreakdownJoules[c] ?? 0;
      if (joules <= 0) continue;
      const w = x(joules);
      panel
        .append('rect')
        .attr('data-component', c)
        .attr('x', px(at))
        .attr('y', i * ROW + 2)
        .attr('width', px(w))
        .attr('height', ROW - 4)
        .attr('fill', colors[c]);
      at += w;
    }
  });
  panelAxes(kit, panel, x, (v) => formatSI(v, 'J'), 'energy per layer (J)', result.layers.length * ROW);
}

/** Each layer's latency: compute time, then (hatched) the time it stalled on DRAM. */
function drawLatency(kit: SvgKit, panel: Group, result: SimResult, width: number, hatch: string): void {
  const x = scaleTo(kit, result.layers, (l) => l.seconds, width);
  const clock = result.arch.clockHz;
  result.layers.forEach((l, i) => {
    const compute = x(l.computeCycles / clock);
    const stall = x(Math.max(0, l.stallCycles) / clock);
    if (compute > 0)
      panel
        .append('rect')
        .attr('y', i * ROW + 2)
        .attr('width', px(compute))
        .attr('height', ROW - 4)
        .attr('fill', STATE_COLORS.compute);
    if (stall > 0) {
      panel
        .append('rect')
        .attr('x', px(compute))
        .attr('y', i * ROW + 2.5)
        .attr('width', px(stall))
        .attr('height', ROW - 5)
        .attr('fill', hatch)
        .attr('stroke', STATE_COLORS.stall)
        .attr('stroke-width', 1);
    }
  });
  panelAxes(kit, panel, x, (v) => formatSI(v, 's'), 'latency per layer (s)', result.layers.length * ROW);
}

/** Top and bottom axes of one panel (the plot can be taller than a screen) and light gridlines. */
function panelAxes(kit: SvgKit, panel: Group, scale: Linear, format: (v: number) => string, label: string, height: number): void {
  const width = scale.range()[1];
  const ticks = scale.ticks(width > 300 ? 6 : 4);
  for (const t of ticks) {
    const x = px(scale(t));
    panel.insert('line', ':first-child').attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', height).attr('stroke', '#DDDDDD');
  }
  const top = kit.d3.axisTop<number>(scale).tickValues(ticks).tickFormat(format).tickSizeOuter(0);
  const bottom = kit.d3.axisBottom<number>(scale).tickValues(ticks).tickFormat(format).tickSizeOuter(0);
  drawAxis(panel.append('g') as unknown as Group, top, label, 'top', width, 28);
  drawAxis(panel.append('g').attr('transform', `translate(0,${height})`) as unknown as Group, bottom, label, 'bottom', width, 38);
}
