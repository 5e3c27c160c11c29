// A returning visitor gets a new build: the service worker's cache is named
// after the build (web/gen/app-version.js), so changed files are not served
// from the old cache forever. Served from a copy of web/ that the test changes
// as a new deployment would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from './browser.mjs';

const web = fileURLToPath(new URL('../../web/', import.meta.url));

test('after a new build is deployed, the next visit installs it and the old cache is deleted', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kpikit-deploy-'));
  cpSync(web, root, { recursive: true });
  const version = readFileSync(path.join(root, 'gen/app-version.js'), 'utf8').match(/'([0-9a-f]+)'/)[1];
  const app = await openApp({ locale: 'en-US', tab: null, root });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`kpikit-app-${version}`]);
    // First visit: the page comes from the cache (a change on the server alone is not seen).
    const indexHtml = path.join(root, 'index.html');
    writeFileSync(indexHtml, readFileSync(indexHtml, 'utf8').replace('<head>', '<head>\n  <meta name="deployed" content="2">'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('meta[name=deployed]').count(), 0);
    // The deployment's build writes a new version: the browser's update check sees new bytes.
    writeFileSync(path.join(root, 'gen/app-version.js'), "export const APP_VERSION = 'deployed2';\n");
    // update() is what the browser does on a navigation, made deterministic; the new
    // worker installs, takes the page over (controllerchange) and activates.
    await page.evaluate(async () => {
      const taken = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      await (await navigator.serviceWorker.getRegistration()).update();
      await Promise.race([taken, new Promise((resolve, reject) => setTimeout(() => reject(new Error('no new service worker took over within 20 s')), 20000))]);
      const worker = navigator.serviceWorker.controller;
      if (worker.state !== 'activated') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
      }
    });
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['kpikit-app-deployed2']);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('meta[name=deployed]').count(), 1);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
