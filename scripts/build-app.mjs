// Bundles the app's page code and its Web Worker into two minified ES modules,
// the files index.html and the service worker load:
//   web/gen/app.js     web/app/main.js and everything it imports (the views,
//                      texts, formatting, the worker client)
//   web/gen/worker.js  web/worker.js with the JS API (web/kpikit.js) and the
//                      Emscripten loader (web/gen/kpikit_core.js)
// The sources in web/ stay plain ES modules (the Node API, the tests and the
// npm package use them as they are); the page gets one request per bundle and
// about a quarter fewer gzipped bytes (bench/size.mjs, docs/ingestion.md), which
// keeps the app within its 300 KB budget.
//
// Both bundles sit in web/gen/, one folder below web/ like web/app/, so the
// relative addresses in the code stay right: '../sw.js' and
// '../vendor/uPlot.esm.js' from main.js and the charts, './worker.js' from
// the worker client, 'kpikit_core.wasm' from the loader. uPlot stays a file
// of its own (web/vendor/, loaded by the charts), and kpikit.js's Node-only
// import of node:fs is never reached in a browser.
//
// Then it writes web/gen/app-version.js, the hash of every precached file
// (web/app-files.js), which names the service worker's cache.
//
//   node scripts/build-app.mjs   (after the WebAssembly build and web/vendor/ are written)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeAppVersion } from './app-version.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');

const bundle = (entry, outfile) => build({
  entryPoints: [path.join(web, entry)],
  outfile: path.join(web, 'gen', outfile),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: 'linked',  // app.js.map: fetched by the browser's developer tools only
  external: ['../vendor/uPlot.esm.js', 'node:fs/promises'],
  logLevel: 'warning',
});

await Promise.all([bundle('app/main.js', 'app.js'), bundle('worker.js', 'worker.js')]);
// After the bundles, the .wasm and web/vendor/ are written: the version hashes them all.
const version = await writeAppVersion(web);
console.log(`build: app at web/gen/app.js and web/gen/worker.js, version ${version} (web/gen/app-version.js)`);
