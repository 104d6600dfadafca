import type { SweepMetric } from '../config/schemas/sweep.js';
import { loadSvgKit } from '../report/svg-kit.js';
import { renderHeatmaps } from './chart-heatmaps.js';
import { formatMetric, metricLabel, renderParetoScatter } from './chart-pareto.js';
import type { SweepRow } from './evaluate-point.js';
import { maximised } from './metrics.js';
import type { ParetoFile } from './summarize.js';
import type { Manifest } from './sweep-store.js';

const TOP = 10;

/** A parameter value as shown: strings without their quotes. */
const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:DejaVu Sans,Verdana,Arial,sans-serif;color:#222;margin:0;background:#fff}
main{max-width:1000px;margin:0 auto;padding:24px}h1{font-size:24px}h2{font-size:19px;margin-top:32px}
.note{color:#555}figure{margin:12px 0}svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.table{overflow-x:auto}`;

/**
 * The sweep's page: per workload, the Pareto scatter of the first two objectives (coloured by
 * the first parameter that varies), heatmaps over pairs of parameters, and the best designs
 * within budget. Self-contained HTML, deterministic for the same rows.
 */
export async function renderSweepPage(rows: readonly SweepRow[], manifest: Manifest, pareto: ParetoFile): Promise<string> {
  const kit = await loadSvgKit();
  const objectives = manifest.objectives as SweepMetric[];
  const varied = manifest.parameters.filter((p) => new Set(rows.map((r) => JSON.stringify(r.parameters[p]))).size > 1);
  const sections = manifest.workloads.map((w) => {
    const mine = rows.filter((r) => r.workload === w);
    const front = pareto.fronts[w] ?? [];
    const scatter = renderParetoScatter(kit, mine, front, w, [objectives[0], objectives[1]], varied[0]);
    const heat = renderHeatmaps(kit, mine, manifest.parameters, objectives[0], w);
    return `<section>
<h2>${escapeHtml(w)}</h2>
<p class="note">${mine.length} design points, ${mine.filter((r) => r.feasible).length} within budget, ${front.length} on the Pareto front over ${objectives.map(escapeHtml).join(', ')}.</p>
<figure>${scatter.trim()}</figure>
${heat ? `<figure>${heat.trim()}</figure>` : ''}
${topTable(mine, manifest, objectives)}
</section>`;
  });
  const budget = manifest.constraints.length
    ? manifest.constraints
        .map((c) => `${c.min !== undefined ? `${c.min} ≤ ` : ''}${c.metric}${c.max !== undefined ? ` ≤ ${c.max}` : ''}`)
        .join(', ')
    : 'none';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>picojoule sweep: ${escapeHtml(manifest.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>picojoule sweep: ${escapeHtml(manifest.name)}</h1>
<p class="note">Parameters: ${manifest.parameters.map(escapeHtml).join(', ')}. Budgets: ${escapeHtml(budget)}. Objectives: ${objectives
    .map((m) => `${escapeHtml(m)} (${maximised(m) ? 'max' : 'min'})`)
    .join(
      ', ',
    )}. Files: <a href="results.csv">results.csv</a>, <a href="results.jsonl">results.jsonl</a>, <a href="pareto.json">pareto.json</a>.</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

/** The best designs within budget by the first objective. */
function topTable(rows: readonly SweepRow[], manifest: Manifest, objectives: readonly SweepMetric[]): string {
  const first = objectives[0];
  const sign = maximised(first) ? -1 : 1;
  const best = rows
    .filter((r) => r.feasible && r.metrics)
    .sort((a, b) => sign * (a.metrics![first]! - b.metrics![first]!) || a.point - b.point)
    .slice(0, TOP);
  const head = ['point', ...manifest.parameters, ...objectives.map(metricLabel)].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = best
    .map(
      (r) =>
        `<tr><td class="n">${r.point}</td>${manifest.parameters.map((p) => `<td>${escapeHtml(valueText(r.parameters[p]))}</td>`).join('')}${objectives
          .map((m) => `<td class="n">${escapeHtml(formatMetric(m, r.metrics![m] ?? NaN))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<h3>The best ${best.length} within budget, by ${escapeHtml(first)}</h3>
<div class="table"><table class="top"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}
