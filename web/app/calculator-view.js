// One calculator card: the inputs, the headline result, the other results,
// the formula and the arithmetic with the user's numbers, a verdict and
// warnings, and tables (with a chart where the core asks for one).
// Recomputes on every keystroke through the core; shows errors next to the
// field they concern (with the row for a pasted column).
import { el, clear } from './dom.js';
import { formatValue, fillPlaceholders } from './format.js';
import { t, errorText, columnLabel } from './i18n.js';
import { drawTableChart } from './calculator-chart.js';

/**
 * Renders the calculator described by `spec` ({id, inputs}) into a card.
 * `core` has calc(id, inputs, {locale}); `initial` pre-fills inputs.
 * Returns {node, setLanguage(lang), recompute()}.
 */
export function createCalculatorView(spec, core, lang, initial = {}) {
  let language = lang;
  let sequence = 0;
  const fields = new Map();

  const headline = el('output', { class: 'headline', 'data-role': 'primary', 'aria-live': 'polite' });
  const details = el('dl', { class: 'details', 'data-role': 'details' });
  const formula = el('p', { class: 'formula', 'data-role': 'formula' });
  const arithmetic = el('p', { class: 'arithmetic', 'data-role': 'arithmetic' });
  const legend = el('p', { class: 'legend', 'data-role': 'legend' });
  const generalError = el('p', { class: 'error', 'data-role': 'error', role: 'alert' });
  const verdict = el('p', { class: 'verdict', 'data-role': 'verdict' });
  const warnings = el('ul', { class: 'warnings', 'data-role': 'warnings' });
  const tables = el('div', { class: 'tables', 'data-role': 'tables' });
  let charts = [];
  const title = el('h3', { id: `calc-${spec.id}-title` });
  const intro = el('p', { class: 'intro' });

  const form = el('form', { class: 'inputs', novalidate: true, onsubmit: (e) => e.preventDefault() });
  for (const input of spec.inputs) {
    const id = `calc-${spec.id}-${input.name}`;
    const label = el('label', { for: id });
    // A list input is a pasted column: one value per line.
    const field = input.list
      ? el('textarea', { id, name: input.name, rows: 4, spellcheck: 'false', 'aria-describedby': `${id}-error`, oninput: () => recompute() })
      : el('input', {
        id, name: input.name, type: 'text', inputmode: 'decimal', autocomplete: 'off',
        'aria-describedby': `${id}-error`, oninput: () => recompute(),
      });
    field.value = initial[input.name] ?? '';
    const error = el('span', { class: 'field-error', id: `${id}-error`, 'data-role': 'field-error' });
    form.append(el('div', { class: 'field' }, label, field, error));
    fields.set(input.name, { input, label, field, error });
  }

  const result = el('div', { class: 'result' }, headline, verdict, details, warnings,
    el('div', { class: 'explain' }, formula, arithmetic, legend), tables, generalError);
  const node = el('section', { class: 'card calculator', id: `calc-${spec.id}`, 'aria-labelledby': title.id },
    title, intro, form, result);

  function clearErrors() {
    generalError.textContent = '';
    for (const { field, error } of fields.values()) {
      error.textContent = '';
      field.removeAttribute('aria-invalid');
    }
  }

  function showError(error) {
    const target = error.field && fields.get(error.field);
    if (target) {
      target.error.textContent = errorText(language, error);
      target.field.setAttribute('aria-invalid', 'true');
    } else {
      generalError.textContent = errorText(language, error);
    }
    clear(headline).append('–');
    clear(details);
    arithmetic.textContent = '';
    verdict.textContent = '';
    clear(warnings);
    clearTables();
  }

  function clearTables() {
    for (const chart of charts) chart.destroy();
    charts = [];
    clear(tables);
  }

  function renderTable(table) {
    const head = el('tr', {}, table.columns.map((c) => el('th', { scope: 'col' }, columnLabel(language, c))));
    const body = table.rows.map((row) =>
      el('tr', {}, row.map((v, i) => el('td', {}, formatValue(v, table.units[i], language)))));
    return el('table', { class: 'calc-table', 'data-table': table.name }, el('thead', {}, head), el('tbody', {}, body));
  }

  async function showTables(list, mine) {
    clearTables();
    for (const table of list) {
      const wrap = el('div', { class: 'table-wrap' }, renderTable(table));
      tables.append(wrap);
      if (!table.chart?.length) continue;
      const chartBox = el('figure', { class: 'chart-box', 'aria-label': t(language, 'app.chart') });
      tables.append(chartBox);
      try {
        const chart = await drawTableChart(chartBox, table, language, tables.clientWidth || node.clientWidth - 40);
        if (mine !== sequence) { chart.destroy(); return; }
        charts.push(chart);
      } catch (e) {
        chartBox.remove();  // the table still shows every number
      }
    }
  }

  function showResult(r) {
    clear(headline).append(
      el('span', { class: 'headline-label' }, t(language, `field.${r.primary}`)),
      el('span', { class: 'headline-value' }, formatValue(r.values[r.primary], r.units[r.primary], language)));
    clear(details);
    for (const name of r.order) {
      if (name === r.primary) continue;
      details.append(el('dt', {}, t(language, `field.${name}`)),
        el('dd', { 'data-value': name }, formatValue(r.values[name], r.units[name], language)));
    }
    formula.textContent = `${t(language, 'app.formula')}: ${r.formula}`;
    arithmetic.textContent = fillPlaceholders(r.substituted, r, language);
    verdict.textContent = r.verdict ? t(language, `verdict.${r.verdict}`) : '';
    if (r.verdict) verdict.dataset.verdict = r.verdict; else delete verdict.dataset.verdict;
    clear(warnings);
    for (const code of r.warnings || []) warnings.append(el('li', { 'data-warning': code }, t(language, `warning.${code}`)));
  }

  async function recompute() {
    const mine = ++sequence;
    const inputs = {};
    for (const [name, { field }] of fields) inputs[name] = field.value;
    try {
      const r = await core.calc(spec.id, inputs, { locale: language });
      if (mine !== sequence) return;
      clearErrors();
      showResult(r);
      await showTables(r.tables || [], mine);
    } catch (e) {
      if (mine !== sequence) return;
      clearErrors();
      showError(e);
    }
  }

  function setLanguage(lang2) {
    language = lang2;
    title.textContent = t(language, `calc.${spec.id}.title`);
    intro.textContent = t(language, `calc.${spec.id}.intro`);
    legend.textContent = t(language, `calc.${spec.id}.legend`);
    for (const { input, label, field } of fields.values()) {
      label.textContent = t(language, `field.${input.name}`) + (input.required ? '' : ` (${t(language, 'app.optional')})`);
      if (input.list) field.placeholder = t(language, 'app.list_hint');
    }
    return recompute();
  }

  setLanguage(language);
  return { node, setLanguage, recompute };
}
