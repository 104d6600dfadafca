import type * as D3 from 'd3';
import type { D3Node as D3NodeClass } from 'd3-node';

/** The root of a chart being drawn. */
export type Svg = D3.Selection<SVGSVGElement, unknown, null, undefined>;
/** Any group or element of a chart. */
export type Group = D3.Selection<SVGGElement, unknown, null, undefined>;

/** Draws charts: d3 plus a fresh detached SVG per chart. Load it with `loadSvgKit`. */
export interface SvgKit {
  readonly d3: typeof D3;
  /** A new chart `width` × `height` px with a `<title>`, a visible heading and an optional subheading. */
  chart(width: number, height: number, title: string, subtitle?: string): Chart;
}

/** A chart under construction: draw into `svg`, then `serialize()`. */
export interface Chart {
  readonly svg: Svg;
  /** The chart as standalone SVG text (valid XML, no ids shared with other charts). */
  serialize(): string;
}

/** The font stack of every chart; DejaVu Sans is what Debian's headless Chromium has. */
export const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
/** Text colour of labels and axes. */
export const INK = '#222222';
/** Text colour of captions and secondary labels. */
export const MUTED = '#555555';

type D3NodeCtor = typeof D3NodeClass;

let importEsm = (specifier: string): Promise<unknown> => import(specifier);

/**
 * Sets how d3-node (an ES module only) is imported. The CLI's CommonJS bundle runs in a vm.Script
 * from V8's code cache, where `import()` does not work, so its launcher hands over its own.
 */
export function useEsmImporter(f: (specifier: string) => Promise<unknown>): void {
  importEsm = f;
}

/**
 * Loads d3-node (and with it d3 and jsdom, ~0.7 s) on first use only, so commands that draw no
 * chart never pay for it.
 */
export async function loadSvgKit(): Promise<SvgKit> {
  const Ctor: D3NodeCtor = ((await importEsm('d3-node')) as typeof import('d3-node')).D3Node;
  const d3 = new Ctor().d3;
  return {
    d3,
    chart(width, height, title, subtitle) {
      const node = new Ctor();
      const svg = node.createSVG(width, height, {
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'font-family': FONT,
        'font-size': 12,
        fill: INK,
      });
      svg.append('title').text(title);
      svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#FFFFFF');
      svg.append('text').attr('x', 16).attr('y', 26).attr('font-size', 17).attr('font-weight', 'bold').text(title);
      if (subtitle) svg.append('text').attr('x', 16).attr('y', 46).attr('fill', MUTED).text(subtitle);
      return { svg, serialize: () => asXml(node.svgString()) + '\n' };
    },
  };
}

/**
 * jsdom serialises as HTML, which XML does not read: a no-break space comes out as &nbsp;, and
 * `<` and `>` stay raw inside attribute values (a layer named "a<b" in data-layer).
 */
export const asXml = (html: string): string =>
  html
    .replace(/&nbsp;/g, '&#160;')
    .replace(/="([^"]*)"/g, (_m, v: string) => `="${v.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);

/** Rounds a coordinate to 1/100 px: smaller files, and no float noise in the output. */
export const px = (v: number): number => Math.round(v * 100) / 100;

/** Approximate width in px of `text` at `fontSize` in DejaVu Sans (a little generous). */
export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * 0.62;

/**
 * Draws a d3 axis into `g` in the chart's font (d3 would impose its own), with `label` — which
 * names the unit — centred along it at `labelOffset` px from the axis line.
 */
export function drawAxis(
  g: Group,
  axis: D3.Axis<number>,
  label: string,
  orient: 'bottom' | 'top' | 'left',
  length: number,
  labelOffset: number,
): void {
  g.call(axis as unknown as (sel: Group) => void);
  g.attr('font-family', null).attr('font-size', 11).attr('fill', null);
  g.selectAll('.tick text').attr('fill', INK);
  g.selectAll('.domain, .tick line').attr('stroke', '#888888');
  g.selectAll('.domain').attr('fill', 'none');
  if (!label) return;
  const text = g.append('text').attr('fill', INK).attr('font-size', 12).attr('text-anchor', 'middle').text(label);
  if (orient === 'left') text.attr('transform', `translate(${-labelOffset},${px(length / 2)}) rotate(-90)`);
  else text.attr('x', px(length / 2)).attr('y', orient === 'bottom' ? labelOffset : -labelOffset);
}

/** A legend entry: a 14 px swatch (a fill, optionally outlined) and its label; no fill: a bold heading. */
export interface LegendItem {
  readonly label: string;
  readonly fill?: string;
  readonly stroke?: string;
  /** The swatch: a square (default), a circle (a point marker) or a line (a roof, a trend). */
  readonly shape?: 'square' | 'circle' | 'line';
  /** The energy component the swatch stands for (tagged `data-component`, for tests and tools). */
  readonly component?: string;
  /** Start a new row with this entry. */
  readonly breakBefore?: boolean;
}

/** Where each legend swatch goes when the row starts at (x, y) and wraps at `maxX`; and the y below. */
export function layoutLegend(
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxX: number,
): { at: { x: number; y: number }[]; bottom: number } {
  const at: { x: number; y: number }[] = [];
  let cx = x;
  let cy = y;
  for (const item of items) {
    const w = item.fill ? 20 + textWidth(item.label, 12) + 18 : textWidth(item.label, 12) + 10;
    if ((cx + w > maxX || item.breakBefore) && cx > x) {
      cx = x;
      cy += 20;
    }
    at.push({ x: cx, y: cy });
    cx += w;
  }
  return { at, bottom: cy + 20 };
}

/** Draws a legend laid out by `layoutLegend`; returns the y below its last row. */
export function drawLegend(parent: Group | Svg, x: number, y: number, maxX: number, items: readonly LegendItem[]): number {
  const g = (parent as Group).append('g').attr('font-size', 12);
  const { at, bottom } = layoutLegend(items, x, y, maxX);
  items.forEach((item, i) => {
    const { x: cx, y: cy } = at[i];
    if (!item.fill) {
      g.append('text')
        .attr('x', cx)
        .attr('y', cy + 11.5)
        .attr('font-weight', 'bold')
        .text(item.label);
      return;
    }
    if (item.shape === 'line') {
      g.append('line')
        .attr('data-component', item.component ?? null)
        .attr('x1', cx)
        .attr('x2', cx + 14)
        .attr('y1', cy + 7)
        .attr('y2', cy + 7)
        .attr('stroke', item.fill)
        .attr('stroke-width', 2.5);
    } else {
      const swatch = (item.shape === 'circle'
        ? g
            .append('circle')
            .attr('cx', cx + 7)
            .attr('cy', cy + 7)
            .attr('r', 5)
        : g.append('rect').attr('x', cx).attr('y', cy).attr('width', 14).attr('height', 14)) as unknown as D3.Selection<
        SVGElement,
        unknown,
        null,
        undefined
      >;
      swatch.attr('fill', item.fill).attr('data-component', item.component ?? null);
      if (item.stroke) swatch.attr('stroke', item.stroke).attr('stroke-width', item.shape === 'circle' ? 1.5 : 1);
    }
    g.append('text')
      .attr('x', cx + 20)
      .attr('y', cy + 11.5)
      .text(item.label);
  });
  return bottom;
}

/**
 * Defines a diagonal hatch (lines of `color` on white) under `id` — unique per chart, since a
 * report page inlines several charts into one document — and returns its `url(#id)` fill.
 */
export function defineHatch(svg: Svg, id: string, color: string): string {
  const pattern = svg
    .append('defs')
    .append('pattern')
    .attr('id', id)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  pattern.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#FFFFFF');
  pattern.append('line').attr('x1', 1).attr('y1', 0).attr('x2', 1).attr('y2', 6).attr('stroke', color).attr('stroke-width', 2);
  return `url(#${id})`;
}

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Text colour on `fill` (#RRGGBB): the chart's ink or white, whichever contrasts more. */
export function inkOn(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / (luminance(INK) + 0.05) >= 1.05 / (l + 0.05) ? INK : '#FFFFFF';
}

/** A share of a whole for a label: "42.6%", "<0.1%" for a sliver, "0%" for nothing. */
export function formatShare(fraction: number): string {
  if (fraction <= 0) return '0%';
  if (fraction < 0.0005) return '<0.1%';
  return `${(100 * fraction).toFixed(1)}%`;
}

/** Writes caption lines at the foot of a chart, one every 18 px from `top`. */
export function drawCaptions(svg: Svg, captions: readonly string[], top: number): void {
  captions.forEach((c, i) =>
    svg
      .append('text')
      .attr('x', 16)
      .attr('y', top + i * 18)
      .attr('fill', MUTED)
      .text(c),
  );
}
