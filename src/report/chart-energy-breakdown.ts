import type { SimResult } from '../sim/result.js';
import { formatSI } from './format.js';
import { componentLabel, resultColors, resultComponents } from './palette.js';
import { MUTED, drawAxis, formatShare, inkOn, px, textWidth, type Group, type SvgKit } from './svg-kit.js';

const WIDTH = 900;
const LEFT = 190;
const RIGHT = 150;
const ROW = 28;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const BARS_TOP = 136;

/** One component's slice of the energy of a run. */
export interface EnergySlice {
  readonly component: string;
  readonly joules: number;
  /** joules ÷ total (0 when the total is 0). */
  readonly share: number;
}

/** The components of a run's energy, largest first (ties in stacking order). */
export function energySlices(result: SimResult): EnergySlice[] {
  const total = result.totals.energyJoules;
  const parts = result.totals.energyBreakdownJoules;
  return resultComponents(result)
    .map((component, i) => ({ component, joules: parts[component] ?? 0, i }))
    .sort((a, b) => b.joules - a.joules || a.i - b.i)
    .map(({ component, joules }) => ({ component, joules, share: total > 0 ? joules / total : 0 }));
}

/**
 * `energy-breakdown.svg`: energy per inference by component — a 100% stacked bar of shares on
 * top, then one bar per component on a joule axis, each labelled with joules and percentage.
 */
export function renderEnergyBreakdown(result: SimResult, kit: SvgKit): string {
  const slices = energySlices(result);
  const colors = resultColors(result);
  const height = BARS_TOP + slices.length * ROW + 90;
  const chart = kit.chart(
    WIDTH,
    height,
    `Energy per inference by component: ${result.workload.name} on ${result.arch.name}`,
    `total ${formatSI(result.totals.energyJoules, 'J')} per inference · cost table ${result.energy.table} (${result.energy.node})`,
  );
  drawShares(kit, chart.svg.append('g').attr('transform', `translate(${LEFT},70)`) as unknown as Group, slices, colors);
  drawBars(kit, chart.svg.append('g').attr('transform', `translate(${LEFT},${BARS_TOP})`) as unknown as Group, slices, colors);
  const leakage = `leakage power (${formatSI(result.energy.staticWatts, 'W')}) × latency (${formatSI(result.totals.seconds, 's')})`;
  chart.svg
    .append('text')
    .attr('x', 16)
    .attr('y', height - 14)
    .attr('fill', MUTED)
    .text(`Static energy is ${leakage}. The parts sum to the total.`);
  return chart.serialize();
}

/** The 100% stacked bar: each component's share, labelled inside when the label fits. */
function drawShares(kit: SvgKit, g: Group, slices: readonly EnergySlice[], colors: Readonly<Record<string, string>>): void {
  const share = kit.d3.scaleLinear().domain([0, 1]).range([0, PLOT_WIDTH]);
  g.append('text').attr('x', -10).attr('y', 19).attr('text-anchor', 'end').text('share of total');
  let x = 0;
  for (const s of slices) {
    const w = share(s.share);
    g.append('rect')
      .attr('data-component', s.component)
      .attr('x', px(x))
      .attr('width', px(w))
      .attr('height', 28)
      .attr('fill', colors[s.component])
      .attr('stroke', '#FFFFFF')
      .attr('stroke-width', 0.75);
    const text = formatShare(s.share);
    if (w > textWidth(text, 11) + 6) {
      g.append('text')
        .attr('x', px(x + w / 2))
        .attr('y', 18.5)
        .attr('text-anchor', 'middle')
        .attr('font-size', 11)
        .attr('fill', inkOn(colors[s.component]))
        .text(text);
    }
    x += w;
  }
  const axis = kit.d3
    .axisBottom<number>(share)
    .tickValues([0, 0.25, 0.5, 0.75, 1])
    .tickFormat((v) => `${Math.round(100 * v)}%`)
    .tickSizeOuter(0);
  drawAxis(g.append('g').attr('transform', 'translate(0,28)') as unknown as Group, axis, '', 'bottom', PLOT_WIDTH, 0);
}

/** One bar per component on a joule axis, labelled "joules · share" (`text.energy-label`). */
function drawBars(kit: SvgKit, g: Group, slices: readonly EnergySlice[], colors: Readonly<Record<string, string>>): void {
  const max = Math.max(...slices.map((s) => s.joules), 0);
  const joules = kit.d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([0, PLOT_WIDTH]);
  slices.forEach((s, i) => {
    const y = i * ROW;
    g.append('text')
      .attr('x', -10)
      .attr('y', y + ROW / 2 + 4)
      .attr('text-anchor', 'end')
      .text(componentLabel(s.component));
    g.append('rect')
      .attr('data-component', s.component)
      .attr('y', y + 4)
      .attr('width', px(Math.max(joules(s.joules), s.joules > 0 ? 1 : 0)))
      .attr('height', ROW - 8)
      .attr('fill', colors[s.component]);
    g.append('text')
      .attr('class', 'energy-label')
      .attr('data-component', s.component)
      .attr('data-joules', s.joules)
      .attr('x', px(joules(s.joules) + 6))
      .attr('y', y + ROW / 2 + 4)
      .text(`${formatSI(s.joules, 'J')} · ${formatShare(s.share)}`);
  });
  const axis = kit.d3
    .axisBottom<number>(joules)
    .ticks(6)
    .tickFormat((v) => formatSI(v, 'J'))
    .tickSizeOuter(0);
  const axisGroup = g.append('g').attr('transform', `translate(0,${slices.length * ROW + 4})`) as unknown as Group;
  drawAxis(axisGroup, axis, 'energy per inference (J)', 'bottom', PLOT_WIDTH, 40);
}
