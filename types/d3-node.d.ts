// d3-node ships no types; this covers the part we use.
declare module 'd3-node' {
  import type * as d3 from 'd3';
  interface D3NodeOptions {
    selector?: string;
    container?: string;
    styles?: string;
  }
  export class D3Node {
    constructor(options?: D3NodeOptions);
    d3: typeof d3;
    document: Document;
    createSVG(
      width?: number,
      height?: number,
      attrs?: Record<string, unknown>,
    ): d3.Selection<SVGSVGElement, unknown, null, undefined>;
    svgString(): string;
    html(): string;
  }
}
