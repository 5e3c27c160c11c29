// One calculator card: the inputs, the headline result, the other results,
// the formula and the arithmetic with the user's numbers. Recomputes on every
// keystroke through the core; shows errors next to the field they concern.
import { el, clear } from './dom.js';
import { formatValue, fillPlaceholders } from './format.js';
import { t, errorText } from './i18n.js';

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
  const title = el('h3', { id: `calc-${spec.id}-title` });
  const intro = el('p', { class: 'intro' });

  const form = el('form', { class: 'inputs', novalidate: true, onsubmit: (e) => e.preventDefault() });
  for (const input of spec.inputs) {
    const id = `calc-${spec.id}-${input.name}`;
    const label = el('label', { for: id });
    const field = el('input', {
      id, name: input.name, type: 'text', inputmode: 'decimal', autocomplete: 'off',
      'aria-describedby': `${id}-error`, value: initial[input.name] ?? '',
      oninput: () => recompute(),
    });
    const error = el('span', { class: 'field-error', id: `${id}-error`, 'data-role': 'field-error' });
    form.append(el('div', { class: 'field' }, label, field, error));
    fields.set(input.name, { input, label, field, error });
  }

  const result = el('div', { class: 'result' }, headline, details,
    el('div', { class: 'explain' }, formula, arithmetic, legend), generalError);
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
    for (const { input, label } of fields.values()) label.textContent = t(language, `field.${input.name}`);
    return recompute();
  }

  setLanguage(language);
  return { node, setLanguage, recompute };
}
