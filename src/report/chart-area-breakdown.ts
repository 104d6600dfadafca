import type { SimResult } from '../sim/result.js';
import { formatArea } from './format.js';
import { componentColors } from './palette.js';
import { MUTED, drawAxis, formatShare, px, type Group, type SvgKit } from './svg-kit.js';

const WIDTH = 900;
const LEFT = 190;
const RIGHT = 150;
const ROW = 28;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const TOP = 70;

/** The colour of an area part: that of the energy component it belongs to (`mxu.mac` → mac, `sram.x` → sram.x). */
function colorKey(part: string): string {
  if (part.startsWith('sram.') || part === 'noc') return part;
  const tail = part.slice(part.lastIndexOf('.') + 1);
  if (tail === 'mac' || tail === 'registers') return tail === 'mac' ? 'mac' : 'regfile';
  if (['cells', 'adc', 'dac', 'periphery'].includes(tail)) return `imc.${tail === 'cells' ? 'array' : tail}`;
  return part === 'integration' ? 'static' : 'vector';
}

/**
 * `area-breakdown.svg`: the silicon of the arch by component, one bar per part on an mm² axis,
 * each labelled with its area and share. Undefined when the run has no area.
 */
export function renderAreaBreakdown(result: SimResult, kit: SvgKit): string | undefined {
  const t = result.totals;
  if (t.areaMm2 === undefined || !t.areaBreakdownMm2 || !result.area) return undefined;
  const parts = Object.entries(t.areaBreakdownMm2).sort((a, b) => b[1] - a[1]);
  const colors = componentColors(parts.map(([k]) => colorKey(k)));
  const height = TOP + parts.length * ROW + 90;
  const chart = kit.chart(
    WIDTH,
    height,
    `Silicon area by component: ${result.workload.name} on ${result.arch.name}`,
    `total ${formatArea(t.areaMm2)} · area table ${result.area.table} (${result.area.node}) · ${Number(t.peakTopsPerMm2!.toPrecision(3))} peak TOPS/mm²`,
  );
  const g = chart.svg.append('g').attr('transform', `translate(${LEFT},${TOP})`) as unknown as Group;
  const max = parts[0]?.[1] ?? 0;
  const x = kit.d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([0, PLOT_WIDTH]);
  parts.forEach(([part, mm2], i) => {
    const y = i * ROW;
    g.append('text')
      .attr('x', -10)
      .attr('y', y + ROW / 2 + 4)
      .attr('text-anchor', 'end')
      .text(part);
    g.append('rect')
      .attr('data-part', part)
      .attr('y', y + 4)
      .attr('width', px(Math.max(x(mm2), mm2 > 0 ? 1 : 0)))
      .attr('height', ROW - 8)
      .attr('fill', colors[colorKey(part)]);
    g.append('text')
      .attr('class', 'area-label')
      .attr('data-part', part)
      .attr('data-mm2', mm2)
      .attr('x', px(x(mm2) + 6))
      .attr('y', y + ROW / 2 + 4)
      .text(`${formatArea(mm2)} · ${formatShare(mm2 / t.areaMm2!)}`);
  });
  const axis = kit.d3
    .axisBottom<number>(x)
    .ticks(6)
    .tickFormat((v) => `${Number(v.toPrecision(3))}`)
    .tickSizeOuter(0);
  drawAxis(
    g.append('g').attr('transform', `translate(0,${parts.length * ROW + 4})`) as unknown as Group,
    axis,
    'area (mm²)',
    'bottom',
    PLOT_WIDTH,
    40,
  );
  chart.svg
    .append('text')
    .attr('x', 16)
    .attr('y', height - 14)
    .attr('fill', MUTED)
    .text(
      'A sum of components (MACs, registers, SRAM macros, converters, NoC ports, placement overhead); control, clocking, pads and I/O are not in it.',
    );
  return chart.serialize();
}
