// Shared set-up of the browser tests: the app served on a free localhost port
// and headless Debian Chromium driven by playwright-core. Every request the
// page makes is recorded so tests can assert none left the origin.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

// root: the folder served (default web/).
export async function openApp({ locale = 'en-US', path = '/', tab = 'calculators', bypassCSP = false, root } = {}) {
  const server = await startServer({ port: 0, ...(root ? { root } : {}) });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const context = await browser.newContext({ locale, bypassCSP, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(origin + path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  if (tab) await page.click(`#tab-${tab}`);
  return {
    page, origin, requests, problems,
    async close() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

/** Text with no-break spaces folded to plain spaces (Intl uses U+00A0 / U+202F). */
export const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ').trim();
