// The CLV section's caption and parameter rows (web/app/clv-method.js): the
// horizon in months, the models actually used, the parameters in the fit's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerMessages } from '../../web/app/i18n.js';
import { analysisMessages } from '../../web/app/i18n-analysis.js';
import { clvCaption, horizonMonths, parameterRows } from '../../web/app/clv-method.js';

registerMessages(analysisMessages);
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

// What clv_predict returns by default: one year in weeks, 365.25 / 7.
const result = {
  horizon: 365.25 / 7, horizon_unit: 'week', calibration_end: '2011-12-09', discount_rate: 0.1,
  fit: { model: 'bgnbd', parameter_order: ['r', 'alpha', 'a', 'b'], parameters: { r: 0.5, alpha: 10, a: 0.2, b: 2 },
    std_errors: { r: 0.01, alpha: 0.3, a: 0.02, b: 0.4 } },
  spend_source: 'gamma_gamma',
};

test('one year is 12 months in any unit (a month is 365.25 / 12 days)', () => {
  assert.equal(horizonMonths(result), 12);
  assert.equal(horizonMonths({ horizon: 365.25, horizon_unit: 'day' }), 12);
  assert.equal(horizonMonths({ horizon: 6, horizon_unit: 'month' }), 6);
});

test('the caption names the horizon, the data end and the models used, in German and English', () => {
  assert.equal(plain(clvCaption(result, 'de')), 'Prognose für die nächsten 12 Monate (52,18 Wochen) nach dem 09.12.2011: '
    + 'BG/NBD-Modell für die Zahl der Käufe, Gamma-Gamma für den Betrag pro Kauf, abgezinst mit 10 % pro Jahr.');
  // Without the spend model (q ≤ 1 or spend "observed") the caption does not claim it; Pareto/NBD by its name.
  const observed = { ...result, spend_source: 'observed', fit: { ...result.fit, model: 'pnbd' } };
  assert.equal(plain(clvCaption(observed, 'en')), 'Forecast for the next 12 months (52.18 weeks) after Dec 9, 2011: '
    + 'the Pareto/NBD model for the number of purchases, each customer\'s past average amount per purchase, discounted at 10% a year.');
});

test('parameter rows follow the fit\'s order, with Greek letters and standard errors', () => {
  assert.deepEqual(parameterRows(result.fit), [
    ['BG/NBD', 'r', 0.5, 0.01], ['BG/NBD', 'α', 10, 0.3], ['BG/NBD', 'a', 0.2, 0.02], ['BG/NBD', 'b', 2, 0.4]]);
  assert.deepEqual(parameterRows({ model: 'gg', parameters: { p: 6, q: 3, gamma: 15 } }),
    [['Gamma-Gamma', 'p', 6, null], ['Gamma-Gamma', 'q', 3, null], ['Gamma-Gamma', 'γ', 15, null]]);
  assert.deepEqual(parameterRows(null), []);
});
