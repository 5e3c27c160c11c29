// The service worker precaches every file the app needs offline (the page's
// bundles from scripts/build-app.mjs and every address they load), and names
// its cache after the build, so a new build reaches returning visitors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_FILES } from '../../web/app-files.js';
import { appVersion } from '../../scripts/app-version.mjs';

const web = new URL('../../web/', import.meta.url);
const webDir = fileURLToPath(web);
const sw = readFileSync(new URL('sw.js', web), 'utf8');
const listed = new Set(APP_FILES);

// Addresses a bundle in web/gen/ loads, as paths below web/.
function loadedBy(bundle) {
  const code = readFileSync(new URL(`gen/${bundle}`, web), 'utf8');
  const refs = [...code.matchAll(/new URL\("([^"]+)",import\.meta\.url\)|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]);
  return refs.filter((ref) => !ref.startsWith('node:'))  // kpikit.js's Node-only branch
    .map((ref) => new URL(ref, new URL(`gen/${bundle}`, web)).href.slice(web.href.length));
}

test('the page loads its bundle, and the precache list holds it, the styles and every file the bundles load', () => {
  const page = readFileSync(new URL('index.html', web), 'utf8');
  const scripts = [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(scripts, ['gen/app.js']);
  const app = loadedBy('app.js');
  const worker = loadedBy('worker.js');
  // What the bundles are known to load: a test that the scan finds them.
  for (const file of ['gen/worker.js', 'sw.js', 'vendor/uPlot.esm.js', 'demo/demo-bestellungen.csv']) assert.ok(app.includes(file), file);
  assert.ok(worker.includes('gen/kpikit_core.wasm'));
  // The worker bundle's other address is the Node-only branch of kpikit.js.
  const needed = [...scripts, ...styles, ...app, ...worker.filter((f) => f !== 'gen/gen/kpikit_core.wasm'), 'index.html']
    .filter((f) => f !== 'sw.js');
  for (const file of needed) assert.ok(listed.has(file), `${file} missing from web/app-files.js APP_FILES`);
  for (const file of listed) if (file !== './') assert.ok(existsSync(new URL(file, web)), `${file} is listed but not built`);
});

test('the page does not load the unbundled modules', () => {
  const page = readFileSync(new URL('index.html', web), 'utf8');
  assert.doesNotMatch(page, /app\/main\.js/);
  assert.doesNotMatch(readFileSync(new URL('gen/app.js', web), 'utf8'), /kpikit_core\.wasm/, 'the page bundle must not carry the core loader (the worker does)');
});

test('the cache is named after the build: a hash of every precached file, changed by a one-byte change', async () => {
  assert.match(sw, /import \{ APP_VERSION \} from '\.\/gen\/app-version\.js';/);
  assert.match(sw, /const CACHE = `kpikit-app-\$\{APP_VERSION\}`;/);
  const built = readFileSync(new URL('gen/app-version.js', web), 'utf8').match(/APP_VERSION = '([0-9a-f]{16})'/)[1];
  assert.equal(await appVersion(webDir), built, 'web/gen/app-version.js is the hash of the files as built');
  const copy = mkdtempSync(path.join(tmpdir(), 'kpikit-web-'));
  try {
    for (const file of ['app-files.js', ...APP_FILES.filter((f) => f !== './')]) {
      cpSync(path.join(webDir, file), path.join(copy, file));
    }
    assert.equal(await appVersion(copy), built);
    const css = path.join(copy, 'styles.css');
    writeFileSync(css, readFileSync(css, 'utf8').replace(/;/, ' ;'));
    assert.notEqual(await appVersion(copy), built);
  } finally { rmSync(copy, { recursive: true, force: true }); }
});

test('the service worker answers only requests to its own origin', () => {
  assert.match(sw, /url\.origin !== self\.location\.origin\) return;/);
});
