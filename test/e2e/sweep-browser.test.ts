import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openInChromium } from '../helpers/browser.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { runSweepToFolder } from '../../src/sweep/sweep-to-folder.js';

/** Kept after the run (reports/ is git-ignored) so the page can be looked at. */
const OUT = join(process.cwd(), 'reports', 'e2e-sweep');

describe('the sweep page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let pareto: { fronts: Record<string, { point: number }[]> };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'sweep.spec.json');
    // 3 × 3 × 2 = 18 points on one workload, under an area budget some of them break.
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        name: 'page',
        arch: 'edge-tpu',
        workloads: ['mobilenet-v2'],
        parameters: {
          '/compute/mxu/rows': [16, 32, 64],
          '/compute/mxu/cols': [16, 32, 64],
          '/memory/sram/unified/size': ['2 MiB', '8 MiB'],
        },
        constraints: { areaMm2: { max: 5.5 } },
        objectives: ['seconds', 'energyJoules', 'areaMm2'],
      }),
    );
    await runSweepToFolder(loadSweep(file), { out: join(OUT, 'out') });
    pareto = JSON.parse(readFileSync(join(OUT, 'out', 'pareto.json'), 'utf8')) as typeof pareto;
    ({ browser, page, problems } = await openInChromium(join(OUT, 'out', 'index.html')));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors', () => {
    expect(problems).toEqual([]);
  });

  it('draws every design point in the Pareto scatter, hollow when over budget', async () => {
    const scatter = page.locator('figure svg').filter({ has: page.locator('title:text-matches("^Pareto front")') });
    await expect(scatter.count()).resolves.toBe(1);
    await expect(scatter.locator('circle.sweep-point').count()).resolves.toBe(18);
    const hollow = await scatter.locator('circle.sweep-point[fill="#FFFFFF"]').count();
    expect(hollow).toBeGreaterThan(0);
    expect(hollow).toBeLessThan(18);
  });

  it('labels both axes with their units', async () => {
    const scatter = page.locator('figure svg').filter({ has: page.locator('title:text-matches("^Pareto front")') });
    const texts = await scatter.locator('text').allTextContents();
    expect(texts).toContain('seconds (s)');
    expect(texts).toContain('energyJoules (J)');
  });

  it('draws the front through the points pareto.json lists', async () => {
    const front = page.locator('path.pareto-front');
    await expect(front.count()).resolves.toBe(1);
    const d = (await front.getAttribute('d'))!;
    expect(d.split(/[ML]/).filter(Boolean)).toHaveLength(pareto.fronts['mobilenet-v2'].length);
    const box = await page.locator('figure svg').first().boundingBox();
    expect(box!.width).toBeGreaterThan(600);
  });

  it('has heatmaps over parameter pairs and the top-N table', async () => {
    await expect(page.locator('figure svg title:text-matches("heatmap|Heatmap", "i")').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('table tbody tr').count()).resolves.toBeGreaterThan(0);
  });
});
