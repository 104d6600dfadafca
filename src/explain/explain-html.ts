import { formatCount, formatSI } from '../report/format.js';
import { describeCompute, formatTopsPerWatt } from '../report/key-numbers.js';
import { escapeHtml } from '../report/report-html.js';
import { formatShare } from '../report/svg-kit.js';
import type { DesignAnalysis } from './analyze-design.js';
import type { ExplainData } from './explain-von-neumann.js';
import { formatFigure } from './figures.js';

/** The charts of the page, by file name (the sweep ones only with a sweep). */
export interface ExplainCharts {
  readonly 'energy-groups.svg': string;
  readonly 'bytes-per-mac.svg': string;
  readonly 'roofline-npu.svg': string;
  readonly 'roofline-imc.svg': string;
  readonly 'sweep-latency.svg'?: string;
  readonly 'sweep-energy.svg'?: string;
}

const STYLE = `
body { margin: 0; background: #fafafa; color: #222; font: 15px/1.5 "DejaVu Sans", Verdana, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 25px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 38px 0 10px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.sub, .note, footer { color: #555; }
table.designs { border-collapse: collapse; background: #fff; border: 1px solid #ddd; border-radius: 6px; width: 100%; margin: 18px 0 0; font-size: 14px; }
table.designs th, table.designs td { padding: 5px 12px; border-bottom: 1px solid #eee; text-align: left; }
table.designs td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.designs thead th { background: #f0f0f0; }
table.designs thead th.npu { border-top: 4px solid #0072B2; }
table.designs thead th.imc { border-top: 4px solid #D55E00; }
.commentary { background: #fff; border: 1px solid #ddd; border-left: 5px solid #009E73; border-radius: 6px; padding: 4px 22px 14px; }
.commentary p { margin: 0 0 8px; }
.commentary .figure { font-weight: bold; white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: #f1f1f1; padding: 0 3px; border-radius: 3px; }
figure { margin: 0 0 16px; background: #fff; border: 1px solid #ddd; border-radius: 6px; overflow: hidden; }
figure svg { display: block; width: 100%; height: auto; }
`;

/** The row of the design table: a label and each design's cell. */
const ROWS: [string, (d: DesignAnalysis) => string][] = [
  ['compute', (d) => describeCompute(d.result)],
  ['clock · peak', (d) => `${formatSI(d.result.arch.clockHz, 'Hz')} · ${formatSI(d.result.arch.peakOpsPerSecond, 'op/s')}`],
  ['DRAM bandwidth', (d) => (d.result.arch.dram.bytesPerSecond ? formatSI(d.result.arch.dram.bytesPerSecond, 'B/s') : 'ideal')],
  ['energy per inference', (d) => formatSI(d.result.totals.energyJoules, 'J')],
  ['latency', (d) => formatSI(d.result.totals.seconds, 's')],
  ['efficiency', (d) => formatTopsPerWatt(d.result.totals.opsPerWatt)],
  ['data movement', (d) => `${formatShare(d.dataMovement.share)} of energy`],
  ['DRAM bytes per MAC', (d) => formatFigure(d.bytesPerMac.dram, 'bytesPerMac')],
  ['memory-bound layers', (d) => `${formatCount(d.memoryBound.length)} of ${formatCount(d.layersWithMacs)}`],
];

/**
 * `index.html` of the teaching view: one self-contained page (inline CSS and SVG, no scripts,
 * nothing fetched) with the two designs side by side, the commentary, and the charts.
 */
export function renderExplainHtml(data: ExplainData, charts: ExplainCharts): string {
  const { npu, imc } = data;
  const designs = [npu, imc];
  const w = data.workload;
  const head = `<tr><th></th>${designs
    .map(
      (d) =>
        `<th class="${d.role}">${d.role === 'npu' ? 'von Neumann NPU' : 'in-memory compute'}: <code>${escapeHtml(d.result.arch.name)}</code></th>`,
    )
    .join('')}</tr>`;
  const rows = ROWS.map(
    ([label, cell]) =>
      `<tr><th>${escapeHtml(label)}</th>${designs.map((d) => `<td class="n">${escapeHtml(cell(d))}</td>`).join('')}</tr>`,
  ).join('\n');
  const commentary = data.commentary.paragraphs
    .map(
      (p) =>
        `${p.heading ? `<h3>${escapeHtml(p.heading)}</h3>\n` : ''}<p data-topic="${p.topic}">${p.sentences.map((s) => s.html).join(' ')}</p>`,
    )
    .join('\n');
  const figure = (file: keyof ExplainCharts) =>
    `<figure data-file="${file}">\n${charts[file]!.trim()}\n</figure>\n<p class="note">Also as <a href="${file}">${file}</a>.</p>`;
  const sweep =
    charts['sweep-latency.svg'] && charts['sweep-energy.svg']
      ? `<p class="note">Both designs rerun at 1/4×, 1/2×, 1×, 2×, 4× and 8× their own DRAM bandwidth. Hollow markers: at least one layer still waits for DRAM.</p>\n${figure('sweep-latency.svg')}\n${figure('sweep-energy.svg')}`
      : `<p class="note">Not run. Add <code>--sweep-bandwidth</code> to rerun both designs at 1/4× to 8× their DRAM bandwidth and chart latency and energy against it.</p>`;
  const title = `The von Neumann bottleneck: ${w.name} on ${npu.result.arch.name} and ${imc.result.arch.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>picojoule explain: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(
    `${w.name}: ${w.layers} layers, ${formatCount(w.macs)} MACs, ${formatCount(w.params)} parameters, run on a von Neumann NPU, where weights and activations travel between memory and the multipliers, and on an in-memory design, whose crossbars multiply where the weights are stored.`,
  )}</p>
<table class="designs">
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
<section>
<h2>What the numbers say</h2>
<div class="commentary">
${commentary}
</div>
<p class="note">Every number above is computed from the two runs (<a href="result-npu.json">result-npu.json</a>, <a href="result-imc.json">result-imc.json</a>); the values are in <a href="explain.json">explain.json</a>.</p>
</section>
<section>
<h2>Where the joules go</h2>
<p class="note">Energy of one inference, grouped into data movement, compute, reprogramming and static energy; each bar is split into its components.</p>
${figure('energy-groups.svg')}
</section>
<section>
<h2>Bytes moved per MAC</h2>
<p class="note">How many bytes each design moves, at each level of its memory hierarchy, for every multiply-accumulate it does.</p>
${figure('bytes-per-mac.svg')}
</section>
<section>
<h2>Rooflines</h2>
<p class="note">Each layer that touches DRAM, placed by its arithmetic intensity (operations per DRAM byte) and the throughput it reached. Left of the ridge point the DRAM roof, not the compute roof, bounds a layer.</p>
${figure('roofline-npu.svg')}
${figure('roofline-imc.svg')}
</section>
<section>
<h2>DRAM bandwidth sweep</h2>
${sweep}
</section>
<footer><p>Written by <code>picojoule explain von-neumann</code>; cost tables ${escapeHtml(npu.result.energy.table)} (${escapeHtml(npu.result.energy.node)}) and ${escapeHtml(imc.result.energy.table)} (${escapeHtml(imc.result.energy.node)}).</p></footer>
</main>
</body>
</html>
`;
}
