import { formatBytes, formatSI } from '../report/format.js';
import { componentColors } from '../report/palette.js';
import { MUTED, drawAxis, px, textWidth, type Group, type SvgKit } from '../report/svg-kit.js';
import type { DesignAnalysis } from './analyze-design.js';
import { formatFigure } from './figures.js';

const WIDTH = 900;
const RIGHT = 250;
const BAR = 22;
const ROW = 30;
const PANEL = 24 + 2 * ROW + 56;

/** The three levels of the memory hierarchy the chart compares, farthest first. */
export const BYTE_LEVELS = [
  { key: 'dram', heading: 'DRAM', axis: 'DRAM bytes read or written per MAC (B/MAC)', component: 'dram' },
  { key: 'sram', heading: 'On-chip SRAM', axis: 'SRAM bytes read or written per MAC (B/MAC)', component: 'sram.unified' },
  { key: 'regfile', heading: 'PE register files', axis: 'register-file bytes per MAC (B/MAC)', component: 'regfile' },
] as const;

/**
 * `bytes-per-mac.svg`: for DRAM, on-chip SRAM and the PE register files, the bytes each design
 * moves per MAC (one panel per level, each on its own axis), labelled with the value and the
 * bytes per inference.
 */
export function renderBytesPerMac(designs: readonly DesignAnalysis[], kit: SvgKit): string {
  const left = Math.max(120, ...designs.map((d) => textWidth(d.result.arch.name, 12) + 24));
  const plotWidth = WIDTH - left - RIGHT;
  const top = 66;
  const height = top + BYTE_LEVELS.length * PANEL + 40;
  const chart = kit.chart(
    WIDTH,
    height,
    `Bytes moved per MAC: ${designs[0].result.workload.name}, von Neumann vs in-memory`,
    `per inference, bytes read plus bytes written at each level ÷ MACs (${formatSI(designs[0].result.totals.macs, 'MACs')})`,
  );
  const colors = componentColors(BYTE_LEVELS.map((l) => l.component));
  BYTE_LEVELS.forEach((level, li) => {
    const g = chart.svg.append('g').attr('transform', `translate(0,${top + li * PANEL})`) as unknown as Group;
    g.append('text').attr('x', 16).attr('y', 16).attr('font-weight', 'bold').attr('font-size', 14).text(level.heading);
    const values = designs.map((d) => d.bytesPerMac[level.key]);
    const max = Math.max(...values, 0);
    const x = kit.d3
      .scaleLinear()
      .domain([0, max > 0 ? max : 1])
      .nice(4)
      .range([0, plotWidth]);
    designs.forEach((d, i) => {
      const y = 24 + i * ROW;
      const v = d.bytesPerMac[level.key];
      const total = level.key === 'dram' ? d.dramBytes : level.key === 'sram' ? d.sramBytes : d.regfileBytes;
      g.append('text')
        .attr('x', left - 10)
        .attr('y', y + 15)
        .attr('text-anchor', 'end')
        .text(d.result.arch.name);
      const w = v > 0 ? Math.max(x(v), 1) : 0;
      g.append('rect')
        .attr('class', 'bytes-bar')
        .attr('data-design', d.role)
        .attr('data-level', level.key)
        .attr('data-bytes-per-mac', v)
        .attr('x', left)
        .attr('y', y)
        .attr('width', px(w))
        .attr('height', BAR)
        .attr('fill', colors[level.component]);
      g.append('text')
        .attr('class', 'bytes-label')
        .attr('data-design', d.role)
        .attr('data-level', level.key)
        .attr('x', px(left + w + 6))
        .attr('y', y + 15)
        .text(`${formatFigure(v, 'bytesPerMac')} (${formatBytes(total)} per inference)`);
    });
    const axis = kit.d3
      .axisBottom<number>(x)
      .ticks(5)
      .tickFormat((v) => String(Number(v.toPrecision(6))))
      .tickSizeOuter(0);
    const axisGroup = g.append('g').attr('transform', `translate(${left},${24 + designs.length * ROW})`) as unknown as Group;
    drawAxis(axisGroup, axis, level.axis, 'bottom', plotWidth, 34);
  });
  chart.svg
    .append('text')
    .attr('x', 16)
    .attr('y', height - 14)
    .attr('fill', MUTED)
    .text(
      designs.some((d) => d.result.arch.imc && d.regfileBytes === 0)
        ? 'Each panel has its own scale. Crossbars keep weights in their cells: no operand passes through PE registers.'
        : 'Each panel has its own scale.',
    );
  return chart.serialize();
}
