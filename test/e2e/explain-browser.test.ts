import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInChromium } from '../helpers/browser.js';
import { explainVonNeumann, type ExplainData } from '../../src/explain/explain-von-neumann.js';
import { writeExplainReport } from '../../src/explain/write-explain.js';
import { formatFigure } from '../../src/explain/figures.js';

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
  let problems: string[] = [];
  let requests: string[] = [];
  let indexUrl: string;

  beforeAll(async () => {
    data = explainVonNeumann({ workload: 'mobilenet-v2', npu: 'edge-tpu', imc: 'sram-cim', sweepBandwidth: true });
    const { dir } = await writeExplainReport(data, OUT);
    const opened = await openInChromium(join(dir, 'index.html'));
    ({ browser, page, url: indexUrl, problems, requests } = opened);
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
