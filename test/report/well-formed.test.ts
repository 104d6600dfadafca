import { describe, expect, it } from '@jest/globals';
import { D3Node } from 'd3-node';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workloadDir } from '../../src/config/paths.js';
import { explainVonNeumann } from '../../src/explain/explain-von-neumann.js';
import { renderExplainReport } from '../../src/explain/render-explain.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { asXml } from '../../src/report/svg-kit.js';
import { renderReport } from '../../src/report/render-report.js';
import { simulate } from '../../src/sim/simulate.js';

// Every SVG and HTML page is well-formed XML, whatever the layer names hold: a browser reading
// an .svg file, or a tool reading the page as XHTML, stops at the first error.
// d3-node's jsdom document brings an XML parser (no extra dependency).
const DOMParserOf = (new D3Node().document.defaultView as unknown as { DOMParser: typeof DOMParser }).DOMParser;
const xmlError = (text: string, svg: boolean): string | undefined => {
  const doc = new DOMParserOf().parseFromString(text, svg ? 'image/svg+xml' : 'application/xhtml+xml');
  return doc.getElementsByTagName('parsererror')[0]?.textContent ?? undefined;
};

/** tiny, with every layer's name carrying XML's special characters. */
function nastyWorkload(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pj-xml-'));
  const file = join(dir, 'w.json');
  const spec = JSON.parse(readFileSync(join(workloadDir(), 'tiny.json'), 'utf8')) as {
    layers: { name: string }[];
    $schema?: string;
  };
  delete spec.$schema;
  spec.layers = spec.layers.map((l) => ({ ...l, name: `${l.name}<&"'>` }));
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('pages and charts are well-formed XML', () => {
  const file = nastyWorkload();

  it('the report: every SVG and the HTML page, with layer names full of <, &, quotes', async () => {
    const graph = loadWorkload(file);
    expect(graph.layers.some((l) => l.name.includes('<&'))).toBe(true);
    const { files } = await renderReport(simulate(loadArch('edge-tpu'), graph));
    const pages = Object.entries(files).filter(([n]) => n.endsWith('.svg') || n.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const [name, text] of pages)
      expect({ name, error: xmlError(String(text), name.endsWith('.svg')) }).toEqual({ name, error: undefined });
  });

  it('the explain page', async () => {
    const { files } = await renderExplainReport(explainVonNeumann({ workload: file }));
    for (const [name, text] of Object.entries(files).filter(([n]) => n.endsWith('.svg') || n.endsWith('.html')))
      expect({ name, error: xmlError(String(text), name.endsWith('.svg')) }).toEqual({ name, error: undefined });
  });

  it('asXml escapes < and > in attribute values and names the no-break space numerically', () => {
    expect(asXml('<g data-layer="a<b>c" x="1">&nbsp;a &lt; b</g>')).toBe('<g data-layer="a&lt;b&gt;c" x="1">&#160;a &lt; b</g>');
  });
});
