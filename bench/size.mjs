// Prints the raw and gzipped sizes of what a browser downloads, next to the
// budgets: the embeddable widget (one file, WebAssembly inlined) and KPIkit's
// own code in the app (the page's and the worker's bundles, the .wasm, the
// service worker: every script the page loads but the chart library, see
// web/sw.js). gzip level 9, as a typical web server sends.
//
//   node bench/size.mjs          (after npm run build)
//   node bench/size.mjs --json   one JSON object, for npm run bench
// Exits 1 when a budget is exceeded or a file is missing.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_OWN_CODE } from './tools.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const KB = 1024;

const groups = [
  { name: 'widget (web/gen/kpikit-widget.js)', budget: 60 * KB, files: ['gen/kpikit-widget.js'] },
  { name: 'app (bundles, .wasm, service worker)', budget: 300 * KB, files: APP_OWN_CODE },
];

async function measure(file) {
  const bytes = await readFile(path.join(web, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const results = [];
let failed = false;
for (const group of groups) {
  try {
    const files = await Promise.all(group.files.map(measure));
    const raw = files.reduce((s, f) => s + f.raw, 0);
    const gzip = files.reduce((s, f) => s + f.gzip, 0);
    const ok = gzip <= group.budget;
    failed ||= !ok;
    results.push({ name: group.name, files, raw, gzip, budget: group.budget, ok });
  } catch (e) {
    failed = true;
    results.push({ name: group.name, error: `missing: ${e.path || e.message} (run npm run build)`, budget: group.budget, ok: false });
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ size: results }));
} else {
  console.log('size (gzip -9)                               raw        gzip      budget (gzip)');
  for (const r of results) {
    if (r.error) { console.log(`${r.name.padEnd(44)} ${r.error}`); continue; }
    for (const f of r.files.length > 1 ? r.files : []) console.log(`  ${f.file.padEnd(42)} ${kb(f.raw).padStart(9)}  ${kb(f.gzip).padStart(9)}`);
    console.log(`${r.name.padEnd(44)} ${kb(r.raw).padStart(9)}  ${kb(r.gzip).padStart(9)}  ${kb(r.budget).padStart(9)}  ${r.ok ? 'ok' : 'OVER BUDGET'}`);
  }
}
process.exitCode = failed ? 1 : 0;
