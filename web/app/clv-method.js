// "How the CLV is computed", beside the predicted CLV: the formula with this
// result's horizon and discount rate, each customer's inputs, the fitted
// parameters of both models with their standard errors, and the totals. All
// numbers come from the clv_predict result; this module only lays them out.
import { el } from './dom.js';
import { formatValue } from './format.js';
import { fill, t } from './i18n.js';

const modelNames = { bgnbd: 'BG/NBD', pnbd: 'Pareto/NBD', gg: 'Gamma-Gamma' };
const parameterSymbols = { alpha: 'α', beta: 'β', gamma: 'γ' };

/** Days of one period of a clv_predict unit (docs/clv.md: a month is 365.25 / 12 days). */
export const unitDays = { day: 1, week: 7, month: 30.4375 };

/** The horizon of a clv_predict result in months, as the marketer counts a forecast. */
export function horizonMonths(clv) {
  return (clv.horizon * unitDays[clv.horizon_unit]) / unitDays.month;
}

/** The one line under the CLV's title: horizon, data end, models, discount rate. */
export function clvCaption(clv, lang) {
  return fill(t(lang, 'clv.caption'), {
    months: formatValue(horizonMonths(clv), 'number', lang, { digits: 1 }),
    horizon: formatValue(clv.horizon, 'number', lang),
    unit: t(lang, `clv.unit.${clv.horizon_unit}`),
    end: formatValue(clv.calibration_end, 'date', lang),
    purchase_model: modelNames[clv.fit?.model] ?? clv.model,
    spend: t(lang, clv.spend_source === 'gamma_gamma' ? 'clv.caption.spend_gg' : 'clv.caption.spend_observed'),
    rate: formatValue(clv.discount_rate, 'percent', lang),
  });
}

/** Rows [model, parameter, value, standard error] of a fit, in the fit's parameter order. */
export function parameterRows(fit) {
  if (!fit?.parameters) return [];
  const names = fit.parameter_order ?? Object.keys(fit.parameters);
  return names.map((name) => [modelNames[fit.model] ?? fit.model, parameterSymbols[name] ?? name,
    fit.parameters[name], fit.std_errors?.[name] ?? null]);
}

function parameterTable(clv, lang) {
  const rows = [...parameterRows(clv.fit), ...(clv.spend_source === 'gamma_gamma' ? parameterRows(clv.spend_fit) : [])];
  const number = (v) => formatValue(v, 'number', lang, { digits: 4 });
  return el('div', { class: 'table-scroll' }, el('table', { id: 'clv-parameters' },
    el('thead', {}, el('tr', {}, ['clv.method.model', 'clv.method.parameter', 'clv.method.value', 'clv.method.std_error']
      .map((key) => el('th', { scope: 'col' }, t(lang, key))))),
    el('tbody', {}, rows.map(([model, name, value, se]) => el('tr', { 'data-parameter': name },
      el('td', {}, model), el('th', { scope: 'row' }, name), el('td', { class: 'num' }, number(value)), el('td', { class: 'num' }, number(se)))))));
}

/** The <details> block explaining a clv_predict result in lang. */
export function clvMethod(clv, lang) {
  const unit = t(lang, `clv.unit.${clv.horizon_unit}`);
  const vars = {
    unit,
    unit_one: t(lang, `clv.unit_one.${clv.horizon_unit}`),
    periods: formatValue(Math.ceil(clv.horizon - 1e-9), 'count', lang),
    horizon: formatValue(clv.horizon, 'number', lang),
    rate: formatValue(clv.discount_rate, 'percent', lang),
    rate_unit: formatValue(clv.discount_rate_per_period * 100, 'number', lang, { digits: 4 }),
    end: formatValue(clv.calibration_end, 'date', lang),
    purchase_model: modelNames[clv.fit?.model] ?? clv.model,
    customers: formatValue(clv.counts?.customers, 'count', lang),
    fit_customers: formatValue(clv.fit?.observations, 'count', lang),
    spend_customers: formatValue(clv.spend_fit?.observations, 'count', lang),
    purchases: formatValue(clv.totals?.expected_purchases, 'number', lang),
    clv: formatValue(clv.totals?.clv, 'amount', lang),
  };
  const spendKey = clv.spend_source === 'gamma_gamma' ? 'clv.method.spend_gg' : 'clv.method.spend_observed';
  return el('details', { class: 'card clv-method', id: 'clv-method' },
    el('summary', {}, t(lang, 'clv.method.title')),
    el('p', { class: 'formula' }, fill(t(lang, 'clv.method.formula'), vars)),
    el('p', {}, fill(t(lang, 'clv.method.discount'), vars)),
    el('p', {}, fill(t(lang, 'clv.method.inputs'), vars)),
    el('p', {}, fill(t(lang, 'clv.method.purchases'), vars), ' ', fill(t(lang, spendKey), vars)),
    parameterTable(clv, lang),
    el('p', { id: 'clv-totals' }, fill(t(lang, 'clv.method.totals'), vars)));
}
