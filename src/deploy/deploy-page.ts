import { formatPercent, formatSI } from '../report/format.js';
import { escapeHtml } from '../report/report-html.js';
import type { SvgKit } from '../report/svg-kit.js';
import type { BreakEvenSweep } from './break-even.js';
import { barPanels, lineChart, SERIES_COLORS } from './charts.js';
import { deployJson, type DeployReport } from './deploy-report.js';
import { chartSection, pageFrame } from './page-frame.js';

const fmt = (v: number | null, unit: string) => (v === null ? '—' : formatSI(v, unit));

/** The deploy page and its charts, by file name. Pure. */
export function renderDeployPage(r: DeployReport, kit: SvgKit): Record<string, string> {
  const e = r.places.edge;
  const c = r.places.cloud;
  const res = r.results;
  const radioPerOffload = res.requests.servedInCloud > 0 ? res.energyTotalJoules.radio / res.requests.servedInCloud : undefined;
  const cloudPerOffload = res.requests.servedInCloud > 0 ? res.energyTotalJoules.cloud / res.requests.servedInCloud : undefined;
  const comparison = barPanels(
    kit,
    'Where one request costs what',
    `${r.workload.name}: the edge device against the offload path (unloaded latency; energy per request)`,
    [
      { label: 'latency per request', unit: 's' },
      { label: 'energy per request', unit: 'J' },
    ],
    [
      { label: `edge: ${e.device}`, group: 0, values: [e.latencySeconds ?? undefined, e.energyJoules ?? undefined] },
      { label: `cloud: ${c.device} (inference)`, group: 1, values: [c.latencySeconds, (c.energyJoules * c.pue) / 1] },
      {
        label: `radio: ${r.places.link.name} (as simulated)`,
        group: 2,
        values: [c.pathSeconds - c.latencySeconds, radioPerOffload],
      },
      {
        label: 'offload path in all',
        group: 3,
        values: [c.pathSeconds, radioPerOffload !== undefined ? radioPerOffload + (cloudPerOffload ?? 0) : undefined],
      },
    ],
    [
      { label: 'edge device', fill: SERIES_COLORS[0] },
      { label: 'cloud device (batch 1, × PUE)', fill: SERIES_COLORS[1] },
      { label: 'network link', fill: SERIES_COLORS[2] },
      { label: 'offload path', fill: SERIES_COLORS[3] },
    ],
    [
      'Radio and offload energy are the simulation’s per offloaded request (tail and batching included); absent when nothing was offloaded.',
    ],
  );
  const cdf = lineChart(kit, {
    title: `Latency distribution: ${r.plan.name}`,
    subtitle: `${res.requests.served} served of ${res.requests.simulated} · p50 ${formatSI(res.latencySeconds.p50, 's')} · p95 ${formatSI(res.latencySeconds.p95, 's')} · p99 ${formatSI(res.latencySeconds.p99, 's')}`,
    x: { label: 'latency from arrival to result', unit: 's', log: true },
    y: { label: 'fraction of served requests', unit: '', log: false },
    series: [{ label: 'served requests (empirical CDF)', points: res.cdf, step: true }],
    markers: [
      { x: r.requests.deadlineSeconds, label: `deadline ${formatSI(r.requests.deadlineSeconds, 's')}` },
      ...(res.requests.served ? [{ x: res.latencySeconds.p99, label: `p99 ${formatSI(res.latencySeconds.p99, 's')}` }] : []),
    ],
    captions: [`Seed ${r.plan.seed}; ${r.requests.arrival} arrivals at ${r.requests.rate} requests/s.`],
  });
  const sweepChart = (s: BreakEvenSweep, title: string, xLabel: string, xUnit: string) =>
    lineChart(kit, {
      title,
      subtitle: s.meaning,
      x: { label: xLabel, unit: xUnit, log: true },
      y: { label: 'energy per request', unit: 'J', log: true },
      series: [
        ...(s.points[0].localJoules === null
          ? []
          : [{ label: `local on ${e.device}`, points: s.points.map((p) => [p.x, p.localJoules!] as const) }]),
        {
          label: 'offload: radio only (the device’s battery)',
          points: s.points.map((p) => [p.x, p.offloadDeviceJoules] as const),
          dashed: true,
        },
        { label: 'offload: radio + cloud × PUE', points: s.points.map((p) => [p.x, p.offloadTotalJoules] as const) },
      ],
      markers: [
        ...(s.energy === null ? [] : [{ x: s.energy, label: `break-even (total) ${formatSI(s.energy, xUnit)}` }]),
        ...(s.deviceEnergy === null
          ? []
          : [{ x: s.deviceEnergy, label: `break-even (battery) ${formatSI(s.deviceEnergy, xUnit)}` }]),
      ],
      captions: r.breakEven.assumptions.slice(0, 2),
    });
  const charts: Record<string, string> = {
    'comparison.svg': comparison,
    'latency-cdf.svg': cdf,
    'break-even-input.svg': sweepChart(
      r.breakEven.inputSize,
      'Break-even: offload against local energy by input size',
      'input size per request',
      'B',
    ),
    'break-even-model.svg': sweepChart(
      r.breakEven.modelSize,
      'Break-even by model size',
      'model size relative to this model',
      '×',
    ),
    'break-even-link.svg': sweepChart(
      r.breakEven.linkQuality,
      'Break-even by link bandwidth',
      'bandwidth relative to the plan’s link',
      '×',
    ),
  };
  return { 'index.html': deployHtml(r, charts), ...charts, 'deploy.json': deployJson(r) };
}

function deployHtml(r: DeployReport, charts: Record<string, string>): string {
  const res = r.results;
  const en = res.energyPerInferenceJoules;
  const numbers: [string, string, string][] = [
    [
      'latency p50 / p95 / p99',
      `${formatSI(res.latencySeconds.p99, 's')} p99`,
      `p50 ${formatSI(res.latencySeconds.p50, 's')}, p95 ${formatSI(res.latencySeconds.p95, 's')}, mean ${formatSI(res.latencySeconds.mean, 's')}`,
    ],
    [
      'served at the edge',
      formatPercent(res.edgeFraction),
      `offloaded: ${
        Object.entries(res.offloads)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ') || 'none'
      }`,
    ],
    [
      'dropped',
      formatPercent(res.requests.dropRate),
      `${res.requests.dropped} of ${res.requests.simulated}; ${formatPercent(res.requests.deadlineMissRate)} of served missed the deadline`,
    ],
    [
      'energy per inference',
      formatSI(en.total, 'J'),
      `device ${formatSI(en.device, 'J')}, radio ${formatSI(en.radio, 'J')}, cloud ${formatSI(en.cloud, 'J')}`,
    ],
    [
      'fleet energy per day',
      `${Number(r.fleet.energyPerDayKilowattHours.toPrecision(3))} kWh`,
      `${r.fleet.devices} devices × ${r.fleet.requestsPerDay / r.fleet.devices} requests/day`,
    ],
    [
      'cloud batches',
      `${Number(res.cloudBatches.meanSize.toPrecision(3))} mean size`,
      `${res.cloudBatches.count} batches (max ${r.places.cloud.maxBatch})`,
    ],
  ];
  const be = (s: {
    energy: number | null;
    deviceEnergy: number | null;
    latency: number | null;
    variable: string;
    unit: string;
    meaning: string;
  }) =>
    `<tr><td>${escapeHtml(s.variable)}</td><td class="n">${escapeHtml(fmt(s.energy, s.unit))}</td><td class="n">${escapeHtml(fmt(s.deviceEnergy, s.unit))}</td><td class="n">${escapeHtml(fmt(s.latency, s.unit))}</td><td>${escapeHtml(s.meaning)}</td></tr>`;
  const figure = (name: string, heading: string) => chartSection(charts, name, heading);
  return pageFrame(
    `picojoule deploy: ${r.plan.name}`,
    `<h1>Deployment: ${escapeHtml(r.plan.name)}</h1>
<p class="sub">${escapeHtml(`${r.workload.name} (${formatSI(r.workload.macs, 'MAC')}s) · policy ${r.policy.mode}${r.policy.allowDrops ? ', drops allowed' : ''} · edge ${r.places.edge.device}, cloud ${r.places.cloud.device} over ${r.places.link.name} · deadline ${formatSI(r.requests.deadlineSeconds, 's')} · seed ${r.plan.seed}`)}</p>
<dl class="numbers">
${numbers.map(([l, v, d]) => `<div><dt>${escapeHtml(l)}</dt><dd class="value">${escapeHtml(v)}</dd><dd class="detail">${escapeHtml(d)}</dd></div>`).join('\n')}
</dl>
${figure('comparison.svg', 'Per-device comparison')}
${figure('latency-cdf.svg', 'Latency distribution')}
${figure('break-even-input.svg', 'Break-even by input size')}
<section>
<h2>Break-even points</h2>
<div class="table"><table>
<thead><tr><th>as it varies</th><th class="n">total energy</th><th class="n">battery energy</th><th class="n">latency</th><th>meaning</th></tr></thead>
<tbody>
${be(r.breakEven.inputSize)}
${be(r.breakEven.modelSize)}
${be(r.breakEven.linkQuality)}
</tbody>
</table></div>
<ul class="note">${r.breakEven.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>
</section>
${figure('break-even-model.svg', 'Break-even by model size')}
${figure('break-even-link.svg', 'Break-even by link bandwidth')}
<section>
<h2>Notes</h2>
<ul class="note">${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
</section>
<footer><p>Written by picojoule deploy from ${escapeHtml(r.plan.file)}; the whole run is <a href="deploy.json">deploy.json</a>.</p></footer>`,
  );
}
