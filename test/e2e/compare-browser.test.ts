import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInChromium } from '../helpers/browser.js';
import { loadCandidate } from '../../src/deploy/candidates.js';
import { compareDevices } from '../../src/deploy/compare.js';
import { renderComparePage } from '../../src/deploy/compare-page.js';
import { renderDeployPage } from '../../src/deploy/deploy-page.js';
import { runDeployPlan } from '../../src/deploy/deploy-report.js';
import { loadDeployPlan } from '../../src/deploy/load-plan.js';
import { projectRoot } from '../../src/config/paths.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { loadSvgKit } from '../../src/report/svg-kit.js';
import { writeFolderAtomic } from '../../src/report/write-folder.js';

/** Kept after the run (reports/ is git-ignored) so the pages and their screenshots can be looked at. */
const OUT = join(process.cwd(), 'reports', 'e2e-compare');
const DEVICES = [
  'intel-i7-1185g7',
  'snapdragon-8-gen2-cpu',
  'nvidia-h100-sxm',
  'jetson-agx-orin-64gb',
  'apple-a17-pro-ane',
  'edge-tpu',
  'ethos-u55-128',
];

describe('the compare and deploy pages in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let requests: string[] = [];
  let url: string;

  beforeAll(async () => {
    const kit = await loadSvgKit();
    // A user's device file that calls an H100 an NPU: outside the NPU row, so its row is flagged.
    mkdirSync(OUT, { recursive: true });
    const h100 = JSON.parse(readFileSync(join(projectRoot(), 'arch-configs', 'devices', 'nvidia-h100-sxm.json'), 'utf8'));
    const misfiled = join(OUT, 'h100-as-npu.json');
    writeFileSync(misfiled, JSON.stringify({ ...h100, $schema: undefined, name: 'h100-as-npu', class: 'npu' }));
    const c = compareDevices(
      [...DEVICES, misfiled].map((d) => loadCandidate(d, '--devices')),
      loadWorkload('mobilenet-v2'),
    );
    writeFolderAtomic(renderComparePage(c, kit), join(OUT, 'compare'));
    const plan = loadDeployPlan(join(projectRoot(), 'docs', 'deploy', 'camera-lte.json'));
    writeFolderAtomic(renderDeployPage(runDeployPlan(plan), kit), join(OUT, 'deploy'));
    ({ browser, page, url, problems, requests } = await openInChromium(join(OUT, 'compare', 'index.html')));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the compare page loads without console errors and fetches nothing but itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(readFileSync(join(OUT, 'compare', 'index.html'), 'utf8')).not.toMatch(/<script|<link|src="|url\(http/i);
  });

  it('has a row per device, flagged ones marked, and both charts with labelled axes at full width', async () => {
    expect(await page.locator('table tbody tr').count()).toBe(DEVICES.length + 1);
    expect(await page.locator('tr.flagged[data-device="h100-as-npu"]').count()).toBe(1);
    expect(await page.locator('tr.flagged[data-device="nvidia-h100-sxm"]').count()).toBe(0);
    expect(await page.locator('tr.flagged[data-device="intel-i7-1185g7"]').count()).toBe(0);
    const charts = [
      {
        title: 'Latency and energy per inference',
        axes: ['latency per inference (s)', 'energy per inference (J)', 'average power (W)'],
      },
      { title: 'Devices against their class ranges', axes: ['power (W)', 'dense int8 peak (op/s)'] },
    ];
    expect(await page.locator('figure svg').count()).toBe(charts.length);
    for (const { title, axes } of charts) {
      const svg = page.locator('figure svg').filter({ has: page.locator(`title:text-matches("^${title}")`) });
      expect(await svg.count()).toBe(1);
      const texts = await svg.locator('text').allTextContents();
      for (const a of axes) expect(texts).toContain(a);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(800);
      expect(box!.height).toBeGreaterThan(200);
    }
    // Every device is a bar and, where it has a class power, a point over the class boxes.
    expect(await page.locator('rect[data-device]').count()).toBe(3 * (DEVICES.length + 1));
    expect(await page.locator('circle[data-device]').count()).toBe(DEVICES.length + 1);
    await page.screenshot({ path: join(OUT, 'compare', 'screenshot.png'), fullPage: true });
    expect(statSync(join(OUT, 'compare', 'screenshot.png')).size).toBeGreaterThan(20_000);
  }, 60_000);

  it('the deploy page renders its CDF and break-even charts without errors', async () => {
    const opened = await openInChromium(join(OUT, 'deploy', 'index.html'));
    try {
      expect(opened.problems).toEqual([]);
      expect(opened.requests).toEqual([opened.url]);
      const p = opened.page;
      expect(await p.locator('figure svg').count()).toBe(5);
      const cdf = p.locator('figure svg').filter({ has: p.locator('title:text-matches("^Latency distribution")') });
      expect(await cdf.locator('text').allTextContents()).toContain('latency from arrival to result (s)');
      expect(await cdf.locator('path[data-series]').count()).toBe(1);
      const be = p
        .locator('figure svg')
        .filter({ has: p.locator('title:text-matches("^Break-even: offload against local energy by input size")') });
      expect(await be.locator('text').allTextContents()).toEqual(
        expect.arrayContaining(['input size per request (B)', 'energy per request (J)']),
      );
      expect(await be.locator('path[data-series]').count()).toBe(3);
      await p.screenshot({ path: join(OUT, 'deploy', 'screenshot.png'), fullPage: true });
    } finally {
      await opened.browser.close();
    }
  }, 60_000);
});
