import { formatSI } from '../report/format.js';
import { MUTED, formatShare, px, textWidth, type Group, type SvgKit } from '../report/svg-kit.js';
import type { DesignAnalysis } from './analyze-design.js';

/** Height of one design's share bar. */
export const BAR = 22;

/** The share panel: one 100% bar per design, components in group order, a bracket under each group. */
export function drawSharePanel(
  sg: Group,
  designs: readonly DesignAnalysis[],
  plotWidth: number,
  colors: Readonly<Record<string, string>>,
  kit: SvgKit,
): void {
  const shareScale = kit.d3.scaleLinear().domain([0, 1]).range([0, plotWidth]);
  sg.append('text')
    .attr('x', 0)
    .attr('y', 12)
    .attr('font-weight', 'bold')
    .attr('font-size', 14)
    .text('Share of each design’s energy, by group');
  designs.forEach((d, i) => {
    const y = 24 + i * (BAR + 30);
    const total = d.result.totals.energyJoules;
    sg.append('text')
      .attr('x', -10)
      .attr('y', y + 15)
      .attr('text-anchor', 'end')
      .text(d.result.arch.name);
    let x = 0;
    for (const g of d.groups) {
      const start = x;
      for (const c of g.components) {
        if (c.joules <= 0 || total <= 0) continue;
        const wdt = shareScale(c.joules / total);
        sg.append('rect')
          .attr('class', 'share-segment')
          .attr('data-design', d.role)
          .attr('data-group', g.group)
          .attr('data-component', c.component)
          .attr('x', px(x))
          .attr('y', y)
          .attr('width', px(wdt))
          .attr('height', BAR)
          .attr('fill', colors[c.component])
          .attr('stroke', '#FFFFFF')
          .attr('stroke-width', 0.5);
        x += wdt;
      }
      if (x - start > 0) drawBracket(sg, d, g, start, x, y);
    }
    sg.append('text')
      .attr('x', plotWidth + 8)
      .attr('y', y + 15)
      .attr('fill', MUTED)
      .text(`total ${formatSI(total, 'J')}`);
  });
}

/** The bracket under a group's span of a share bar, labelled with its name and share when that fits. */
function drawBracket(
  sg: Group,
  d: DesignAnalysis,
  g: DesignAnalysis['groups'][number],
  start: number,
  end: number,
  y: number,
): void {
  const span = end - start;
  const by = y + BAR + 4;
  sg.append('path')
    .attr('d', `M${px(start + 1)},${by} v5 H${px(end - 1)} v-5`)
    .attr('fill', 'none')
    .attr('stroke', '#666666');
  const full = `${g.group} ${formatShare(g.share)}`;
  const short = formatShare(g.share);
  const text = textWidth(full, 11) <= span ? full : textWidth(short, 11) <= span ? short : '';
  if (!text) return;
  sg.append('text')
    .attr('class', 'group-share')
    .attr('data-design', d.role)
    .attr('data-group', g.group)
    .attr('x', px(start + span / 2))
    .attr('y', by + 17)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .text(text);
}
