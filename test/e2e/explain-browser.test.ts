import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { explainVonNeumann, type ExplainData } from '../../src/explain/explain-von-neumann.js';
import { writeExplainReport } from '../../src/explain/write-explain.js';
import { formatFigure } from '../../src/explain/figures.js';

/** Debian's Chromium, launched as test/e2e/browser.test.ts does. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Kept after the run (reports/ is git-ignored) so the page and its screenshot can be looked at. */
const OUT = join(process.cwd(), 'reports', 'e2e-explain');

const CHARTS = [
  { file: 'energy-groups.svg', title: 'Where the joules go: mobilenet-v2', axes: ['energy per inference (J)'] },
  {
    file: 'bytes-per-mac.svg',
    title: 'Bytes moved per MAC: mobilenet-v2',
    axes: [
      'DRAM bytes read or written per MAC (B/MAC)',
      'SRAM bytes read or written per MAC (B/MAC)',
      'register-file bytes per MAC (B/MAC)',
    ],
  },
  {
    file: 'roofline-npu.svg',
    title: 'Roofline: mobilenet-v2 on edge-tpu',
    axes: ['arithmetic intensity (op/B', 'achieved throughput (op/s)'],
  },
  {
    file: 'roofline-imc.svg',
    title: 'Roofline: mobilenet-v2 on sram-cim',
    axes: ['arithmetic intensity (op/B', 'achieved throughput (op/s)'],
  },
  {
    file: 'sweep-latency.svg',
    title: 'Latency vs DRAM bandwidth: mobilenet-v2',
    axes: ['DRAM bandwidth (B/s, log scale)', 'latency per inference (s)'],
  },
  {
    file: 'sweep-energy.svg',
    title: 'Energy vs DRAM bandwidth: mobilenet-v2',
    axes: ['DRAM bandwidth (B/s, log scale)', 'energy per inference (J)'],
  },
];

describe('the explain von-neumann page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let data: ExplainData;
  const problems: string[] = [];
  const requests: string[] = [];
  let indexUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: this test needs Debian's Chromium (apt-get install -y chromium). It is never skipped.`,
      );
    }
    data = explainVonNeumann({ workload: 'mobilenet-v2', npu: 'edge-tpu', imc: 'sram-cim', sweepBandwidth: true });
    const { dir } = await writeExplainReport(data, OUT);
    indexUrl = pathToFileURL(join(dir, 'index.html')).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 90_000 });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(indexUrl, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors and fetches nothing but the page itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([indexUrl]);
    expect(readFileSync(join(OUT, 'index.html'), 'utf8')).not.toMatch(/<script|<link|src="|url\(http/i);
  });

  it.each(CHARTS)('shows $file inline with its title and axis labels', async ({ file, title, axes }) => {
    const svg = page.locator(`figure[data-file="${file}"] svg`);
    await expect(svg.count()).resolves.toBe(1);
    expect(await svg.locator('title').first().textContent()).toMatch(
      new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    const texts = await svg.locator('text').allTextContents();
    for (const axis of axes) expect(texts.some((t) => t.startsWith(axis))).toBe(true);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(800);
    expect(box!.height).toBeGreaterThan(300);
  });

  it('shows the commentary, sentence for sentence', async () => {
    const paragraphs = await page.locator('.commentary p').allTextContents();
    expect(paragraphs).toEqual(data.commentary.paragraphs.map((p) => p.sentences.map((s) => s.text).join(' ')));
    const headings = await page.locator('.commentary h3').allTextContents();
    expect(headings).toEqual(data.commentary.paragraphs.map((p) => p.heading).filter((h) => h));
    expect(headings).toContain('Reprogramming the crossbars');
  });

  it('shows every commentary number exactly as the returned figure, formatted the same way', async () => {
    const shown = await page
      .locator('.commentary span.figure')
      .evaluateAll((els) => els.map((e) => ({ key: e.getAttribute('data-figure')!, text: e.textContent! })));
    expect(new Set(shown.map((s) => s.key))).toEqual(new Set(Object.keys(data.commentary.figures)));
    for (const { key, text } of shown)
      expect(text).toBe(formatFigure(data.commentary.figures[key], data.commentary.formats[key]));
    // The headline numbers of the lesson are among them.
    for (const key of [
      'npu.dataMovementShare',
      'imc.dataMovementShare',
      'dataMovementShareRatio',
      'npu.ridge',
      'imc.reprogramJoules',
    ]) {
      expect(shown.some((s) => s.key === key)).toBe(true);
    }
  });

  it('saves a screenshot of the whole page into the report folder', async () => {
    const path = join(OUT, 'screenshot.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  }, 60_000);
});
