// The download budgets (issue 2: widget ≤ 60 KB, the app's own code ≤ 300 KB,
// gzip -9) are checked on every test run: they are sizes of the build, not
// timings, so they do not depend on the machine. bench/size.mjs measures them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../bench/size.mjs', import.meta.url));

test('the widget and the app are within their gzipped download budgets', () => {
  let out;
  try {
    out = execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`over budget or not built: ${e.stdout}`);
  }
  const { size } = JSON.parse(out);
  assert.deepEqual(size.map((group) => group.name), ['widget (web/gen/kpikit-widget.js)', 'app (bundles, .wasm, service worker)']);
  for (const group of size) {
    assert.ok(group.gzip > 0 && group.gzip <= group.budget, `${group.name}: ${group.gzip} > ${group.budget}`);
  }
  // The app's group is every script the page loads of ours (web/sw.js precaches the same files).
  assert.deepEqual(size[1].files.map((f) => f.file), ['gen/app.js', 'gen/worker.js', 'gen/kpikit_core.wasm', 'sw.js', 'app-files.js', 'gen/app-version.js']);
});
