// The <kpi-kit> widget on a third-party page: the widget script is served by
// KPIkit's server (origin A), the blog page by a second server on another
// port (origin B) with a hostile stylesheet. Typing computes results, two
// widgets stay independent, nothing is requested beyond the page's origin and
// the widget script, and the embed page's snippets work when pasted into B.
// Expected numbers are the articles' worked examples (docs/metrics.md):
// CRR (162 − 30) / 150 = 88 %, churn (600 − 550) / 600 = 8.33 %.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs, plain } from './browser.mjs';

const hostile = `<style>
  * { all: unset !important; }
  input, textarea { display: none !important; }
  kpi-kit { font-size: 3px; color: transparent; }
  body { font-family: "Comic Sans MS"; }
</style>`;

let widgetServer;
let blogServer;
let browser;
let widgetOrigin;
let blogOrigin;
const blogPages = new Map();  // path -> html served by origin B

function startBlogServer() {
  const server = http.createServer((req, res) => {
    const html = blogPages.get(req.url.split('?')[0]);
    if (!html) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const blogPage = (body, lang = 'en') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,">${hostile}</head>` +
  `<body><h1>My marketing blog</h1><p>Some text before the calculator.</p>${body}</body></html>`;

before(async () => {
  widgetServer = await startServer({ port: 0 });
  widgetOrigin = `http://127.0.0.1:${widgetServer.address().port}`;
  blogServer = await startBlogServer();
  blogOrigin = `http://localhost:${blogServer.address().port}`;  // another port: another origin
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => widgetServer?.close(r));
  await new Promise((r) => blogServer?.close(r));
});

/** Opens a blog page; records every request and every page error. */
async function openBlog(pagePath, html, { width = 1024 } = {}) {
  blogPages.set(pagePath, html);
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(blogOrigin + pagePath);
  return { page, context, requests, problems };
}

const widgetScript = () => `<script src="${widgetOrigin}/gen/kpikit-widget.js" defer></script>`;

/** Waits until the widget `host` shows a result or an error, returns the headline value text. */
async function headline(page, host) {
  await page.locator(`${host} [part~=headline-value]`).waitFor();
  return plain(await page.locator(`${host} [part~=headline-value]`).textContent());
}

async function waitForHeadline(page, host, expected) {
  await page.waitForFunction(([h, e]) => {
    const v = document.querySelector(h)?.shadowRoot?.querySelector('.headline-value');
    return v && v.textContent.replace(/[\u00a0\u202f]/g, ' ').trim() === e;
  }, [host, expected], { timeout: 15000 });
}

test('a hostile blog page: the widget still shows its fields, and typing computes the German CRR example', async () => {
  const { page, context, requests, problems } = await openBlog('/hostile.html',
    blogPage(`${widgetScript()}<kpi-kit id="w" calculator="crr" lang="de"></kpi-kit>`, 'de'));
  try {
    const start = page.locator('#w').getByLabel('Kunden zu Periodenbeginn (S)');
    await start.waitFor();
    assert.ok(await start.isVisible(), 'input { display: none } must not reach into the widget');
    const styles = await page.locator('#w input[name=start]').evaluate((input) => {
      const s = getComputedStyle(input);
      return { display: s.display, fontSize: parseFloat(s.fontSize), color: getComputedStyle(input.closest('.kk')).color };
    });
    assert.equal(styles.display, 'block');
    assert.ok(styles.fontSize >= 12, `readable font size, got ${styles.fontSize}px`);
    assert.notEqual(styles.color, 'rgba(0, 0, 0, 0)');
    await start.fill('150');
    await page.locator('#w').getByLabel('Kunden am Periodenende (E)').fill('162');
    await page.locator('#w').getByLabel('Neukunden in der Periode (N)').fill('30');
    await waitForHeadline(page, '#w', '88 %');
    assert.equal(plain(await page.locator('#w [part~=arithmetic]').textContent()), 'CRR = (162 − 30) / 150 = 132 / 150 = 88 %');
    assert.equal(await page.locator('#w [part~=formula]').textContent(), 'Formel: CRR = (E − N) / S');
    // An error sits next to its field, and the headline says there is no result.
    await start.fill('0');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('#kk-crr-start-error').textContent !== '');
    assert.match(await page.locator('#w #kk-crr-start-error').textContent(), /größer als 0/);
    assert.equal(await start.getAttribute('aria-invalid'), 'true');
    assert.equal(await headline(page, '#w'), '–');
    assert.deepEqual(problems, []);
    // Nothing but the page itself and the widget script; no cookies, no storage.
    assert.deepEqual(requests, [`${blogOrigin}/hostile.html`, `${widgetOrigin}/gen/kpikit-widget.js`]);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]), ['', 0, 0]);
  } finally { await context.close(); }
});

test('keyboard only: Tab reaches the fields in order and the result follows the typing', async () => {
  const { page, context } = await openBlog('/keyboard.html',
    blogPage(`${widgetScript()}<kpi-kit id="k" calculator="churn" lang="en"></kpi-kit>`));
  try {
    await page.locator('#k input[name=start]').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('600');
    await page.keyboard.press('Tab');
    await page.keyboard.type('550');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    const focused = await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.name);
    assert.equal(focused, 'new');
    await waitForHeadline(page, '#k', '8.33%');
    assert.equal(plain(await page.locator('#k [part~=arithmetic]').textContent()), 'Churn = (600 + 0 − 550) / 600 = 50 / 600 = 8.33%');
  } finally { await context.close(); }
});

test('two widgets on one page keep their own inputs, languages and results', async () => {
  const { page, context, problems } = await openBlog('/two.html', blogPage(`${widgetScript()}
    <kpi-kit id="a" calculator="crr" lang="de"></kpi-kit>
    <kpi-kit id="b" calculator="crr" lang="en" values="start=600&amp;end=550&amp;new=0"></kpi-kit>
    <kpi-kit id="c" calculator="churn" lang="en"></kpi-kit>`));
  try {
    // b was pre-filled: (550 − 0) / 600 = 91.67 %
    await waitForHeadline(page, '#b', '91.67%');
    await page.locator('#a input[name=start]').fill('150');
    await page.locator('#a input[name=end]').fill('162');
    await page.locator('#a input[name=new]').fill('30');
    await waitForHeadline(page, '#a', '88 %');
    assert.equal(await headline(page, '#b'), '91.67%');
    assert.equal(await page.locator('#b input[name=start]').inputValue(), '600');
    assert.equal(await page.locator('#c input[name=start]').inputValue(), '');
    await page.locator('#b input[name=end]').fill('abc');
    await page.waitForFunction(() => document.querySelector('#b').shadowRoot.querySelector('#kk-crr-end-error').textContent !== '');
    assert.equal(await page.locator('#b #kk-crr-end-error').textContent(), 'This is not a number.');
    assert.equal(await page.locator('#a #kk-crr-end-error').textContent(), '');
    assert.equal(await headline(page, '#a'), '88 %');
    // An untouched empty widget shows no errors yet.
    assert.equal(await page.locator('#c [part~=error]').allTextContents().then((t) => t.join('')), '');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the widget fits a 280 px wide phone column without horizontal scrolling', async () => {
  const { page, context } = await openBlog('/narrow.html',
    blogPage(`${widgetScript()}<kpi-kit id="n" calculator="crr" lang="de" values="start=1500&amp;end=1400&amp;new=100"></kpi-kit>`, 'de'),
    { width: 280 });
  try {
    await waitForHeadline(page, '#n', '86,67 %');
    const box = await page.evaluate(() => {
      const kk = document.querySelector('#n').shadowRoot.querySelector('.kk');
      const inputs = [...kk.querySelectorAll('input')].map((i) => i.getBoundingClientRect());
      return { scroll: document.documentElement.scrollWidth, kkRight: kk.getBoundingClientRect().right,
        inputsRight: Math.max(...inputs.map((r) => r.right)), inputWidth: Math.min(...inputs.map((r) => r.width)) };
    });
    assert.ok(box.scroll <= 280, `page scroll width ${box.scroll}`);
    assert.ok(box.kkRight <= 280 && box.inputsRight <= box.kkRight, JSON.stringify(box));
    assert.ok(box.inputWidth > 150, `inputs stack one per row at 280 px: ${box.inputWidth}`);
  } finally { await context.close(); }
});

test('the embed page\'s snippets work when pasted into the foreign page', async () => {
  const context = await browser.newContext();
  const embed = await context.newPage();
  const embedProblems = [];
  embed.on('pageerror', (e) => embedProblems.push(e.message));
  try {
    await embed.goto(`${widgetOrigin}/embed.html?lang=en`);
    await embed.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await embed.selectOption('#opt-calculator', 'churn');
    await embed.selectOption('#opt-lang', 'de');
    await embed.locator('#opt-accent').fill('#aa0055');
    // The live preview follows the options.
    await embed.waitForFunction(() => document.querySelector('#preview kpi-kit')?.shadowRoot?.querySelector('.title')?.textContent === 'Abwanderungsrate (Churn)');
    await embed.waitForFunction(() => document.querySelector('#snippet-iframe').value.includes('calculator=churn'));
    const scriptSnippet = await embed.inputValue('#snippet-script');
    const iframeSnippet = await embed.inputValue('#snippet-iframe');
    assert.equal(scriptSnippet, `<script src="${widgetOrigin}/gen/kpikit-widget.js" defer></script>\n` +
      '<kpi-kit calculator="churn" lang="de" style="--kpi-kit-accent: #aa0055"></kpi-kit>');
    assert.match(iframeSnippet, new RegExp(`^<iframe src="${widgetOrigin}/widget-frame.html\\?calculator=churn&amp;lang=de&amp;accent=%23aa0055" `));
    assert.deepEqual(embedProblems, []);

    // Pasted script snippet.
    const pasted = await openBlog('/pasted.html', blogPage(`<article>${scriptSnippet}</article>`, 'de'));
    try {
      const p = pasted.page;
      await p.locator('kpi-kit input[name=start]').fill('600');
      await p.locator('kpi-kit input[name=end]').fill('550');
      await p.locator('kpi-kit input[name=new]').fill('0');
      await waitForHeadline(p, 'kpi-kit', '8,33 %');
      const colour = await p.locator('kpi-kit .headline-value').evaluate((n) => getComputedStyle(n).color);
      assert.equal(colour, 'rgb(170, 0, 85)');
      assert.deepEqual(pasted.requests, [`${blogOrigin}/pasted.html`, `${widgetOrigin}/gen/kpikit-widget.js`]);
      assert.deepEqual(pasted.problems, []);
    } finally { await pasted.context.close(); }

    // Pasted iframe snippet.
    const framed = await openBlog('/framed.html', blogPage(`<article>${iframeSnippet}</article>`, 'de'));
    try {
      const frame = framed.page.frameLocator('iframe');
      await frame.locator('kpi-kit input[name=start]').fill('600');
      await frame.locator('kpi-kit input[name=end]').fill('550');
      await frame.locator('kpi-kit input[name=new]').fill('0');
      await frame.locator('kpi-kit .headline-value', { hasText: '8,33' }).waitFor({ timeout: 15000 });
      assert.equal(plain(await frame.locator('kpi-kit .title').textContent()), 'Abwanderungsrate (Churn)');
      assert.ok(framed.requests.every((u) => u.startsWith(blogOrigin) || u.startsWith(widgetOrigin)), framed.requests.join('\n'));
      assert.deepEqual(framed.problems, []);
    } finally { await framed.context.close(); }
  } finally { await context.close(); }
});

test('a list input (NPS scores pasted one per line) gets a textarea, warnings and row-numbered errors', async () => {
  const { page, context, problems } = await openBlog('/nps.html',
    blogPage(`${widgetScript()}<kpi-kit id="p" calculator="nps" lang="en"></kpi-kit>`));
  try {
    const scores = page.locator('#p textarea[name=scores]');
    await scores.waitFor();
    // 3 promoters (10, 9, 10), 1 passive (8), 1 detractor (3) of 5: 100 × (3 − 1) / 5 = 40
    await scores.fill('10\n9\n8\n3\n10');
    await waitForHeadline(page, '#p', '40');
    assert.match(await page.locator('#p [part~=warnings]').textContent(), /30/);  // fewer than 30 answers
    await scores.fill('10\n11');
    await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('#kk-nps-scores-error').textContent !== '');
    assert.match(await page.locator('#p #kk-nps-scores-error').textContent(), /^Row 2: /);
    assert.equal(await page.locator('#p [part~=warnings]').textContent(), '');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('under a strict Content-Security-Policy (no inline styles) the widget still styles itself and computes', async () => {
  const csp = `default-src 'none'; script-src ${widgetOrigin} 'wasm-unsafe-eval'; style-src 'none'; img-src data:`;
  const { page, context, problems } = await openBlog('/csp.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<link rel="icon" href="data:,"><title>Strict</title></head><body>${widgetScript()}<kpi-kit id="s" calculator="crr" values="start=150&amp;end=162&amp;new=30"></kpi-kit></body></html>`);
  try {
    await waitForHeadline(page, '#s', '88%');
    const look = await page.locator('#s .headline-value').evaluate((n) => ({ color: getComputedStyle(n).color, weight: getComputedStyle(n).fontWeight }));
    assert.deepEqual(look, { color: 'rgb(11, 110, 79)', weight: '700' });  // the widget's own stylesheet applies
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
