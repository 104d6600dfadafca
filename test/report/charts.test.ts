import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { renderReport } from '../../src/report/render-report.js';
import { recordTrace, type TraceEvent } from '../../src/report/trace-recorder.js';
import { resultColors } from '../../src/report/palette.js';
import { rooflinePoints } from '../../src/report/chart-roofline.js';

const CHARTS = ['energy-breakdown.svg', 'area-breakdown.svg', 'layers.svg', 'roofline.svg', 'timeline.svg'] as const;

/** Axis labels each chart must show, each naming its unit. */
const AXIS_LABELS: Record<(typeof CHARTS)[number], string[]> = {
  'energy-breakdown.svg': ['energy per inference (J)'],
  'area-breakdown.svg': ['area (mm²)'],
  'layers.svg': ['energy per layer (J)', 'latency per layer (s)'],
  'roofline.svg': ['arithmetic intensity (op/B', 'achieved throughput (op/s)'],
  'timeline.svg': ['time since the inference started (s)'],
};

const SI: Record<string, number> = {
  f: 1e-15,
  p: 1e-12,
  n: 1e-9,
  µ: 1e-6,
  μ: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** "36.5 µJ" → 3.65e-5. */
function parseJoules(text: string): number {
  const m = /^(-?[\d.]+) (\D?)J$/.exec(text.trim());
  if (!m || SI[m[2]] === undefined) throw new Error(`not an energy label: "${text}"`);
  return Number(m[1]) * SI[m[2]];
}

function run(arch: string, workload: string): { result: SimResult; trace: TraceEvent[] } {
  const { events, sink } = recordTrace();
  return { result: simulate(loadArch(arch), loadWorkload(workload), { trace: sink }), trace: events };
}

let parseXml: (text: string) => Document;

beforeAll(async () => {
  const Ctor = (await import('d3-node')).D3Node;
  const window = new Ctor().document.defaultView!;
  parseXml = (text) => new window.DOMParser().parseFromString(text, 'image/svg+xml');
});

describe.each([
  ['edge-tpu', 'tiny'],
  ['edge-tpu', 'mobilenet-v2'],
  ['apple-ane', 'bert-base-layer'],
  ['hybrid-edge', 'resnet-18'],
])('report charts of %s running %s', (arch, workload) => {
  let result: SimResult;
  let trace: TraceEvent[];
  let files: Readonly<Record<string, string>>;
  beforeAll(async () => {
    ({ result, trace } = run(arch, workload));
    files = (await renderReport(result, { trace })).files;
  });

  it('writes the page, five charts (area among them), result.json and layers.csv', () => {
    expect(Object.keys(files)).toEqual(['index.html', ...CHARTS, 'result.json', 'layers.csv']);
  });

  it.each(CHARTS)('%s is well-formed SVG with a <title> and axis labels that name their units', (name) => {
    const svg = files[name];
    expect(svg.startsWith('<svg')).toBe(true);
    const doc = parseXml(svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    const title = doc.documentElement.firstElementChild!;
    expect(title.tagName).toBe('title');
    expect(title.textContent).toContain(result.workload.name);
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? '');
    for (const label of AXIS_LABELS[name]) expect(texts.some((t) => t.startsWith(label))).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity|undefined|&nbsp;/);
  });

  it('uses one colour per component in every chart, the palette’s', () => {
    const palette = resultColors(result);
    let tagged = 0;
    for (const name of CHARTS) {
      const doc = parseXml(files[name]);
      for (const el of doc.querySelectorAll('rect[data-component], line[data-component], circle[data-component]')) {
        const component = el.getAttribute('data-component')!;
        const colour = el.tagName === 'line' ? el.getAttribute('stroke') : el.getAttribute('fill');
        expect([component, colour]).toEqual([component, palette[component]]);
        tagged++;
      }
    }
    expect(tagged).toBeGreaterThan(Object.keys(palette).length);
  });

  it('labels each part’s area so that the labels sum to the total', () => {
    const labels = [...parseXml(files['area-breakdown.svg']).querySelectorAll('text.area-label')];
    expect(labels.map((l) => l.getAttribute('data-part')).sort()).toEqual(Object.keys(result.totals.areaBreakdownMm2!).sort());
    const exact = labels.reduce((s, l) => s + Number(l.getAttribute('data-mm2')), 0);
    expect(exact).toBeCloseTo(result.totals.areaMm2!, 12);
    const shown = labels.reduce((s, l) => s + Number(l.textContent!.split(' mm²')[0]), 0);
    expect(Math.abs(shown - result.totals.areaMm2!) / result.totals.areaMm2!).toBeLessThan(0.005);
  });

  it('labels each component’s energy so that the labels sum to the total', () => {
    const labels = [...parseXml(files['energy-breakdown.svg']).querySelectorAll('text.energy-label')];
    expect(labels.map((l) => l.getAttribute('data-component')).sort()).toEqual(
      Object.keys(result.totals.energyBreakdownJoules).sort(),
    );
    const total = result.totals.energyJoules;
    const exact = labels.reduce((s, l) => s + Number(l.getAttribute('data-joules')), 0);
    expect(exact).toBeCloseTo(total, 15);
    // Each label rounds to 3 significant digits (±0.5%), so their sum is within 0.5% of the total.
    const shown = labels.reduce((s, l) => s + parseJoules(l.textContent!.split(' · ')[0]), 0);
    expect(Math.abs(shown - total) / total).toBeLessThan(0.005);
    const percents = labels
      .map((l) => l.textContent!.split(' · ')[1])
      .filter((p) => p !== '<0.1%')
      .map((p) => Number(p.replace('%', '')));
    expect(Math.abs(percents.reduce((s, p) => s + p, 0) - 100)).toBeLessThanOrEqual(0.1 * labels.length);
  });

  it('plots one roofline point per layer with MACs and memory traffic, against the level that bounds it, and says how many it skipped', () => {
    const svg = files['roofline.svg'];
    const moves = (l: SimResult['layers'][number]) => Object.values(l.memory).some((m) => m.readBytes + m.writeBytes > 0);
    const expected = result.layers.filter((l) => l.macs > 0 && moves(l)).length;
    expect(svg.match(/class="layer-point"/g) ?? []).toHaveLength(expected);
    expect(rooflinePoints(result).points).toHaveLength(expected);
    expect(svg).toContain(`${expected} of ${result.layers.length} layers plotted`);
    expect(svg).toContain(`${result.layers.length - expected} skipped`);
    expect(svg).toContain('class="dram-roof"');
    expect(svg).toContain('class="memory-roof"');
  });

  it('a layer is placed against the level with the longest transfer time: bytes ÷ its ceiling', () => {
    const ceiling = (level: string) =>
      level === 'dram' ? result.arch.dram.bytesPerSecond : result.arch.memory.find((m) => m.name === level)!.bytesPerSecond;
    for (const p of rooflinePoints(result).points) {
      const l = result.layers.find((x) => x.name === p.name)!;
      const time = (level: string) => (l.memory[level].readBytes + l.memory[level].writeBytes) / (ceiling(level) ?? Infinity);
      const slower = Object.keys(l.memory).filter((level) => time(level) > time(p.level));
      expect({ layer: p.name, slower }).toEqual({ layer: p.name, slower: [] });
    }
  });

  it('names every layer on the per-layer chart, in order', () => {
    const texts = [...parseXml(files['layers.svg']).getElementsByTagName('text')].map((t) => t.textContent);
    const names = texts.filter((t) => result.layers.some((l) => l.name === t));
    expect(names).toEqual(result.layers.map((l) => l.name));
  });

  it('is deterministic: rendering twice gives byte-identical files', async () => {
    const again = (await renderReport(result, { trace })).files;
    expect(again).toEqual(files);
  });
});

describe('roofline with ideal DRAM', () => {
  it('draws no DRAM roof and says why', async () => {
    const { result } = run('edge-tpu', 'tiny');
    const ideal: SimResult = {
      ...result,
      arch: { ...result.arch, dram: { ideal: true, bytesPerSecond: null, latencySeconds: 0 } },
    };
    const svg = (await renderReport(ideal)).files['roofline.svg'];
    expect(svg).not.toContain('class="dram-roof"');
    expect(svg).toContain('DRAM is ideal (unlimited bandwidth), so there is no memory roof');
    expect(svg).toContain('class="compute-roof"');
  });
});

describe('timeline', () => {
  it('marks an estimate when there is no trace, and the trace when there is one', async () => {
    const { result, trace } = run('edge-tpu', 'tiny');
    expect((await renderReport(result)).files['timeline.svg']).toContain('Estimated from per-layer totals');
    expect((await renderReport(result, { trace })).files['timeline.svg']).toContain('From the simulator trace');
  });
});
