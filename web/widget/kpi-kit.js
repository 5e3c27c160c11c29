// <kpi-kit>: one KPIkit calculator as a self-contained custom element.
//
//   <script src="kpikit-widget.js" defer></script>
//   <kpi-kit calculator="crr" lang="de"></kpi-kit>
//
// Attributes
//   calculator  an id the core offers (crr, churn, nps, ...; default crr)
//   lang        de | en (default: the page's <html lang>, else the browser's)
//   values      pre-filled inputs as a query string: "start=150&end=162&new=30"
// The element renders whatever inputs the core describes for the calculator
// (numbers, or a textarea for list inputs), recomputes on every keystroke,
// shows the headline, the other results, the formula and the arithmetic with
// the typed numbers, and the core's errors next to the field they concern.
// Everything runs in the visitor's browser: the element requests nothing,
// sets no cookies and uses no storage. Styling: the CSS custom properties and
// parts documented in styles.js; the page's own CSS cannot reach inside.
// `customElements.get('kpi-kit').calculators()` lists the calculators offered.
// Property `result` holds the last result; the element fires `kpi-kit-result`
// (detail: the result, or null when the inputs cannot be computed).
import { loadCore } from './core.js';
import { css } from './styles.js';
import { text, hasText, errorText, widgetLanguage } from './texts.js';
import { formatValue, fillPlaceholders } from '../app/format.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

let sheet = null;
function adoptStyles(root) {
  // Constructed stylesheets also work under a page CSP without 'unsafe-inline'.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(css); }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(el('style', {}, css));
  }
}

class KpiKitElement extends HTMLElement {
  static get observedAttributes() { return ['calculator', 'lang', 'values']; }

  /** The calculators the widget offers: a promise of [{id, inputs}] (used by the embed page). */
  static calculators() { return loadCore().then((core) => core.calculators()); }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    adoptStyles(this.shadowRoot);
    this.result = null;
    this._fields = new Map();
    this._renderQueued = false;
  }

  connectedCallback() { this._queueRender(); }

  attributeChangedCallback() { if (this.isConnected) this._queueRender(); }

  get language() {
    return widgetLanguage(this.getAttribute('lang'))
      ?? widgetLanguage(this.parentElement?.closest('[lang]')?.getAttribute('lang'))
      ?? widgetLanguage(globalThis.navigator?.language) ?? 'en';
  }

  _queueRender() {
    if (this._renderQueued) return;
    this._renderQueued = true;
    queueMicrotask(() => { this._renderQueued = false; this._render(); });
  }

  async _render() {
    const lang = this.language;
    const id = (this.getAttribute('calculator') || 'crr').trim();
    const container = el('div', { class: 'kk', part: 'container', lang });
    const status = el('p', { class: 'intro', role: 'status' }, text(lang, 'widget.loading'));
    container.append(status);
    this.shadowRoot.replaceChildren(container);
    this._fields = new Map();
    let core;
    let spec;
    try {
      core = await loadCore();
      const specs = core.calculators();
      spec = specs.find((c) => c.id === id);
      if (!spec) {
        status.textContent = text(lang, 'widget.unknown_calculator')
          .replace('{id}', id).replace('{ids}', specs.map((c) => c.id).join(', '));
        return;
      }
    } catch (e) {
      status.textContent = text(lang, 'app.load_failed');
      return;
    }
    if (!container.isConnected) return;  // a newer render replaced this one
    this._build(container, spec, core, lang);
  }

  _build(container, spec, core, lang) {
    const uid = `kk-${spec.id}`;  // ids are scoped to this shadow root
    const title = el('div', { class: 'title', part: 'title', role: 'heading', 'aria-level': '2', id: `${uid}-title` },
      text(lang, `calc.${spec.id}.title`, spec.id.toUpperCase()));
    const intro = el('p', { class: 'intro', part: 'intro' }, text(lang, `calc.${spec.id}.intro`, ''));
    const form = el('form', { class: 'fields', part: 'form', novalidate: true });
    form.addEventListener('submit', (e) => e.preventDefault());
    const preset = new URLSearchParams(this.getAttribute('values') || '');

    for (const input of spec.inputs) {
      const fid = `${uid}-${input.name}`;
      const attrs = {
        id: fid, name: input.name, part: 'input', autocomplete: 'off', spellcheck: 'false',
        inputmode: 'decimal', 'aria-describedby': `${fid}-error${input.list ? ` ${fid}-hint` : ''}`,
      };
      const field = input.list ? el('textarea', { ...attrs, rows: '5' }) : el('input', { ...attrs, type: 'text' });
      field.value = preset.get(input.name) ?? '';
      const control = el('div', { class: 'control' }, field);
      if (input.unit === 'percent') control.append(el('span', { class: 'suffix', 'aria-hidden': 'true' }, '%'));
      const error = el('p', { class: 'error', part: 'error', id: `${fid}-error`, 'aria-live': 'polite' });
      const label = el('label', { for: fid, part: 'label' }, text(lang, `field.${input.name}`, input.name));
      const box = el('div', { class: `field${input.list ? ' list' : ''}`, part: 'field' }, label, control, error);
      if (input.list) box.insertBefore(el('p', { class: 'hint', id: `${fid}-hint` }, text(lang, 'widget.list_hint')), error);
      form.append(box);
      const entry = { input, field, error, touched: field.value !== '' };
      field.addEventListener('input', () => { entry.touched = true; this._recompute(); });
      field.addEventListener('blur', () => { if (!entry.touched && field.value === '') return; entry.touched = true; this._recompute(); });
      this._fields.set(input.name, entry);
    }

    const headline = el('output', { class: 'headline', part: 'headline', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const verdict = el('p', { class: 'verdict', part: 'verdict' });
    const warnings = el('ul', { class: 'warnings', part: 'warnings' });
    const details = el('dl', { class: 'details', part: 'details' });
    const formula = el('p', { class: 'formula', part: 'formula' });
    const arithmetic = el('p', { class: 'arithmetic', part: 'arithmetic' });
    const legend = el('p', { class: 'legend', part: 'legend' }, text(lang, `calc.${spec.id}.legend`, ''));
    const generalError = el('p', { class: 'general-error', part: 'general-error', role: 'alert' });
    const result = el('div', { class: 'result', part: 'result' }, headline, verdict, warnings, details, formula, arithmetic, legend, generalError);
    const footer = el('p', { class: 'footer', part: 'footer' }, text(lang, 'widget.footer'));
    container.setAttribute('role', 'group');
    container.setAttribute('aria-labelledby', title.id);
    container.replaceChildren(title, intro, form, result, footer);
    this._view = { spec, core, lang, headline, verdict, warnings, details, formula, arithmetic, generalError };
    this._recompute();
  }

  _recompute() {
    const v = this._view;
    if (!v) return;
    const inputs = {};
    for (const [name, { field }] of this._fields) inputs[name] = field.value;
    for (const { field, error } of this._fields.values()) {
      error.textContent = '';
      field.removeAttribute('aria-invalid');
    }
    v.generalError.textContent = '';
    try {
      this._show(v.core.calc(v.spec.id, inputs, v.lang));
    } catch (e) {
      this._showError(e);
    }
  }

  _show(r) {
    const { lang, headline, verdict, warnings, details, formula, arithmetic } = this._view;
    const label = (name) => text(lang, `field.${name}`, name);
    headline.replaceChildren(
      el('span', { class: 'headline-label', part: 'headline-label' }, label(r.primary)),
      el('span', { class: 'headline-value', part: 'headline-value' }, formatValue(r.values[r.primary], r.units[r.primary], lang)));
    const verdictKey = r.verdict ? `verdict.${r.verdict}` : null;
    verdict.textContent = verdictKey && hasText(lang, verdictKey) ? text(lang, verdictKey) : '';
    warnings.replaceChildren(...(r.warnings || []).map((code) => el('li', {}, text(lang, `warning.${code}`, code))));
    details.replaceChildren();
    for (const name of r.order) {
      if (name === r.primary) continue;
      details.append(el('dt', {}, label(name)),
        el('dd', { 'data-value': name }, formatValue(r.values[name], r.units[name], lang)));
    }
    formula.textContent = `${text(lang, 'app.formula')}: ${r.formula}`;
    arithmetic.textContent = fillPlaceholders(r.substituted, r, lang);
    this._emit(r);
  }

  _showError(e) {
    const { lang, headline, verdict, warnings, details, arithmetic, generalError } = this._view;
    headline.replaceChildren(el('span', { class: 'headline-value', part: 'headline-value' }, '–'));
    verdict.textContent = '';
    warnings.replaceChildren();
    details.replaceChildren();
    arithmetic.textContent = '';
    const target = e.field ? this._fields.get(e.field) : null;
    // An empty field nobody has touched yet is not an error worth shouting about.
    const quiet = e.code === 'missing' && target && !target.touched;
    if (!quiet) {
      const message = (e.row ? text(lang, 'widget.row').replace('{row}', e.row) : '') + errorText(lang, e);
      if (target) {
        target.error.textContent = message;
        target.field.setAttribute('aria-invalid', 'true');
      } else {
        generalError.textContent = message;
      }
    }
    this._emit(null);
  }

  _emit(result) {
    this.result = result;
    this.dispatchEvent(new CustomEvent('kpi-kit-result', { detail: result }));
  }
}

if (!customElements.get('kpi-kit')) customElements.define('kpi-kit', KpiKitElement);
