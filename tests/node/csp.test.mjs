// The Content-Security-Policy of the app as served by scripts/serve.mjs and as
// declared in web/index.html's meta tag (issue 10, security checks): no other
// origin may be contacted or loaded from, and inline script cannot run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { startServer } from '../../scripts/serve.mjs';

// "a b c; d e" -> Map { a => [b, c], d => [e] }
function parsePolicy(text) {
  const map = new Map();
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function rawGet(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
  });
}

// Sources that would admit another origin or inline code.
const permissive = (v) => v === '*' || v === "'unsafe-inline'" || v === "'unsafe-eval'" || v === 'data:' ||
  v === 'blob:' || /^(https?|wss?):/.test(v) || v.startsWith("'nonce-") || v.startsWith("'sha");

function checkPolicy(policy, where) {
  assert.deepEqual(policy.get('default-src'), ["'self'"], `${where}: default-src`);
  assert.deepEqual(policy.get('connect-src'), ["'self'"], `${where}: connect-src`);
  const script = policy.get('script-src');
  assert.ok(script.includes("'self'"), `${where}: script-src 'self'`);
  // only 'self' and 'wasm-unsafe-eval' (WebAssembly compilation): inline script is blocked
  assert.deepEqual(script.filter((v) => v !== "'self'" && v !== "'wasm-unsafe-eval'"), [], `${where}: script-src extra sources`);
  for (const [name, values] of policy) {
    if (name === 'img-src') continue;  // data:/blob: images for chart export only
    assert.deepEqual(values.filter(permissive), [], `${where}: ${name} admits ${values}`);
  }
  assert.deepEqual(policy.get('object-src'), ["'none'"], `${where}: object-src`);
  assert.deepEqual(policy.get('base-uri'), ["'none'"], `${where}: base-uri`);
  assert.deepEqual(policy.get('form-action'), ["'none'"], `${where}: form-action`);
}

test('served index.html carries a CSP that forbids other origins and inline script', async () => {
  const server = await startServer({ port: 0 });
  try {
    const { port } = server.address();
    const res = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(res.status, 200);
    const header = res.headers.get('content-security-policy');
    assert.ok(header, 'no Content-Security-Policy header');
    checkPolicy(parsePolicy(header), 'header');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');

    // the meta tag (for hosts that serve web/ without this header) says the same
    const html = await res.text();
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(meta, 'no CSP meta tag in index.html');
    checkPolicy(parsePolicy(meta[1]), 'meta');
    assert.deepEqual(parsePolicy(meta[1]), parsePolicy(header));
    // and index.html has no inline script the policy would have to allow
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'inline event handler attribute');

    // the server never leaves its root
    for (const p of ['/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      assert.notEqual(await rawGet(port, p), 200, p);
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('the CSP of serve.mjs is also what index.html declares on disk', async () => {
  const html = await readFile(new URL('../../web/index.html', import.meta.url), 'utf8');
  const { contentSecurityPolicy } = await import('../../scripts/serve.mjs');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.deepEqual(parsePolicy(meta[1]), parsePolicy(contentSecurityPolicy));
});
