// The marketer's calculators in headless Chromium: typing and pasting
// updates the results, German and English formats, errors next to the
// field (with the row of a pasted column), verdicts, warnings, the what-if
// table and its chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, plain } from './browser.mjs';

const text = async (page, selector) => plain(await page.textContent(selector));
const headline = (page, calc) => text(page, `#calc-${calc} .headline-value`);
const detail = (page, calc, name) => text(page, `#calc-${calc} [data-value=${name}]`);

async function waitForHeadline(page, calc, needle) {
  await page.waitForFunction(([c, n]) => document.querySelector(`#calc-${c} .headline-value`)?.textContent.includes(n),
    [calc, needle]);
}

test('German page: NPS with interval, pasted scores, a bad score names its row', async () => {
  const app = await openApp({ locale: 'de-DE' });
  try {
    const { page } = app;
    assert.equal(await page.textContent('#calc-nps-title'), 'Net Promoter Score (NPS)');
    assert.equal(await headline(page, 'nps'), '30');
    assert.equal(await detail(page, 'nps', 'moe'), '15,31');
    assert.equal(await detail(page, 'nps', 'ci_low'), '14,69');
    assert.match(await text(page, '#calc-nps [data-role=arithmetic]'), /= 30 ± 15,31 = \[14,69; 45,31\]$/);
    // Pasting scores while the counts are filled in: say which to clear.
    await page.fill('#calc-nps-scores', '10\n9\n\n8\n6\n0');
    await page.waitForFunction(() => document.querySelector('#calc-nps-scores-error')?.textContent !== '');
    assert.match(await page.textContent('#calc-nps-scores-error'), /Entweder Antworten einfügen/);
    for (const name of ['promoters', 'passives', 'detractors']) await page.fill(`#calc-nps-${name}`, '');
    await page.waitForFunction(() => document.querySelector('#calc-nps .headline-value')?.textContent === '0');
    assert.equal(await detail(page, 'nps', 'respondents'), '5');
    assert.match(await text(page, '#calc-nps [data-role=warnings]'), /Weniger als 30 Antworten/);
    assert.equal(await page.locator('#calc-nps table[data-table=distribution] tbody tr').count(), 11);
    await page.fill('#calc-nps-scores', '9\n7\n11');
    await page.waitForFunction(() => document.querySelector('#calc-nps-scores-error')?.textContent !== '');
    assert.equal(await page.textContent('#calc-nps-scores-error'), 'Zeile 3: Bewertungen müssen zwischen 0 und 10 liegen.');
    assert.equal(await page.getAttribute('#calc-nps-scores', 'aria-invalid'), 'true');
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(app.origin)), []);
  } finally { await app.close(); }
});

test('German page: engagement, upsell, referral, CAC and formula CLV with German formats', async () => {
  const app = await openApp({ locale: 'de-DE' });
  try {
    const { page } = app;
    assert.equal(await headline(page, 'engagement'), '5 %');
    assert.equal(await detail(page, 'engagement', 'pooled'), '5,47 %');
    await page.fill('#calc-engagement-reach', '1.000');
    await page.fill('#calc-engagement-interactions', '50\n100');
    await waitForHeadline(page, 'engagement', '7,5');
    assert.equal(await headline(page, 'engagement'), '7,5 %');
    assert.equal(await headline(page, 'upsell'), '20 %');
    assert.equal(await headline(page, 'referral'), '15 %');
    assert.equal(await headline(page, 'cac'), '150,00 €');
    assert.equal(await detail(page, 'cac', 'cac_ratio'), '6,25×');
    assert.equal(await headline(page, 'clv_basic'), '180,00 €');
    assert.equal(await text(page, '#calc-clv_margin [data-role=arithmetic]'),
      'CLV = 100,00 € × 80 % / (1 + 10 % − 80 %) = 100,00 € × 80 % / 0,3 = 266,67 €');
    assert.equal(await headline(page, 'clv_arpu'), '420,00 €');
    await page.fill('#calc-clv_margin-retention', '100');
    await page.waitForFunction(() => document.querySelector('#calc-clv_margin-retention-error')?.textContent !== '');
    assert.match(await page.textContent('#calc-clv_margin-retention-error'), /unter 100 %/);
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('English page: CLV:CAC verdict, retention what-if table and chart', async () => {
  const app = await openApp({ locale: 'en-US' });
  try {
    const { page } = app;
    assert.equal(await headline(page, 'clv_cac'), '4×');
    assert.equal(await text(page, '#calc-clv_cac [data-role=verdict]'), 'Healthy: within the 3:1 to 5:1 rule of thumb.');
    await page.fill('#calc-clv_cac-clv', '90');
    await waitForHeadline(page, 'clv_cac', '0.6'); // 90 / 150
    assert.match(await text(page, '#calc-clv_cac [data-role=verdict]'), /^Losing money/);

    assert.equal(await headline(page, 'retention_whatif'), '27.5%');
    assert.equal(await detail(page, 'retention_whatif', 'clv_new'), '€340.00');
    const rows = page.locator('#calc-retention_whatif table[data-table=whatif] tbody tr');
    assert.equal(await rows.count(), 7);
    assert.equal(plain(await rows.nth(6).textContent()), '95%€633.3320€633,333.33137.5%');
    await page.waitForSelector('#calc-retention_whatif .chart canvas');
    // +10 points instead of +5: 0.9/0.2 ÷ 0.8/0.3 − 1 = 68.75 %
    await page.fill('#calc-retention_whatif-change', '10');
    await waitForHeadline(page, 'retention_whatif', '68.75');
    assert.equal(await rows.count(), 5);
    await page.waitForSelector('#calc-retention_whatif .chart canvas');
    assert.equal(await page.locator('#calc-retention_whatif .chart').count(), 1);
    await page.fill('#calc-retention_whatif-change', '25');
    await page.waitForFunction(() => document.querySelector('#calc-retention_whatif-change-error')?.textContent !== '');
    assert.equal(await page.textContent('#calc-retention_whatif-change-error'), 'Retention plus change must stay below 100 %.');
    assert.equal(await page.locator('#calc-retention_whatif .chart').count(), 0);
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(app.origin)), []);
  } finally { await app.close(); }
});

test('every new calculator shows its example in English, then in German after the switch', async () => {
  // Headlines of the pre-filled examples (docs/metrics.md works each one by hand).
  const expected = {
    nps: ['30', '30'],
    engagement: ['5%', '5 %'],
    upsell: ['20%', '20 %'],
    referral: ['15%', '15 %'],
    cac: ['€150.00', '150,00 €'],
    clv_basic: ['€180.00', '180,00 €'],
    clv_margin: ['€266.67', '266,67 €'],
    clv_arpu: ['€420.00', '420,00 €'],
    clv_cac: ['4×', '4×'],
    retention_whatif: ['27.5%', '27,5 %'],
  };
  const titles = { engagement: ['Customer engagement rate (CER)', 'Customer-Engagement-Rate (CER)'],
    referral: ['Referral share', 'Empfehlungsquote'], retention_whatif: ['Retention what-if', 'Was-wäre-wenn: Kundenbindung'] };
  const app = await openApp({ locale: 'en-US' });
  try {
    const { page } = app;
    for (const [calc, [en]] of Object.entries(expected)) assert.equal(await headline(page, calc), en, calc);
    for (const [calc, [en]] of Object.entries(titles)) assert.equal(await page.textContent(`#calc-${calc}-title`), en);
    assert.equal(await text(page, '#calc-nps [data-role=arithmetic]'),
      'NPS = 100 × (50 − 20) / 100 = 30;  95 % CI = 30 ± 196 × √((50% + 20% − (50% − 20%)²) / 100) = 30 ± 15.31 = [14.69; 45.31]');
    await page.selectOption('#language', 'de');
    await waitForHeadline(page, 'retention_whatif', '27,5');
    await waitForHeadline(page, 'cac', '150,00');
    for (const [calc, [, de]] of Object.entries(expected)) assert.equal(await headline(page, calc), de, calc);
    for (const [calc, [, de]] of Object.entries(titles)) assert.equal(await page.textContent(`#calc-${calc}-title`), de);
    assert.equal(await text(page, '#calc-clv_cac [data-role=verdict]'), 'Gesund: im Bereich der Faustregel 3:1 bis 5:1.');
    assert.equal(await text(page, '#calc-retention_whatif table thead'), 'BindungsrateCLVLebensdauerWert des KundenstammsÄnderung CLV');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});
