import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInChromium } from '../helpers/browser.js';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import { recordTrace } from '../../src/report/trace-recorder.js';
import { writeReport } from '../../src/report/write-report.js';

/** Kept after the run (reports/ is git-ignored) so the page and its screenshot can be looked at. */
const OUT = join(process.cwd(), 'reports', 'e2e-browser');

const CHARTS = [
  { file: 'energy-breakdown.svg', title: 'Energy per inference by component', axes: ['energy per inference (J)'] },
  { file: 'area-breakdown.svg', title: 'Silicon area by component', axes: ['area (mm²)'] },
  { file: 'roofline.svg', title: 'Roofline', axes: ['arithmetic intensity (op/B', 'achieved throughput (op/s)'] },
  { file: 'timeline.svg', title: 'Timeline of DRAM and compute', axes: ['time since the inference started (s)'] },
  { file: 'layers.svg', title: 'Energy and latency per layer', axes: ['energy per layer (J)', 'latency per layer (s)'] },
];

describe('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let requests: string[] = [];
  let indexUrl: string;

  beforeAll(async () => {
    const { events, sink } = recordTrace();
    const result = simulate(loadArch('edge-tpu'), loadWorkload('tiny'), { trace: sink });
    const { dir } = await writeReport(result, OUT, { trace: events });
    const opened = await openInChromium(join(dir, 'index.html'));
    ({ browser, page, url: indexUrl, problems, requests } = opened);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors and fetches nothing but the page itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([indexUrl]);
    const html = readFileSync(join(OUT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src="|url\(http/i);
  });

  it('shows the key numbers', async () => {
    const labels = await page.locator('.numbers dt').allTextContents();
    expect(labels).toEqual([
      'latency',
      'energy per inference',
      'average power',
      'efficiency',
      'utilization',
      'DRAM traffic',
      'cost table',
      'area',
    ]);
    expect(await page.locator('.numbers').textContent()).toContain('TOPS/W');
  });

  it.each(CHARTS)('shows $file inline with its title and axis labels, drawn at full width', async ({ title, axes }) => {
    const svg = page.locator('figure svg').filter({ has: page.locator(`title:text-matches("^${title}")`) });
    await expect(svg.count()).resolves.toBe(1);
    const texts = await svg.locator('text').allTextContents();
    for (const axis of axes) expect(texts.some((t) => t.startsWith(axis))).toBe(true);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(800);
    expect(box!.height).toBeGreaterThan(200);
  });

  it('has all five charts and a row per layer in the table', async () => {
    expect(await page.locator('figure svg').count()).toBe(5);
    expect(await page.locator('table tbody tr').count()).toBe(loadWorkload('tiny').layers.length);
  });

  it('saves a screenshot of the whole page into the report folder', async () => {
    const path = join(OUT, 'screenshot.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(20_000);
  }, 60_000);
});
