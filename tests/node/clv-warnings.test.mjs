// clvWarningTexts (web/app/clv-warnings.js): the CLV section's warnings in the
// user's language, one line per code, naming the models it came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerMessages } from '../../web/app/i18n.js';
import { analysisMessages } from '../../web/app/i18n-analysis.js';
import { clvWarningTexts, groupClvWarnings } from '../../web/app/clv-warnings.js';

registerMessages(analysisMessages);

const extreme = 'a parameter ran off towards 0 or infinity; the model may not suit the data';
// The warnings of clv_predict for a shop file whose fits ran off (src/api/clv_ops.cpp prefixes a fit's codes with its model).
const warnings = [
  { code: 'invalid_prediction_replaced', message: '1058 predicted values were not finite or negative and were replaced by 0' },
  { code: 'bgnbd:parameter_extreme', message: extreme },
  { code: 'gg:parameter_extreme', message: extreme },
  { code: 'gg:no_standard_errors', message: 'the information matrix is singular; standard errors are not available' },
];

test('one entry per code, with the models it came from and the count of its message', () => {
  assert.deepEqual(groupClvWarnings(warnings), [
    { code: 'invalid_prediction_replaced', models: [], count: 1058, message: warnings[0].message },
    { code: 'parameter_extreme', models: ['bgnbd', 'gg'], count: null, message: extreme },
    { code: 'no_standard_errors', models: ['gg'], count: null, message: warnings[3].message },
  ]);
  assert.deepEqual(groupClvWarnings(undefined), []);
});

test('German texts name the models and keep the count, with no English left', () => {
  assert.deepEqual(clvWarningTexts(warnings, 'de').map((w) => w.text), [
    '1.058 vorhergesagte Werte ließen sich nicht berechnen oder waren negativ und wurden durch 0 ersetzt.',
    'Für das Kaufmodell (BG/NBD) und das Betragsmodell (Gamma-Gamma) läuft ein Parameter gegen 0 oder unendlich: die Prognose passt womöglich schlecht zu diesen Daten.',
    'Für das Betragsmodell (Gamma-Gamma) lassen sich keine Fehlergrenzen (Standardfehler) angeben.',
  ]);
  assert.equal(clvWarningTexts(warnings, 'en')[2].text, 'For the spend model (Gamma-Gamma), no error margins (standard errors) can be given.');
});

test('a code without a text shows the core\'s message; a text for no known model says "the model"', () => {
  assert.deepEqual(clvWarningTexts([{ code: 'bgnbd:brand_new', message: 'something new happened' }], 'de'),
    [{ code: 'brand_new', models: ['bgnbd'], text: 'something new happened' }]);
  assert.equal(clvWarningTexts([{ code: 'not_converged', message: 'x' }], 'de')[0].text,
    'Für das Modell kam die Schätzung zu keinem stabilen Ergebnis: die Werte sind unsicher.');
});
