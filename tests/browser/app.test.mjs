// The browser app end to end in headless Chromium: a German and an English
// file, the numbers on screen equal the core's report (computed independently
// of the page by the CLI), safe rendering, mapping by hand, reading options
// (date order, decimal separator, delimiter), skip reasons and problems in the
// user's language, export escaping, offline use, accessibility, and a
// screenshot for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, plain } from './browser.mjs';
import { sharedData } from '../shared-data.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = process.env.KPIKIT_CLI || path.join(root, 'build/kpikit');
const artifacts = path.join(root, 'tests/artifacts');
let dir;

before(() => { dir = mkdtempSync(path.join(tmpdir(), 'kpikit-app-')); mkdirSync(artifacts, { recursive: true }); });
after(() => {});

/** The core's report of a file, from the CLI (not through the page). */
function cliReport(file, ...args) {
  const r = spawnSync(cli, ['analyze', file, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function lastCompletePeriod(p) {
  for (let i = p.label.length - 1; i >= 0; i--) if (!p.incomplete[i] && p.crr[i] !== null) return i;
  return -1;
}

const de = (v, opts) => plain(new Intl.NumberFormat('de-DE', opts).format(v));
const en = (v, opts) => plain(new Intl.NumberFormat('en-US', opts).format(v));
const pct = { style: 'percent', maximumFractionDigits: 2 };
const money = { minimumFractionDigits: 2, maximumFractionDigits: 2 };

async function kpi(page, key) {
  return plain(await page.textContent(`[data-kpi=${key}] .kpi-value`));
}

async function uploadAndWait(page, file) {
  const before = await page.getAttribute('#analysis', 'data-run') ?? '';
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction((name) => document.querySelector('#preview summary')?.textContent.includes(name)
    && document.querySelector('#progress').hidden, path.basename(file), { timeout: 30000 });
  return before;
}

/** The German app once its demo analysis is shown, with file read instead (closed again if that fails). */
async function appWithFile(file) {
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    await app.page.waitForSelector('#analysis[data-analysed="true"]');
    await uploadAndWait(app.page, file);
    return app;
  } catch (e) {
    await app.close();
    throw e;
  }
}

test('German demo file: the first screen shows the core\'s KPIs in German formats', async () => {
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#analysis[data-analysed="true"]');
    const report = cliReport(path.join(root, 'web/demo/demo-bestellungen.csv'));
    const i = lastCompletePeriod(report.periods);
    assert.ok(i > 0);
    assert.equal(await kpi(page, 'crr'), de(report.periods.crr[i], pct));
    assert.equal(await kpi(page, 'churn'), de(report.periods.churn[i], pct));
    assert.equal(await kpi(page, 'repeat'), de(report.repeat.repeat_purchase_rate, pct));
    assert.equal(await kpi(page, 'aov'), de(report.repeat.average_order_value, money));
    assert.equal(await kpi(page, 'customers'), de(report.totals.customers, {}));
    // Predicted CLV: the CLI's BG/NBD + Gamma-Gamma prediction, averaged over customers.
    const clv = spawnSync(cli, ['clv', 'predict', path.join(root, 'web/demo/demo-bestellungen.csv'), '--model', 'bgnbd', '--unit', 'week', '--json'], { encoding: 'utf8' });
    assert.equal(clv.status, 0, clv.stderr);
    const predicted = JSON.parse(clv.stdout);
    assert.equal(await kpi(page, 'clv'), de(predicted.totals.clv / predicted.counts.customers, money));
    assert.equal(await page.$$eval('#clv-top tbody tr', (trs) => trs.length), 10);
    // How the CLV is computed, beside it (not a path to a file of the repository):
    // 52.18 weeks = 365.25 days = 12 months; the data end 2025-12-30.
    const caption = plain(await page.textContent('#clv-caption'));
    assert.match(caption, /^Prognose für die nächsten 12 Monate \(52,18 Wochen\) nach dem 30\.12\.2025: BG\/NBD-Modell/);
    assert.doesNotMatch(await page.textContent('#dashboard'), /docs\/clv\.md/);
    await page.click('#clv-method summary');
    const parameters = await page.$$eval('#clv-parameters tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const four = { maximumFractionDigits: 4 };
    assert.deepEqual(parameters.map((row) => row.map(plain)), [
      ...['r', 'alpha', 'a', 'b'].map((name) => ['BG/NBD', { alpha: 'α' }[name] ?? name, de(predicted.fit.parameters[name], four), de(predicted.fit.std_errors[name], four)]),
      ...['p', 'q', 'gamma'].map((name) => ['Gamma-Gamma', { gamma: 'γ' }[name] ?? name, de(predicted.spend_fit.parameters[name], four), de(predicted.spend_fit.std_errors[name], four)]),
    ]);
    // The totals, summed here from the CLI's customers.
    const sum = (values) => values.reduce((a, b) => a + b, 0);
    assert.equal(plain(await page.textContent('#clv-totals')), `Summe über alle 420 Kunden: ${de(sum(predicted.customers.expected_purchases), { maximumFractionDigits: 2 })} erwartete Käufe, vorhergesagter CLV ${de(sum(predicted.customers.clv), money)}.`);
    // Discounting: (1 + 10 %)^(7 / 365.25) − 1 = 0.1828 % a week.
    assert.match(plain(await page.textContent('#clv-method')), /Abzinsung: 0,1828 % je Woche \(= 10 % pro Jahr\)/);
    // The period table: one row per period, S and CRR of the first complete period.
    const rows = await page.$$eval('#period-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, report.periods.label.length);
    assert.equal(plain(rows[i][1]), de(report.periods.customers_start[i], {}));
    assert.equal(plain(rows[i][6]), de(report.periods.crr[i], pct));
    // The cohort heatmap: sizes, and cells not yet reached are empty, never 0.
    const cohort = await page.$$eval('#cohort-retention tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(cohort.length, report.cohorts.cohort.length);
    assert.equal(plain(cohort[0][1]), de(report.cohorts.size[0], {}));
    const last = cohort[cohort.length - 2];
    assert.equal(last[last.length - 1], '');
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(app.origin)), []);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-de.png'), fullPage: true });
  } finally { await app.close(); }
});

test('English file upload: ISO dates and decimal points, numbers equal the core report', async () => {
  const file = path.join(dir, 'orders-en.csv');
  const lines = ['Order ID,Customer ID,Order Date,Total,Channel'];
  // 6 customers over three months; c1 and c2 buy again, c3 is cancelled-free one-timer.
  const orders = [
    ['1001', 'c1', '2026-01-05', '120.50', 'Google'], ['1002', 'c2', '2026-01-09', '80.00', 'Referral'],
    ['1003', 'c3', '2026-01-20', '15.25', 'Google'], ['1004', 'c1', '2026-02-03', '60.00', 'Google'],
    ['1005', 'c4', '2026-02-14', '1,200.00', 'Newsletter'], ['1006', 'c2', '2026-03-01', '40.00', 'Referral'],
    ['1007', 'c5', '2026-03-15', '99.99', 'Referral'], ['1008', 'c6', '2026-03-31', '10.00', 'Google'],
  ];
  for (const o of orders) lines.push(o.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
  writeFileSync(file, lines.join('\n') + '\n');
  const report = cliReport(file);
  assert.equal(report.totals.customers, 6);
  assert.equal(report.totals.orders, 8);
  const app = await openApp({ locale: 'en-US', tab: null });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await uploadAndWait(page, file);
    await page.waitForFunction(() => document.querySelector('[data-kpi=customers] .kpi-value')?.textContent === '6');
    assert.equal(await kpi(page, 'aov'), en(report.repeat.average_order_value, money));
    assert.equal(await kpi(page, 'repeat'), en(report.repeat.repeat_purchase_rate, pct));
    assert.equal(await kpi(page, 'repeat'), '33.33%');  // 2 of 6 customers ordered twice
    assert.equal(await page.isHidden('#demo-banner'), true);
    assert.equal(plain(await page.textContent('[data-value=rows_read]')), '8');
    assert.equal(plain(await page.textContent('[data-value=rows_used]')), '8');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('values from the file are shown as text: markup in ids runs nothing', async () => {
  const file = path.join(dir, 'hostile.csv');
  writeFileSync(file, 'Kundennummer;Datum;Umsatz;Kanal\n'
    + '<img src=x onerror="window.__pwned=1">;01.02.2026;10,00;<script>window.__pwned=2</script>\n'
    + '<b>bold</b>;03.02.2026;20,00;Google\n');
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    const { page } = app;
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await uploadAndWait(page, file);
    await page.click('#preview summary');
    const cells = await page.$$eval('#preview-rows td', (tds) => tds.map((td) => td.textContent));
    assert.ok(cells.includes('<img src=x onerror="window.__pwned=1">'));
    assert.ok(cells.includes('<b>bold</b>'));
    assert.equal(await page.$$eval('#preview-rows img, #preview-rows b, #dashboard script', (n) => n.length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(dialogs, 0);
  } finally { await app.close(); }
});

test('a file with unknown headers asks for the mapping and analyses after it', async () => {
  const file = path.join(dir, 'unknown-headers.csv');
  writeFileSync(file, 'A;B;C\nx1;05.01.2026;10,00\nx2;06.01.2026;20,00\nx1;07.02.2026;5,00\n');
  const app = await openApp({ locale: 'en-US', tab: null });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => !document.querySelector('#analysis-message').hidden);
    assert.match(await page.textContent('#analysis-message'), /customer id column/);
    assert.equal(await page.getAttribute('#preview', 'open'), '');
    await page.selectOption('#mapping-table select[data-column="0"]', 'customer');
    await page.selectOption('#mapping-table select[data-column="1"]', 'date');
    await page.selectOption('#mapping-table select[data-column="2"]', 'amount');
    await page.click('#apply-mapping');
    await page.waitForFunction(() => document.querySelector('[data-kpi=customers] .kpi-value')?.textContent === '2');
    assert.equal(await kpi(page, 'repeat'), '50%');
  } finally { await app.close(); }
});

test('CSV export makes formula cells safe', async () => {
  const file = path.join(dir, 'formulas.csv');
  writeFileSync(file, 'Kundennummer;Datum;Umsatz\n=HYPERLINK("http://evil");01.02.2026;10,00\n+SUM(1);02.02.2026;20,00\nplain;03.02.2026;30,00\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    await page.waitForFunction(() => document.querySelector('[data-kpi=customers] .kpi-value')?.textContent === '3');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=rfm-customers]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    // German Excel's dialect: ';' between cells.
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil""\)"/);
    assert.match(csv, /(^|\n)'\+SUM\(1\);/);
    assert.doesNotMatch(csv, /(^|;)=HYPERLINK/m);
    assert.match(csv, /(^|\n)plain;/);
    // The segments in German words, the usual English term beside, in the table as in the export.
    assert.deepEqual(await page.$$eval('#rfm-table tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent)), [
      'Champions', 'Treue Kunden (Loyal)', 'Potenziell treue Kunden (Potential Loyalists)', 'Neukunden (New)',
      'Vielversprechend (Promising)', 'Brauchen Aufmerksamkeit (Need Attention)', 'Drohen einzuschlafen (About to Sleep)',
      'Gefährdet (At Risk)', 'Nicht verlieren! (Can\'t Lose Them)', 'Im Winterschlaf (Hibernating)', 'Verloren (Lost)']);
    // By hand (scores 1 + floor(5 * below / 3), R on days since the last purchase 2, 1, 0; F all 1;
    // M 10, 20, 30; FM = (F + M + 1) / 2): R 1 FM 1 Lost, R 2 FM 2 Hibernating, R 4 FM 3 Potential Loyalists.
    assert.deepEqual(csv.trim().split('\n').slice(1).map((line) => line.split(';').at(-7)),
      ['Verloren (Lost)', 'Im Winterschlaf (Hibernating)', 'Potenziell treue Kunden (Potential Loyalists)']);
  } finally { await app.close(); }
});

test('offline after the first visit: a file is analysed with the network cut, nothing leaves the origin', async () => {
  const file = path.join(dir, 'offline.csv');
  writeFileSync(file, 'Kundennummer;Datum;Umsatz\nk1;01.02.2026;10,00\nk2;02.02.2026;20,00\nk1;03.03.2026;30,00\n');
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForSelector('#analysis[data-analysed="true"]', { timeout: 20000 });
    await uploadAndWait(page, file);
    await page.waitForFunction(() => document.querySelector('[data-kpi=customers] .kpi-value')?.textContent === '2');
    assert.equal(await kpi(page, 'repeat'), '50 %');
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(app.origin)), []);
    const cookies = await page.context().cookies();
    assert.deepEqual(cookies, []);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  } finally { await app.close(); }
});

test('accessibility: axe-core finds no serious or critical violations on either tab', async () => {
  const app = await openApp({ locale: 'de-DE', tab: null, bypassCSP: true });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
    const audit = async () => page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(await audit(), []);
    await page.click('#tab-calculators');
    assert.deepEqual(await audit(), []);
    // Keyboard: the tabs follow the arrow keys.
    await page.focus('#tab-calculators');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute('#tab-analysis', 'aria-selected'), 'true');
  } finally { await app.close(); }
});

test('an Excel .xlsx file is read in the browser; a truncated one gets a clear message', async () => {
  const xlsxDir = sharedData('online-retail/xlsx');
  const app = await openApp({ locale: 'en-US', tab: null });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.setInputFiles('#file-input', path.join(xlsxDir, 'Online Retail - 40000-row sample (moatazsaad).xlsx'));
    await page.waitForFunction(() => document.querySelector('#preview summary')?.textContent.includes('40000-row'), null, { timeout: 60000 });
    await page.waitForFunction(() => document.querySelector('#progress').hidden);
    // Counted independently: 40,000 rows, 10,057 without CustomerID, 3 with amount 0 (see docs/ingestion.md).
    assert.equal(plain(await page.textContent('[data-value=rows_read]')), '40,000');
    assert.equal(plain(await page.textContent('[data-value=rows_used]')), '29,940');
    // 3,621 customer ids are used; 30 of them only have cancellations in this sample, so
    // 3,591 customers purchased (counted with a plain-JS reading of the sheet).
    assert.equal(await kpi(page, 'customers'), '3,591');
    await page.setInputFiles('#file-input', path.join(xlsxDir, 'Online Retail - TRUNCATED-corrupt (amishra527).xlsx'));
    await page.waitForFunction(() => !document.querySelector('#analysis-message').hidden);
    assert.match(await page.textContent('#analysis-message'), /Excel file is damaged or incomplete/);
    // The previous results stay.
    assert.equal(await kpi(page, 'customers'), '3,591');
  } finally { await app.close(); }
});

test('customer-list mode (IBM telco churn): churn, revenue churn and the Kaplan-Meier chart', async () => {
  const file = sharedData('telco-churn/Telco-Customer-Churn.csv');
  const report = cliReport(file);
  assert.equal(report.mode, 'customers');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    await page.waitForSelector('#survival-chart canvas');
    assert.equal(await kpi(page, 'churn'), de(report.churn_rate, pct));           // 1,869 of 7,043
    assert.equal(await kpi(page, 'churn'), '26,54 %');
    assert.equal(await kpi(page, 'revenue_churn'), de(report.revenue_churn, pct));
    // The curve never falls to 50 %: S(72) = 0.593 (docs/analytics.md); tenure in the column's unit.
    assert.equal(await kpi(page, 'median_lifetime'), 'nicht erreicht');
    assert.equal(plain(await page.textContent('[data-kpi=median_lifetime] .kpi-note')),
      `mehr als die Hälfte bleibt: nach 72 (tenure) noch ${de(report.survival.survival.at(-1), pct)}`);
    assert.equal(de(report.survival.survival.at(-1), pct), '59,28 %');
    assert.equal(await page.isVisible('#setting-inactivity'), false);  // no inactivity window in a customer list
    assert.equal(await page.$$eval('[id^=segment-] tbody tr', (trs) => trs.length) > 0, true);
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('customer list from start and end dates: median lifetime in months, the chart names its unit', async () => {
  // Tenure = months (30.4375 days) from "Kunde seit" to "Gekündigt am" or to the file's last date,
  // 01.07.2024. k1 left after 91 days (2.99 months), k2 after 182 (5.98); k3 and k4 are still
  // customers at 182 days. Kaplan–Meier: S(2.99) = 3/4, S(5.98) = 3/4 × 2/3 = 1/2: the median is 5.98.
  const file = path.join(dir, 'kundenliste-daten.csv');
  writeFileSync(file, 'Kundennummer;Kunde seit;Gekündigt am\nk1;01.01.2024;01.04.2024\nk2;01.01.2024;01.07.2024\n'
    + 'k3;01.01.2024;\nk4;01.01.2024;\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    await page.waitForSelector('#survival-chart canvas');
    assert.equal(await kpi(page, 'median_lifetime'), `${de(182 / 30.4375, { maximumFractionDigits: 2 })} Monate`);
    assert.equal(await kpi(page, 'median_lifetime'), '5,98 Monate');
    assert.equal(await page.$('[data-kpi=median_lifetime] .kpi-note'), null);
    const labels = await page.$$eval('#survival-chart .u-legend .u-label', (ls) => ls.map((l) => l.textContent));
    assert.equal(labels[0], 'Kundendauer (Monate)');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('data shorter than the inactivity window: a warning says nobody can be lost yet; a shorter window clears it', async () => {
  // 01.01.2025 to 31.03.2025: 90 days, fewer than the default window of 365 days, so churn is 0 in every period.
  const file = path.join(dir, 'drei-monate.csv');
  // Land: k2's cell is blank, a group of its own, named as such.
  writeFileSync(file, 'Kundennummer;Datum;Umsatz;Land\nk1;01.01.2025;10,00;DE\nk2;15.01.2025;20,00;\nk1;20.02.2025;30,00;DE\n'
    + 'k3;31.03.2025;40,00;AT\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    await page.waitForSelector('#report-warnings li');
    const items = await page.$$eval('#report-warnings li', (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
    assert.deepEqual(items.map(([code]) => code), ['window_longer_than_data']);
    assert.equal(plain(items[0][1]), 'Die Daten umfassen 90 Tage, nicht mehr als das Fenster von 365 Tagen ohne Kauf: '
      + 'Noch kann kein Kunde als verloren gelten, die Abwanderung zeigt 0 %. Wählen Sie oben ein kürzeres Fenster.');
    assert.equal(await kpi(page, 'churn'), '0 %');
    assert.deepEqual(await page.$$eval('#segment-0 tbody th', (ths) => ths.map((th) => th.textContent)), ['DE', '(ohne Angabe)', 'AT']);
    // The headline period, March, ends before the first possible loss: 01.01.2025 + 365 days.
    const note = () => page.textContent('[data-kpi=churn] .kpi-note');
    assert.equal(await note(), 'in 2025-03 · noch kein Verlust messbar: ein Kunde kann frühestens am 01.01.2026 verloren sein');
    // 60 days: longer than a month, shorter than the data: no warning; a loss is possible from 02.03.2025 on.
    await page.fill('#setting-inactivity', '60');
    await page.click('#recompute-button');
    await page.waitForFunction(() => !document.querySelector('#report-warnings'));
    assert.equal(await note(), 'in 2025-03');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

/** Clicks button (which reads the file again) and waits until the preview and dashboard show the new reading. */
async function readAgain(page, button) {
  await page.$eval('#preview summary', (s) => { s.dataset.old = 'true'; });
  await page.click(button);
  await page.waitForFunction(() => document.querySelector('#preview summary:not([data-old])')
    && document.querySelector('#progress').hidden, null, { timeout: 30000 });
}

/** The period labels of the period table, without the "(unvollständig)" mark. */
async function periodLabels(page) {
  return page.$$eval('#period-table tbody th', (ths) => ths.map((th) => th.textContent.replace(/ \(.*\)$/, '')));
}

const issueLines = (page) => page.$$eval('#issue-list li', (lis) => lis.map((li) => li.textContent));
const skipLabel = (page, code) => page.$eval(`#row-accounting dd[data-skip=${code}]`, (dd) => dd.previousElementSibling.textContent);

test('dates that read both ways: a notice asks for the order, month before day moves every date', async () => {
  const file = path.join(dir, 'mehrdeutige-daten.csv');
  // Every date is valid both ways: 01/02/2025 is 1 February (day first) or 2 January (month first).
  writeFileSync(file, 'Kundennummer;Datum;Umsatz\nk1;01/02/2025;10,00\nk2;03/04/2025;20,00\nk1;05/06/2025;30,00\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    assert.equal(await page.getAttribute('#preview', 'open'), '');
    assert.equal(await page.textContent('#date-order-notice'),
      'Jedes Datum lässt sich als Tag vor Monat und als Monat vor Tag lesen. Gelesen wurde Tag vor Monat – bitte wählen Sie, was für Ihre Datei stimmt.');
    assert.equal(await page.getAttribute('select[name=date_order]', 'aria-describedby'), 'date-order-notice');
    assert.equal(await page.inputValue('select[name=date_order]'), 'auto');
    assert.deepEqual(await issueLines(page),
      ['Datei, Datum: jedes Datum passt als Tag vor Monat und als Monat vor Tag; gelesen als Tag vor Monat – bitte unter „Lesart“ wählen']);
    // Day first: 1 Feb, 3 Apr, 5 Jun 2025, one period per month from February to June.
    assert.deepEqual(await periodLabels(page), ['2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    assert.deepEqual(await page.$$eval('select[name=date_order] option', (os) => os.map((o) => o.textContent)),
      ['automatisch (erkannt: Tag vor Monat (31.12.))', 'Tag vor Monat (31.12.)', 'Monat vor Tag (12/31)']);

    await page.selectOption('select[name=date_order]', 'mdy');
    await readAgain(page, '#apply-read-options');
    // Month first: 2 Jan, 4 Mar, 6 May 2025, January to May.
    assert.deepEqual(await periodLabels(page), ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    assert.equal(await page.inputValue('select[name=date_order]'), 'mdy');
    assert.equal(await page.$$eval('#date-order-notice, #issue-list', (n) => n.length), 0);
    assert.equal(await kpi(page, 'customers'), '2');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('skip reasons and first problems in the marketer\'s words: a cancelled order, a row without customer, a bad date', async () => {
  const file = path.join(dir, 'storno.csv');
  writeFileSync(file, 'Kundennummer;Bestelldatum;Umsatz;Bestellstatus\n'
    + 'k1;01.02.2025;10,00;Abgeschlossen\n'
    + 'k2;03.02.2025;20,00;Storniert\n'       // data row 2: cancelled
    + ';04.02.2025;5,00;Abgeschlossen\n'      // data row 3: no customer
    + 'k3;31.02.2025;7,00;Abgeschlossen\n'    // data row 4: 31 February
    + 'k1;05.03.2025;30,00;Abgeschlossen\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    assert.equal(plain(await page.textContent('[data-value=rows_read]')), '5');
    assert.equal(plain(await page.textContent('[data-value=rows_used]')), '2');
    assert.equal(await skipLabel(page, 'cancelled_order'), 'übersprungen: storniert, erstattet oder unbezahlt');
    assert.equal(await page.textContent('dd[data-skip=cancelled_order]'), '1');
    assert.equal(await skipLabel(page, 'no_customer_id'), 'übersprungen: ohne Kunden-ID');
    assert.equal(await page.textContent('dd[data-skip=no_customer_id]'), '1');
    assert.equal(await skipLabel(page, 'bad_date'), 'übersprungen: Datum nicht lesbar');
    assert.deepEqual(await issueLines(page), [
      'Zeile 2, Bestellstatus: Bestellung storniert, erstattet oder unbezahlt: „Storniert“',
      'Zeile 3, Kundennummer: keine Kunden-ID',
      'Zeile 4, Bestelldatum: kein gültiges Datum: „31.02.2025“',
    ]);
    // Only k1's two orders count: 10 + 30 = 40 from one customer, 20,00 per order.
    assert.equal(await kpi(page, 'customers'), '1');
    assert.equal(await kpi(page, 'aov'), '20,00');
    // Why each column has its role, and its type, in German (the core gives a code and its values).
    const mappingRows = () => page.$$eval('#mapping-table tbody tr',
      (trs) => trs.map((tr) => [tr.querySelector('th').textContent, tr.cells[1].textContent, tr.querySelector('td.reason').textContent]));
    assert.deepEqual(await mappingRows(), [
      ['Kundennummer', 'Text', 'Spaltenname „Kundennummer“ steht für „Kunden-ID“'],
      // 31.02.2025 is no date, so the sample's type is text; 10,00 … 30,00 are whole numbers.
      ['Bestelldatum', 'Text', 'Spaltenname „Bestelldatum“ steht für „Datum“'],
      ['Umsatz', 'ganze Zahl', 'Spaltenname „Umsatz“ steht für „Betrag“'],
      ['Bestellstatus', 'Text', 'Spaltenname „Bestellstatus“ steht für „Bestellstatus (storniert …)“'],
    ]);
    // In English the labels follow the language, the problems keep the core's own English message.
    await page.selectOption('#language', 'en');
    assert.equal(await skipLabel(page, 'cancelled_order'), 'skipped: cancelled, refunded or unpaid');
    assert.equal(await skipLabel(page, 'no_customer_id'), 'skipped: no customer ID');
    assert.equal((await issueLines(page))[2], 'Row 4, Bestelldatum: unreadable date "31.02.2025"');
    assert.deepEqual((await mappingRows())[2], ['Umsatz', 'whole number', 'header "Umsatz" stands for "Amount"']);
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('decimal separator: "1.234" read as thousands by default, as 1.234 after choosing the point', async () => {
  const file = path.join(dir, 'punkt-betraege.csv');
  // A ;-file with no amount that decides it: the core assumes German thousands, 1.234 = 1234.
  writeFileSync(file, 'Kundennummer;Datum;Umsatz\nk1;01.02.2025;1.234\nk2;03.02.2025;2.500\nk1;05.03.2025;1.000\n');
  const app = await appWithFile(file);
  try {
    const { page } = app;
    // 1234 + 2500 + 1000 = 4734: 3 orders, 2 customers.
    assert.equal(await kpi(page, 'aov'), '1.578,00');   // 4734 / 3
    assert.equal(await kpi(page, 'rpc'), '2.367,00');   // 4734 / 2
    assert.equal(await page.getAttribute('#preview', 'open'), null);  // nothing to ask: the box stays closed
    await page.click('#preview summary');
    assert.equal(await page.inputValue('select[name=decimal]'), 'auto');
    assert.equal(await page.textContent('select[name=decimal] option[value=auto]'), 'automatisch (erkannt: Komma (1.234,56))');

    await page.selectOption('select[name=decimal]', 'point');
    await readAgain(page, '#apply-read-options');
    // 1.234 + 2.5 + 1 = 4.734.
    assert.equal(await kpi(page, 'aov'), '1,58');       // 4.734 / 3 = 1.578
    assert.equal(await kpi(page, 'rpc'), '2,37');       // 4.734 / 2 = 2.367
    assert.equal(await page.inputValue('select[name=decimal]'), 'point');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('reading options keep the mapping by hand; a new delimiter drops it, as the columns change', async () => {
  const file = path.join(dir, 'unbekannte-spalten.csv');
  writeFileSync(file, 'A;B;C\nx1;05.01.2026;10\nx2;06.01.2026;20\nx1;07.02.2026;5\n');
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    const { page } = app;
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => !document.querySelector('#analysis-message').hidden);
    await page.selectOption('#mapping-table select[data-column="0"]', 'customer');
    await page.selectOption('#mapping-table select[data-column="1"]', 'date');
    await page.selectOption('#mapping-table select[data-column="2"]', 'amount');
    await readAgain(page, '#apply-mapping');
    assert.equal(await kpi(page, 'customers'), '2');
    // The decimal separator leaves the columns as they are: the mapping stays, no column is asked for.
    await page.selectOption('select[name=decimal]', 'point');
    await readAgain(page, '#apply-read-options');
    assert.equal(await page.isHidden('#analysis-message'), true);
    assert.equal(await kpi(page, 'customers'), '2');
    assert.equal(await page.inputValue('#mapping-table select[data-column="0"]'), 'customer');
    // With "," there is one column "A;B;C": the mapping is dropped and the user is asked again.
    await page.selectOption('select[name=delimiter]', ',');
    await readAgain(page, '#apply-read-options');
    assert.equal(await page.textContent('#analysis-message'), 'Keine Spalte mit Kundennummer gefunden. Bitte die Spalte unten zuordnen.');
    assert.deepEqual(await page.$$eval('#mapping-table tbody th', (ths) => ths.map((th) => th.textContent)), ['A;B;C']);
    assert.equal(await page.inputValue('select[name=delimiter]'), ',');
    assert.equal(await page.inputValue('select[name=decimal]'), 'point');
  } finally { await app.close(); }
});

test('predicted CLV in German: each model warning once, in German, naming its models; distinct histogram labels; no English "Value"', async () => {
  // Twelve customers buying every 14 days for 5 cents: too little data, and both fits run off to extreme parameters.
  const file = path.join(dir, 'gleichmaessig.csv');
  const day = (d) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  const lines = ['Kundennummer;Bestelldatum;Umsatz'];
  for (let c = 1; c <= 12; c++)
    for (let k = 0; k < 20; k++) lines.push(`k${c};${day(new Date(Date.UTC(2025, 0, 6 + 14 * k + c)))};0,05`);
  writeFileSync(file, lines.join('\n') + '\n');
  const r = spawnSync(cli, ['clv', 'predict', file, '--model', 'bgnbd', '--unit', 'week', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const predicted = JSON.parse(r.stdout);
  const codes = [...new Set(predicted.warnings.map((w) => w.code.replace(/^\w+:/, '')))];
  assert.ok(codes.includes('parameter_extreme') && predicted.warnings.length > codes.length, JSON.stringify(predicted.warnings));

  const app = await appWithFile(file);
  try {
    const { page } = app;
    await page.waitForSelector('#clv-histogram canvas');
    const warnings = await page.$$eval('#clv-warnings li', (lis) => lis.map((li) => ({ code: li.dataset.code, models: li.dataset.models, text: li.textContent })));
    // Each code once, those of the core's warnings, in German; no English message of the core anywhere on the page.
    assert.deepEqual(warnings.map((w) => w.code), codes);
    assert.deepEqual(warnings.find((w) => w.code === 'parameter_extreme'), {
      code: 'parameter_extreme', models: 'bgnbd gg',
      text: 'Für das Kaufmodell (BG/NBD) und das Betragsmodell (Gamma-Gamma) läuft ein Parameter gegen 0 oder unendlich: die Prognose passt womöglich schlecht zu diesen Daten.',
    });
    const body = await page.textContent('#dashboard-content');
    for (const w of predicted.warnings) assert.ok(!body.includes(w.message), w.message);
    // The histogram's bins: CLVs about 1,22 give bins of 0,2, each label different.
    const bins = await page.$$eval('#clv-histogram table.chart-data tbody th', (ths) => ths.map((th) => th.textContent));
    assert.equal(new Set(bins).size, bins.length, bins.join(' | '));
    assert.deepEqual(bins.slice(0, 3), ['0–0,2', '0,2–0,4', '0,4–0,6']);
    assert.equal(bins[bins.length - 1], '≥ 1,4');
    // The legend names the bars (not uPlot's English "Value") and shows the bar under the cursor.
    const labels = await page.$$eval('.u-legend .u-label', (ls) => ls.map((l) => l.textContent));
    assert.ok(!labels.includes('Value') && !labels.includes('Time'), labels.join(' | '));
    const over = await page.$('#clv-histogram .u-over');
    const box = await over.boundingBox();
    await over.hover({ position: { x: box.width * (bins.length - 1.5) / bins.length, y: box.height / 2 } });  // the last closed bin
    await page.waitForFunction(() => document.querySelector('#clv-histogram .u-legend .u-value')?.textContent.includes(','));
    const legend = await page.$$eval('#clv-histogram .u-legend tr', (trs) => trs.map((tr) => [tr.querySelector('.u-label').textContent, tr.querySelector('.u-value').textContent]));
    assert.deepEqual(legend, [['CLV (Prognose)', '1,2–1,4'], ['Kunden', '12']]);
    assert.deepEqual(app.problems, []);
    await page.$eval('#clv-warnings', (e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(artifacts, 'clv-de.png') });
  } finally { await app.close(); }
});

test('on a phone the dashboard\'s charts fit their cards, and follow the window when it widens', async () => {
  const app = await openApp({ locale: 'de-DE', tab: null });
  try {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('#analysis[data-analysed="true"]');
    await page.waitForSelector('#clv-histogram canvas');
    const widths = () => page.$$eval('.chart-figure', (figures) => figures.map((f) => ({
      id: f.id, figure: f.clientWidth, chart: f.querySelector('.uplot')?.getBoundingClientRect().width ?? -1 })));
    const narrow = await widths();
    assert.ok(narrow.length >= 2, JSON.stringify(narrow));
    for (const w of narrow) assert.ok(w.chart > 0 && w.chart <= w.figure, `${w.id}: chart ${w.chart} px in a figure of ${w.figure} px`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction((before) => [...document.querySelectorAll('.chart-figure')].every((f, i) =>
      (f.querySelector('.uplot')?.getBoundingClientRect().width ?? 0) > before[i].chart + 200), narrow);
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});
