import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it with `apt-get install -y chromium` (see .ci/run). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A page opened in headless Chromium, with what went wrong while it loaded and what it fetched. */
export interface OpenedPage {
  readonly browser: Browser;
  readonly page: Page;
  readonly url: string;
  readonly problems: string[];
  readonly requests: string[];
}

/** Opens a local HTML file in headless Chromium; fails (never skips) when Chromium is missing. */
export async function openInChromium(htmlFile: string): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: this test needs Debian's Chromium (apt-get install -y chromium; .ci/run installs it). It is never skipped.`,
    );
  }
  const url = pathToFileURL(htmlFile).href;
  const problems: string[] = [];
  const requests: string[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 90_000 });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { browser, page, url, problems, requests };
}
