// The npm package as a user gets it: `npm pack`, install the tarball into an
// empty folder without network (the package has no runtime dependencies), then
// use the API through the package name from there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'],
  { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let work;
let packed;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kpikit-pack-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root));
  const app = path.join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--offline', path.join(work, packed.filename)], app);
});

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('the tarball holds the API, its types, the core and the widget, and no sources', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const needed of ['package.json', 'README.md', 'web/kpikit.js', 'web/kpikit.d.ts', 'web/gen/kpikit_core.js',
    'web/gen/kpikit_core.wasm', 'web/gen/kpikit-widget.js', 'web/kpikit-worker-client.js', 'web/worker.js']) {
    assert.ok(files.includes(needed), `${needed} is packed`);
  }
  assert.deepEqual(files.filter((f) => /^(src|tests|scripts|wasm|build|node_modules)\//.test(f)), []);
});

test('every module a packed module imports is packed (the worker imports clv-overview.js)', () => {
  const files = new Set(packed.files.map((f) => f.path));
  const web = new URL('../../', import.meta.url);
  const imports = [];
  for (const file of [...files].filter((f) => /^web\/[^/]+\.js$/.test(f))) {
    const code = readFileSync(new URL(file, web), 'utf8');
    for (const m of code.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
      imports.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  assert.ok(imports.includes('web/clv-overview.js') && imports.includes('web/kpikit-error.js'));
  for (const target of imports) assert.ok(files.has(target), `${target} is imported but not packed`);
});

test('installed from the tarball, calc("crr") gives 88 % for S=150, E=162, N=30', () => {
  // (162 − 30) / 150 = 0.88, the worked example of docs/metrics.md.
  const app = path.join(work, 'app');
  writeFileSync(path.join(app, 'use.mjs'), `
    import * as kpikit from 'kpikit';
    const r = await kpikit.calc('crr', { start: '1.500', end: '1.400', new: '100' }, { locale: 'de' });
    const list = await kpikit.calculators();
    let error = null;
    try { await kpikit.calc('crr', { start: 0, end: 0, new: 0 }); } catch (e) { error = { name: e.name, code: e.code, field: e.field, isKpiError: e instanceof kpikit.KpiError }; }
    const a = await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
    console.log(JSON.stringify({ crr: r.values.crr, crr2: a.values.crr, lost: a.values.lost, ids: list.map((c) => c.id), error,
      widget: import.meta.resolve('kpikit/widget'), types: import.meta.resolve('kpikit/package.json') }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' }));
  assert.ok(Math.abs(out.crr - 1300 / 1500) < 1e-12);  // German grouping: (1400 − 100) / 1500
  assert.ok(Math.abs(out.crr2 - 0.88) < 1e-12);
  assert.equal(out.lost, 18);
  assert.ok(out.ids.includes('crr') && out.ids.includes('churn'));
  assert.deepEqual(out.error, { name: 'KpiError', code: 'zero_start', field: 'start', isKpiError: true });
  // The widget and the types resolve inside the installed package.
  const installed = path.join(app, 'node_modules', 'kpikit');
  assert.equal(fileURLToPath(out.widget), path.join(installed, 'web', 'gen', 'kpikit-widget.js'));
  assert.ok(existsSync(path.join(installed, 'web', 'kpikit.d.ts')));
  const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['.'].types, './web/kpikit.d.ts');
  assert.deepEqual(pkg.dependencies ?? {}, {});
});

test('the hand-written declarations cover every export of the JS API and the worker client', async () => {
  const declared = (file) => new Set([...readFileSync(path.join(root, 'web', file), 'utf8')
    .matchAll(/^export (?:declare )?(?:function|class|const) (\w+)|^export \{ (\w+) \}/gm)].map((m) => m[1] ?? m[2]));
  const api = await import('../../web/kpikit.js');
  assert.deepEqual(Object.keys(api).filter((name) => !declared('kpikit.d.ts').has(name)), []);
  const client = await import('../../web/kpikit-worker-client.js');
  assert.deepEqual(Object.keys(client).filter((name) => !declared('kpikit-worker-client.d.ts').has(name)), []);
});
