// The service worker precaches every file the app needs offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const web = new URL('../../web/', import.meta.url);
const sw = readFileSync(new URL('sw.js', web), 'utf8');
const listed = new Set([...sw.matchAll(/'([^']+)'/g)].map((m) => m[1]));

test('every module of web/app and the core files are in the precache list', () => {
  const appModules = readdirSync(new URL('app/', web)).filter((f) => f.endsWith('.js')).map((f) => `app/${f}`);
  for (const file of [...appModules, 'kpikit.js', 'worker.js', 'kpikit-worker-client.js', 'gen/kpikit_core.js',
    'gen/kpikit_core.wasm', 'vendor/uPlot.esm.js', 'index.html', 'styles.css', 'demo/demo-bestellungen.csv']) {
    assert.ok(listed.has(file), `${file} missing from web/sw.js APP_FILES`);
  }
});

test('the service worker answers only requests to its own origin', () => {
  assert.match(sw, /url\.origin !== self\.location\.origin\) return;/);
});
