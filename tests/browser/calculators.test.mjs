// The calculators page in headless Chromium: typing updates the results,
// German and English formats, errors next to the field, nothing leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, plain } from './browser.mjs';

async function fill(page, calc, values) {
  for (const [name, value] of Object.entries(values)) await page.fill(`#calc-${calc}-${name}`, value);
}

async function headline(page, calc) {
  return plain(await page.textContent(`#calc-${calc} .headline-value`));
}

test('German page: the CRR examples as a German reads them', async () => {
  const app = await openApp({ locale: 'de-DE' });
  try {
    const { page } = app;
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.textContent('#calc-crr-title'), 'Kundenbindungsrate (CRR)');
    // The pre-filled article example: (162 − 30) / 150 = 88 %
    assert.equal(await headline(page, 'crr'), '88 %');
    await fill(page, 'crr', { start: '30', end: '34', new: '5' });
    await page.waitForFunction(() => document.querySelector('#calc-crr .headline-value')?.textContent.includes('96'));
    assert.equal(await headline(page, 'crr'), '96,67 %');
    assert.equal(plain(await page.textContent('#calc-crr [data-role=arithmetic]')), 'CRR = (34 − 5) / 30 = 29 / 30 = 96,67 %');
    assert.equal(await page.textContent('#calc-crr [data-role=formula]'), 'Formel: CRR = (E − N) / S');
    assert.equal(await headline(page, 'churn'), '8,33 %');
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(app.origin)), []);
  } finally { await app.close(); }
});

test('English page: churn 8.33 % and errors shown next to the field', async () => {
  const app = await openApp({ locale: 'en-US' });
  try {
    const { page } = app;
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await headline(page, 'churn'), '8.33%');
    assert.equal(plain(await page.textContent('#calc-churn [data-role=arithmetic]')), 'Churn = (600 + 0 − 550) / 600 = 50 / 600 = 8.33%');
    await page.fill('#calc-crr-start', '0');
    await page.waitForFunction(() => document.querySelector('#calc-crr-start-error')?.textContent !== '');
    assert.match(await page.textContent('#calc-crr-start-error'), /greater than 0/);
    assert.equal(await page.getAttribute('#calc-crr-start', 'aria-invalid'), 'true');
    assert.equal(plain(await page.textContent('#calc-crr [data-role=primary]')), '–');
    await page.fill('#calc-crr-start', 'abc');
    await page.waitForFunction(() => document.querySelector('#calc-crr-start-error')?.textContent.includes('not a number'));
    await page.fill('#calc-crr-start', '150');
    await page.waitForFunction(() => document.querySelector('#calc-crr-start-error')?.textContent === '');
    assert.equal(await headline(page, 'crr'), '88%');
    assert.deepEqual(app.problems, []);
  } finally { await app.close(); }
});

test('the language switch re-renders texts and number formats', async () => {
  const app = await openApp({ locale: 'en-US' });
  try {
    const { page } = app;
    await page.selectOption('#language', 'de');
    await page.waitForFunction(() => document.querySelector('#calc-churn .headline-value')?.textContent.includes(','));
    assert.equal(await headline(page, 'churn'), '8,33 %');
    assert.equal(await page.textContent('#calc-churn-title'), 'Abwanderungsrate (Churn)');
    await page.fill('#calc-crr-end', '');
    await page.waitForFunction(() => document.querySelector('#calc-crr-end-error')?.textContent !== '');
    assert.equal(await page.textContent('#calc-crr-end-error'), 'Bitte ausfüllen.');
  } finally { await app.close(); }
});
