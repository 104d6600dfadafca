import type * as D3 from 'd3';
import { formatSI } from '../report/format.js';
import { componentColors, componentLabel, orderComponents } from '../report/palette.js';
import {
  MUTED,
  drawAxis,
  drawLegend,
  formatShare,
  inkOn,
  px,
  textWidth,
  type Group,
  type SvgKit,
  drawCaptions,
} from '../report/svg-kit.js';
import type { DesignAnalysis } from './analyze-design.js';
import { BAR, drawSharePanel } from './chart-energy-shares.js';
import { GROUP_MEMBERS, GROUP_ORDER, type EnergyGroupName } from './energy-groups.js';

const WIDTH = 900;
const RIGHT = 230;
const ROW = 30;

/** The colour of every component of both designs: the main report's palette over their union, NPU first. */
export function explainColors(designs: readonly DesignAnalysis[]): Readonly<Record<string, string>> {
  return componentColors(designs.flatMap((d) => Object.keys(d.result.totals.energyBreakdownJoules)));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Why a design has nothing in a group, when that is worth saying. */
function emptyNote(d: DesignAnalysis, group: EnergyGroupName): string {
  if (group !== 'reprogramming') return '';
  if (!d.reprogramming) return ' (no crossbars to program)';
  return d.reprogramming.fits ? ' (weights fit: programmed once)' : '';
}

/** Where each part of the chart goes, from the designs and groups it shows. */
interface Layout {
  readonly left: number;
  readonly plotWidth: number;
  readonly top: number;
  readonly panelsTop: number;
  readonly panelHeights: readonly number[];
  readonly axisY: number;
  readonly height: number;
}

/** Height of a legend laid out in rows from `left` to the chart's right edge. */
function legendHeight(items: readonly { label: string }[], left: number): number {
  let rows = 1;
  let x = left;
  for (const it of items) {
    const w = 20 + textWidth(it.label, 12) + 18;
    if (x + w > WIDTH - 16 && x > left) {
      rows++;
      x = left;
    }
    x += w;
  }
  return rows * 20;
}

/** Height: title, share panel, group panels (heading, legend rows, bars), axis, captions. */
function layout(designs: readonly DesignAnalysis[], legendRows: readonly (readonly { label: string }[])[]): Layout {
  const left = Math.max(120, ...designs.map((d) => textWidth(d.result.arch.name, 12) + 24));
  const shareHeight = 24 + designs.length * (BAR + 30);
  const panelHeights = legendRows.map((items) => 24 + legendHeight(items, left) + designs.length * ROW + 14);
  const top = 70;
  const panelsTop = top + shareHeight + 16;
  const axisY = panelsTop + panelHeights.reduce((s, h) => s + h, 0);
  return { left, plotWidth: WIDTH - left - RIGHT, top, panelsTop, panelHeights, axisY, height: axisY + 96 };
}

/**
 * `energy-groups.svg`: each design's energy per inference, side by side. On top, a 100% bar per
 * design split by component in group order, with a bracket under each group; below, one panel per
 * group (data movement, compute, reprogramming, static) with a bar per design stacked by component,
 * all on one joule axis so lengths compare across panels.
 */
export function renderEnergyGroups(designs: readonly DesignAnalysis[], kit: SvgKit): string {
  const colors = explainColors(designs);
  const groups = GROUP_ORDER.filter((g) => designs.some((d) => d.groups.some((x) => x.group === g)));
  const legendRows = groups.map((g) => legendFor(designs, g, colors));
  const at = layout(designs, legendRows);
  const names = designs.map((d) => `${d.result.arch.name} ${formatSI(d.result.totals.energyJoules, 'J')}`).join(' · ');
  const chart = kit.chart(
    WIDTH,
    at.height,
    `Where the joules go: ${designs[0].result.workload.name}, von Neumann vs in-memory`,
    `energy per inference: ${names}`,
  );
  const svg = chart.svg;
  drawSharePanel(
    svg.append('g').attr('transform', `translate(${at.left},${at.top})`) as unknown as Group,
    designs,
    at.plotWidth,
    colors,
    kit,
  );

  // One panel per group, every bar on one joule scale.
  const max = Math.max(...designs.flatMap((d) => d.groups.map((g) => g.joules)), 0);
  const joules = kit.d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([0, at.plotWidth]);
  let py = at.panelsTop;
  groups.forEach((group, gi) => {
    const g = svg.append('g').attr('transform', `translate(0,${py})`) as unknown as Group;
    drawGroupPanel(g, group, legendRows[gi], designs, at.left, joules, colors);
    py += at.panelHeights[gi];
  });
  const axis = kit.d3
    .axisBottom<number>(joules)
    .tickValues(joules.ticks(6))
    .tickFormat((v) => formatSI(v, 'J'))
    .tickSizeOuter(0);
  drawAxis(
    svg.append('g').attr('transform', `translate(${at.left},${at.axisY})`) as unknown as Group,
    axis,
    'energy per inference (J)',
    'bottom',
    at.plotWidth,
    40,
  );
  const captions = [
    'Register files count as data movement: they carry operands into the multipliers and partial sums out.',
    'Colours as in the main report; SRAM blues are assigned across both designs. The groups sum to each total.',
  ];
  drawCaptions(svg, captions, at.height - 30);
  return chart.serialize();
}

type Colors = Readonly<Record<string, string>>;

/** One group's panel: heading, legend, grid, and a bar per design stacked by component. */
function drawGroupPanel(
  g: Group,
  group: EnergyGroupName,
  legend: ReturnType<typeof legendFor>,
  designs: readonly DesignAnalysis[],
  left: number,
  joules: D3.ScaleLinear<number, number>,
  colors: Colors,
): void {
  const heading = g.append('text').attr('x', 16).attr('y', 16);
  heading.append('tspan').attr('font-weight', 'bold').attr('font-size', 14).text(capital(group));
  heading.append('tspan').attr('fill', MUTED).text(`  ${GROUP_MEMBERS[group]}`);
  const legendBottom = drawLegend(g, left, 24, WIDTH - 16, legend);
  for (const t of joules.ticks(6)) {
    g.append('line')
      .attr('x1', px(left + joules(t)))
      .attr('x2', px(left + joules(t)))
      .attr('y1', legendBottom)
      .attr('y2', legendBottom + 8 + designs.length * ROW)
      .attr('stroke', '#E6E6E6');
  }
  designs.forEach((d, i) => {
    const y = legendBottom + 4 + i * ROW;
    const grp = d.groups.find((x) => x.group === group);
    g.append('text')
      .attr('x', left - 10)
      .attr('y', y + 15)
      .attr('text-anchor', 'end')
      .text(d.result.arch.name);
    let x = 0;
    for (const c of grp?.components ?? []) {
      if (c.joules <= 0) continue;
      const wdt = Math.max(joules(c.joules), 0.75);
      g.append('rect')
        .attr('class', 'group-bar')
        .attr('data-design', d.role)
        .attr('data-group', group)
        .attr('data-component', c.component)
        .attr('data-joules', c.joules)
        .attr('x', px(left + x))
        .attr('y', y)
        .attr('width', px(wdt))
        .attr('height', BAR)
        .attr('fill', colors[c.component]);
      if (wdt > textWidth(componentLabel(c.component), 10) + 8) {
        g.append('text')
          .attr('x', px(left + x + wdt / 2))
          .attr('y', y + 15)
          .attr('text-anchor', 'middle')
          .attr('font-size', 10)
          .attr('fill', inkOn(colors[c.component]))
          .text(componentLabel(c.component));
      }
      x += wdt;
    }
    const j = grp?.joules ?? 0;
    const label = j > 0 ? `${formatSI(j, 'J')} · ${formatShare(grp!.share)} of its total` : `0 J${emptyNote(d, group)}`;
    g.append('text')
      .attr('class', 'group-label')
      .attr('data-design', d.role)
      .attr('data-group', group)
      .attr('x', px(left + x + 6))
      .attr('y', y + 15)
      .text(label);
  });
}

/** Legend of a group: its components that either design spends joules on, in stacking order. */
function legendFor(designs: readonly DesignAnalysis[], group: EnergyGroupName, colors: Readonly<Record<string, string>>) {
  const parts = designs.flatMap((d) => d.groups.filter((g) => g.group === group).flatMap((g) => g.components));
  const spent = parts.filter((c) => c.joules > 0);
  // A group nobody spends on (reprogramming when the weights fit) still shows what its colour would be.
  const names = orderComponents((spent.length ? spent : parts).map((c) => c.component));
  return names.map((c) => ({ label: componentLabel(c), fill: colors[c], component: c }));
}
