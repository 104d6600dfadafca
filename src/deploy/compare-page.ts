import { DEVICE_CLASSES, type DeviceClass } from '../config/schemas/device.js';
import { formatPercent, formatSI } from '../report/format.js';
import { escapeHtml } from '../report/report-html.js';
import type { LegendItem, SvgKit } from '../report/svg-kit.js';
import { barPanels, rangeScatter, SERIES_COLORS } from './charts.js';
import type { Comparison, CompareRow } from './compare.js';
import { CLASS_RANGES, type ClassRange } from './device-classes.js';
import { chartSection, pageFrame } from './page-frame.js';

const groupOf = (c: DeviceClass) => DEVICE_CLASSES.indexOf(c);
const classLegend = (classes: readonly DeviceClass[]): LegendItem[] =>
  DEVICE_CLASSES.filter((c) => classes.includes(c)).map((c) => ({
    label: CLASS_RANGES[c].label,
    fill: SERIES_COLORS[groupOf(c)],
  }));

/** The comparison as one JSON document (stable key order, 6 significant digits kept as computed). */
export const comparisonJson = (c: Comparison): string => JSON.stringify(c, null, 2) + '\n';

/** Cell texts of one row, for the terminal table and the page. */
export function rowCells(r: CompareRow): string[] {
  const n = (v: number | undefined, unit: string) => (v === undefined ? '—' : formatSI(v, unit));
  return [
    r.name,
    CLASS_RANGES[r.class].label,
    r.method,
    r.runnable ? n(r.latencySeconds, 's') : 'cannot run',
    n(r.energyJoules, 'J'),
    n(r.averagePowerWatts, 'W'),
    r.opsPerWatt === undefined ? '—' : `${Number((r.opsPerWatt / 1e12).toPrecision(3))}`,
    r.utilization === undefined ? '—' : formatPercent(r.utilization),
    formatSI(r.peakOpsPerSecond, 'op/s'),
    r.check === undefined
      ? '—'
      : r.check.inRange
        ? r.check.seedFlags?.length
          ? 'in range (revised row)'
          : 'in range'
        : `outside: ${r.check.flags.join('; ')}`,
  ];
}

export const COLUMN_HEADS = [
  'device',
  'class',
  'method',
  'latency',
  'energy/inference',
  'avg power',
  'TOPS/W',
  'utilization',
  'int8 peak',
  'class check',
];

/** The charts and index.html of a comparison, by file name. Pure: the same comparison gives the same files. */
export function renderComparePage(c: Comparison, kit: SvgKit): Record<string, string> {
  const rows = c.rows;
  const classes = [...new Set(rows.map((r) => r.class))];
  const bars = barPanels(
    kit,
    `Latency and energy per inference: ${c.workload.name}`,
    `${rows.length} devices · batch 1 · roofline estimates and cycle simulations side by side`,
    [
      { label: 'latency per inference', unit: 's' },
      { label: 'energy per inference', unit: 'J' },
      { label: 'average power', unit: 'W' },
    ],
    rows.map((r) => ({
      label: `${r.name}${r.method === 'roofline estimate' ? ' (roofline)' : ' (simulated)'}`,
      group: groupOf(r.class),
      values: [r.latencySeconds, r.energyJoules, r.averagePowerWatts],
    })),
    classLegend(classes),
    ['Logarithmic scales. Roofline rows: max(ops at sustained peak, bytes at memory bandwidth) + launch overhead per operator.'],
  );
  const boxes = DEVICE_CLASSES.filter((k) => classes.includes(k)).map((k) => ({
    label: `${CLASS_RANGES[k].label} range`,
    group: groupOf(k),
    x: CLASS_RANGES[k].watts,
    y: CLASS_RANGES[k].opsPerSecond,
  }));
  const points = rows
    .filter((r) => r.classPowerWatts !== undefined && r.classPowerWatts > 0 && r.check)
    .map((r) => ({
      label: r.name,
      group: groupOf(r.class),
      x: r.classPowerWatts!,
      y: r.peakOpsPerSecond,
      outside: !r.check!.inRange,
    }));
  const ranges = rangeScatter(
    kit,
    'Devices against their class ranges',
    'power against dense int8 peak · dashed boxes: the class table · ringed: outside its class',
    boxes,
    points,
    [...classLegend(classes), { label: 'outside its class range', fill: '#FFFFFF', stroke: '#D55E00', shape: 'circle' }],
    [
      'Power: active power for roofline devices; for cycle-simulated presets, full load: the compute-bound layers’ energy per op × peak ops/s + static power.',
    ],
  );
  const charts = { 'latency-energy.svg': bars, 'class-ranges.svg': ranges };
  return { 'index.html': compareHtml(c, charts), ...charts, 'compare.json': comparisonJson(c) };
}

const span = (k: Pick<ClassRange, 'watts' | 'opsPerSecond'>) =>
  `${k.watts[0]}–${k.watts[1]} W, ${k.opsPerSecond[0] / 1e12}–${k.opsPerSecond[1] / 1e12} TOPS dense int8`;

function compareHtml(c: Comparison, charts: Record<string, string>): string {
  const head = COLUMN_HEADS.map((h, i) => `<th${i >= 3 && i <= 8 ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = c.rows
    .map((r) => {
      const cells = rowCells(r)
        .map((t, i) => `<td${i >= 3 && i <= 8 ? ' class="n"' : ''}>${escapeHtml(t)}</td>`)
        .join('');
      return `<tr class="${r.check && !r.check.inRange ? 'flagged' : ''}" data-device="${escapeHtml(r.name)}">${cells}</tr>`;
    })
    .join('\n');
  const reasons = c.rows
    .filter((r) => !r.runnable)
    .map((r) => `<li>${escapeHtml(r.name)}: ${escapeHtml(r.reasons.join('; '))}</li>`)
    .join('\n');
  const sources = [...new Set(Object.values(CLASS_RANGES).map((k) => k.source))];
  const ranges = Object.values(CLASS_RANGES)
    .map(
      (k) =>
        `<li>${escapeHtml(`${k.label}: ${span(k)}${k.seed ? ` (seed row: ${span(k.seed)})` : ''}`)} [${sources.indexOf(k.source) + 1}]</li>`,
    )
    .join('\n');
  const sourceList = sources.map((s, i) => `<li>[${i + 1}] ${escapeHtml(s)}</li>`).join('\n');
  const figure = (name: string, heading: string) => chartSection(charts, name, heading);
  return pageFrame(
    `picojoule compare: ${c.workload.name}`,
    `<h1>Where should ${escapeHtml(c.workload.name)} run?</h1>
<p class="sub">${escapeHtml(`${c.workload.name}: ${c.workload.layers} layers, ${formatSI(c.workload.macs, 'MAC')}s, batch 1, on ${c.rows.length} devices.`)}</p>
${c.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
<section>
<h2>Devices side by side</h2>
<div class="table">
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
${reasons ? `<p class="note">Cannot run:</p>\n<ul>\n${reasons}\n</ul>` : ''}
</section>
${figure('latency-energy.svg', 'Latency, energy and power')}
${figure('class-ranges.svg', 'Class-range check')}
<section>
<h2>Class ranges</h2>
<ul class="note">
${ranges}
</ul>
<ul class="note">
${sourceList}
</ul>
</section>
<footer><p>Written by picojoule compare; the whole comparison is <a href="compare.json">compare.json</a>.</p></footer>`,
  );
}
