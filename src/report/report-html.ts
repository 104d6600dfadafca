import type { SimResult } from '../sim/result.js';
import { formatBytes, formatCount, formatPercent, formatSI } from './format.js';
import { describeCompute, formatUtilization, keyNumbers } from './key-numbers.js';
import { llmLines } from './llm-summary.js';

/** The charts a report page shows, as SVG text, by file name. */
export interface ReportCharts {
  readonly 'energy-breakdown.svg': string;
  readonly 'area-breakdown.svg'?: string;
  readonly 'layers.svg': string;
  readonly 'roofline.svg': string;
  readonly 'timeline.svg': string;
  readonly 'llm-rates.svg'?: string;
  readonly 'llm-roofline.svg'?: string;
}

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The look every picojoule page shares (report, compare, deploy). */
export const PAGE_STYLE_BASE = `
body { margin: 0; background: #fafafa; color: #222; font: 15px/1.45 "DejaVu Sans", Verdana, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; }
.sub, .note, footer { color: #555; }
.numbers { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; margin: 20px 0 0; padding: 0; }
.numbers div { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; }
.numbers dt { font-size: 13px; color: #555; }
.numbers dd { margin: 0; }
.numbers .value { font-size: 22px; font-weight: bold; }
.numbers .detail { font-size: 12px; color: #555; }
figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; overflow: hidden; }
figure svg { display: block; width: 100%; height: auto; }
.table { overflow-x: auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { padding: 3px 7px; border-bottom: 1px solid #eee; white-space: nowrap; }
th { position: sticky; top: 0; background: #f0f0f0; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
`;

const STYLE = `${PAGE_STYLE_BASE}tr.memory td:last-child { color: #a33c00; font-weight: bold; }
`;

/** Per-layer table columns: heading, right-aligned, and the cell text of a layer. */
const COLUMNS: [string, boolean, (l: SimResult['layers'][number], i: number) => string][] = [
  ['#', true, (_, i) => String(i + 1)],
  ['layer', false, (l) => l.name],
  ['type', false, (l) => l.type],
  ['cycles', true, (l) => formatCount(l.cycles)],
  ['stall', true, (l) => formatCount(l.stallCycles)],
  ['latency', true, (l) => formatSI(l.seconds, 's')],
  ['MACs', true, (l) => formatSI(l.macs, '').trim()],
  ['util.', true, (l) => formatUtilization(l.utilization)],
  ['DRAM read', true, (l) => formatBytes(l.dram.readBytes)],
  ['DRAM write', true, (l) => formatBytes(l.dram.writeBytes)],
  // DRAM bytes over the compulsory ones (each tensor once): what the mapping costs in traffic.
  ['DRAM/min', true, (l) => (l.dram.toCompulsory === undefined ? '' : `${l.dram.toCompulsory.toFixed(2)}×`)],
  ['energy', true, (l) => formatSI(l.energyJoules, 'J')],
  ['bound', false, (l) => l.bound],
];

/**
 * `index.html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the
 * key numbers, the four charts and a per-layer table.
 */
export function renderHtml(result: SimResult, charts: ReportCharts): string {
  const a = result.arch;
  const title = `${result.workload.name} on ${a.name}`;
  const numbers = keyNumbers(result)
    .map(
      (k) =>
        `<div><dt>${escapeHtml(k.label)}</dt><dd class="value">${escapeHtml(k.value)}</dd><dd class="detail">${escapeHtml(k.detail)}</dd>${k.parts ? `<dd class="detail">by part: ${escapeHtml(k.parts)}</dd>` : ''}</div>`,
    )
    .join('\n');
  const figure = (heading: string, file: keyof ReportCharts, note: string) =>
    charts[file] === undefined
      ? ''
      : `<section>\n<h2>${heading}</h2>\n<p class="note">${note} (<a href="${file}">${file}</a>)</p>\n<figure>\n${charts[file].trim()}\n</figure>\n</section>`;
  const head = COLUMNS.map(([h, n]) => `<th${n ? ' class="n"' : ''}>${h}</th>`).join('');
  const rows = result.layers
    .map(
      (l, i) =>
        `<tr${l.bound === 'memory' ? ' class="memory"' : ''}>${COLUMNS.map(([, n, f]) => `<td${n ? ' class="n"' : ''}>${escapeHtml(f(l, i))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>picojoule report: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>picojoule report: ${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(`${a.name}: ${describeCompute(result)} at ${formatSI(a.clockHz, 'Hz')}, peak ${formatSI(a.peakOpsPerSecond, 'op/s')}, DRAM ${a.dram.bytesPerSecond ? formatSI(a.dram.bytesPerSecond, 'B/s') : 'ideal'}. ${result.workload.name}: ${result.layers.length} layers, ${formatCount(result.totals.macs)} MACs.`)}</p>
<dl class="numbers">
${numbers}
</dl>
${whatIfSection(result)}
${
  result.llm
    ? `<section>\n<h2>Language model</h2>\n${llmLines(result.llm)
        .map((l) => `<p class="note">${escapeHtml(l.trim())}</p>`)
        .join('\n')}\n</section>`
    : ''
}
${figure('Language model: tokens/s and J/token', 'llm-rates.svg', 'Decode steps over context length and batch size')}
${figure('Language model: decode against prefill', 'llm-roofline.svg', 'Every decode step and prefill of the sweep under the roofs of this chip')}
${figure('Where the energy goes', 'energy-breakdown.svg', 'Energy of one inference by component')}
${figure('Where the silicon goes', 'area-breakdown.svg', 'Area of the components by part, from the area table')}
${figure('Roofline', 'roofline.svg', 'Achieved throughput of each layer against its arithmetic intensity')}
${figure('Timeline', 'timeline.svg', 'When DRAM and the compute unit are busy, layer by layer')}
${figure('Energy and latency per layer', 'layers.svg', 'Each layer’s energy by component and its latency split into compute and stall')}
<section>
<h2>Per-layer results</h2>
<p class="note">Also as <a href="layers.csv">layers.csv</a>; the whole result document is <a href="result.json">result.json</a>. Memory-bound layers are marked in the last column.</p>
<div class="table">
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</section>
<footer><p>Written by picojoule from a <code>picojoule/result@1</code> document; cost table ${escapeHtml(result.energy.table)} (${escapeHtml(result.energy.node)}).</p></footer>
</main>
</body>
</html>
`;
}

/** Says that a what-if run is one: the options, the baseline it is set against, the gains, and what ran other than asked. */
function whatIfSection(result: SimResult): string {
  const c = result.comparison;
  if (!c) return '';
  const w = result.run?.whatIf ?? {};
  const options = [
    w.precision !== undefined ? `precision ${w.precision}` : '',
    w.weightDensity !== undefined ? `weights kept ${formatPercent(w.weightDensity)}` : '',
    w.activationDensity !== undefined ? `activation density ${formatPercent(w.activationDensity)}` : '',
    w.structure !== undefined ? `pattern ${w.structure}` : '',
  ].filter(Boolean);
  const gains = [
    `${c.speedup.toFixed(2)}× the speed (${formatSI(c.baseline.seconds, 's')} before)`,
    `${c.energyRatio.toFixed(2)}× the energy (${formatSI(c.baseline.energyJoules, 'J')} before)`,
    `${formatBytes(c.dramBytesSaved)} less DRAM traffic`,
    `${formatCount(c.macsSkipped)} MACs skipped`,
  ];
  return `<section class="what-if">
<h2>A what-if</h2>
<p>This run changes the network${options.length ? `: ${escapeHtml(options.join(', '))}` : ''}. Against ${escapeHtml(c.baseline.description)}: ${escapeHtml(gains.join(', '))}.</p>
${(c.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</section>`;
}
