// The analysis tab: a file in (drop, pick, paste, demo), read by the core in
// the worker with progress and cancel, the preview of how it was read (each
// decision correctable), then the dashboard.
import { el, clear } from './dom.js';
import { t, textOr, errorText, fill } from './i18n.js';
import { formatValue } from './format.js';
import { renderDashboard } from './dashboard-view.js';
import { downloadJson } from './export.js';
import { xlsxToCsv, looksLikeXlsx } from './xlsx.js';

const roles = ['none', 'customer', 'order', 'date', 'amount', 'quantity', 'unit_price', 'product', 'channel', 'segment',
  'status', 'cost', 'margin', 'tenure', 'churn', 'monthly_revenue', 'start_date', 'end_date'];
const mb = (bytes, lang) => formatValue(bytes / 1048576, 'number', lang);

// The reading options the user can set (the core's ingest options) and their choices;
// the first choice of each is "auto" (for the delimiter the core's "" = detect).
const readChoices = {
  delimiter: ['', ';', ',', 'tab', '|'],
  header: ['auto', 'yes', 'no'],
  decimal: ['auto', 'comma', 'point'],
  date_order: ['auto', 'dmy', 'mdy'],
  encoding: ['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'],
};
// A change of these can move or rename the columns, so the mapping by hand no longer fits.
const layoutOptions = ['delimiter', 'header', 'encoding'];
const autoChoice = (key) => readChoices[key][0];
const readOption = (options, key) => options[key] ?? autoChoice(key);
const delimiterNames = { ';': 'semicolon', ',': 'comma', '|': 'bar' };
const encodingNames = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };
const unclearDateCodes = ['ambiguous_date_order', 'mixed_date_order'];

/** Text in the quotation marks of lang: „…“ in German, “…” in English. */
const quoted = (lang, text) => (lang === 'de' ? `„${text}“` : `“${text}”`);

/** The detected delimiter as shown: a word for tab, spaces and none, else the character in quotes. */
function delimiterText(lang, delimiter) {
  return ['tab', 'whitespace', 'none'].includes(delimiter) ? t(lang, `preview.delimiter.${delimiter}`) : quoted(lang, delimiter);
}

/** The label of one choice of a reading option; "auto" names what was detected when that is known. */
function choiceLabel(lang, key, choice, detected) {
  if (choice !== autoChoice(key)) return t(lang, `read.${key}.${delimiterNames[choice] ?? choice}`);
  return detected ? fill(t(lang, 'read.auto_detected'), { value: detected }) : t(lang, 'read.auto');
}

/**
 * Why a column has its role, in lang: the core's reason code in the words of
 * i18n ({0}, {1}: the core's reason_args; {1:role}: an arg that is a role name,
 * shown as the role's label); the core's English sentence when there is no text.
 */
function reasonText(lang, column) {
  const template = textOr(lang, `reason.${column.reason_code}`, null);
  if (template === null) return column.reason || '';
  const args = column.reason_args || [];
  return template.replace(/\{(\d)(:role)?\}/g, (m, k, role) => {
    const arg = args[Number(k)];
    if (arg === undefined) return m;
    return role ? t(lang, `role.${arg}`) : arg;
  });
}

/** One issue of the core as a line for the user: where (file or row, column), what, and the value at fault. */
function issueText(lang, issue, columns) {
  const where = issue.row === 0 ? t(lang, 'preview.file') : `${t(lang, 'preview.row')} ${issue.row}`;
  const column = issue.column !== null && columns?.[issue.column] ? `, ${columns[issue.column].name}` : '';
  // English: the core's message is English and names the value itself.
  const translated = lang === 'en' ? null : textOr(lang, `issue.${issue.code}`, null);
  const what = translated === null ? issue.message
    : issue.value !== null && issue.value !== undefined ? `${translated}: ${quoted(lang, issue.value)}` : translated;
  return `${where}${column}: ${what}`;
}

export function createAnalysisView(root, core, getLang) {
  const $ = (sel) => root.querySelector(sel);
  const state = { source: null, name: null, ingest: null, report: null, dataset: null, options: {}, controller: null, demo: false };
  let previewSource = null;  // the file the preview box shows

  function setBusy(busy) {
    $('#progress').hidden = !busy;
    for (const b of root.querySelectorAll('[data-busy-disable]')) b.disabled = busy;
  }

  function showMessage(text, kind = 'error') {
    const box = $('#analysis-message');
    box.textContent = text;
    box.dataset.kind = kind;
    box.hidden = !text;
  }

  function onProgress({ bytes, total, rows = 0 }) {
    const lang = getLang();
    const bar = $('#progress-bar');
    if (total) { bar.max = total; bar.value = bytes; } else bar.removeAttribute('value');
    const vars = { mb: mb(bytes, lang), total: total ? mb(total, lang) : '', rows: formatValue(rows, 'count', lang) };
    $('#progress-text').textContent = fill(t(lang, total ? 'progress.reading_of' : 'progress.reading'), vars);
  }

  /** The RFM customer list of the current dataset, for the export button (the same settings as the report). */
  async function rfmCustomers() {
    const full = await core.analyze(state.dataset, { ...analysisParams(), rfm_customers: true });
    return full.rfm.customers;
  }

  function analysisParams() {
    // rfm_customers: the per-customer RFM list is fetched only for its CSV export (see rfmCustomers).
    return { period: $('#setting-period').value, inactivity_days: Number($('#setting-inactivity').value), rfm_customers: false };
  }

  async function runAnalysis() {
    const lang = getLang();
    $('#progress-text').textContent = t(lang, 'progress.analyzing');
    const report = await core.analyze(state.dataset, analysisParams());
    state.report = report;
    state.clv = null;
    if (report.mode === 'orders') {
      // Predicted CLV: BG/NBD for purchases, Gamma-Gamma for spend, weeks, one year, 10 % a year.
      state.clv = await core.clvOverview({ dataset: state.dataset, model: 'bgnbd', unit: 'week' }, 10)
        .catch((e) => ({ error: { code: e.code, message: e.message } }));
    }
    renderAll();
  }

  /** Reads source (File, Blob or string) with the current overrides; keeps the previous results on failure. */
  async function load(source, name, { demo = false, options = {} } = {}) {
    const lang = getLang();
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    showMessage('');
    setBusy(true);
    onProgress({ bytes: 0, total: source.size ?? null });
    try {
      // Excel workbooks: the first sheet becomes CSV text in the page, then goes the usual way.
      if (source instanceof Blob && looksLikeXlsx(name, new Uint8Array(await source.slice(0, 4).arrayBuffer()))) {
        source = await xlsxToCsv(new Uint8Array(await source.arrayBuffer()));
      }
      // fallback_to_table: when no mapping fits, the core still reports the
      // columns (and mapping_error) so the user can map them here.
      const ingest = await core.openDataset(source, { options: { ...options, fallback_to_table: true }, onProgress, signal: controller.signal });
      if (state.dataset && state.dataset !== ingest.dataset) core.dropDataset(state.dataset).catch(() => {});
      Object.assign(state, { source, name, ingest, dataset: ingest.dataset, options, demo, needsMapping: Boolean(ingest.mapping_error) });
      if (ingest.mapping_error) {
        state.report = null;
        showMessage(errorText(lang, ingest.mapping_error));
        renderAll();
      } else {
        await runAnalysis();
      }
    } catch (e) {
      const text = e.code === 'cancelled' ? t(lang, 'progress.cancelled') : errorText(lang, e);
      showMessage(text, e.code === 'cancelled' ? 'info' : 'error');
      if (e.code !== 'cancelled' && e.code !== 'out_of_memory') {
        // Keep the file so the user can correct the mapping in the preview.
        Object.assign(state, { source, name, options });
      }
    } finally {
      if (state.controller === controller) state.controller = null;
      setBusy(false);
    }
  }

  /** What the core detected for each reading option, as shown after "auto" (the date order only when a/b/yyyy dates needed one). */
  function detectedReading(lang, r) {
    return {
      date_order: ['dmy', 'mdy'].includes(r.date_order) && t(lang, `read.date_order.${r.date_order}`),
      delimiter: r.dialect?.delimiter && delimiterText(lang, r.dialect.delimiter),
      header: r.header && t(lang, r.header.present ? 'preview.yes' : 'preview.no'),
      decimal: r.decimal?.style && t(lang, `preview.decimal.${r.decimal.style}`),
      encoding: r.encoding?.name && (encodingNames[r.encoding.name] ?? r.encoding.name),
    };
  }

  /** The reading options, each preset to the current choice; unclearDates (an issue code) adds a notice at the date order. */
  function readOptionsGroup(lang, r, unclearDates) {
    const detected = detectedReading(lang, r);
    const fields = Object.keys(readChoices).map((key) => {
      const id = `read-option-${key}`;
      const current = readOption(state.options, key);
      const shown = current === autoChoice(key) ? detected[key] : null;
      const notice = key === 'date_order' && unclearDates
        ? el('p', { class: 'notice', id: 'date-order-notice' }, t(lang, `read.notice.${unclearDates}`)) : null;
      const select = el('select', { id, name: key, 'aria-describedby': notice && notice.id },
        readChoices[key].map((choice) => el('option', { value: choice, selected: choice === current }, choiceLabel(lang, key, choice, shown))));
      return el('div', { class: 'read-option' }, el('label', { for: id }, t(lang, `read.${key}`)), select, notice);
    });
    const apply = el('button', { type: 'button', 'data-busy-disable': true, id: 'apply-read-options', onclick: applyReadOptions }, t(lang, 'read.apply'));
    return el('div', { id: 'read-options', role: 'group', 'aria-labelledby': 'read-options-title' },
      el('p', { class: 'hint' }, t(lang, 'read.hint')), el('div', { class: 'read-option-fields' }, fields), apply);
  }

  /** Reads the file again with the chosen reading options; keeps the mapping unless the columns may have changed. */
  function applyReadOptions() {
    const options = { ...state.options };
    let layoutChanged = false;
    for (const key of Object.keys(readChoices)) {
      const choice = root.querySelector(`#read-options select[name=${key}]`).value;
      if (layoutOptions.includes(key) && choice !== readOption(state.options, key)) layoutChanged = true;
      if (choice === autoChoice(key)) delete options[key]; else options[key] = choice;
    }
    if (layoutChanged) delete options.mapping;
    load(state.source, state.name, { demo: state.demo, options });
  }

  function renderPreview() {
    const lang = getLang();
    const r = state.ingest;
    const box = $('#preview');
    if (!r) { box.hidden = true; return; }
    box.hidden = false;
    const yesNo = (b) => t(lang, b ? 'preview.yes' : 'preview.no');
    const facts = [
      ['preview.encoding', encodingNames[r.encoding?.name] ?? r.encoding?.name, r.encoding?.reason],
      ['preview.delimiter', delimiterText(lang, r.dialect?.delimiter), r.dialect?.reason],
      ['preview.header', yesNo(r.header?.present), r.header?.reason],
      ['preview.decimal', t(lang, `preview.decimal.${r.decimal?.style}`), r.decimal?.reason],
      ['preview.mode', t(lang, `preview.mode.${r.mode?.name}`), r.mode?.reason],
    ];
    const factList = el('dl', { class: 'details facts-list' },
      facts.flatMap(([k, v, why]) => [el('dt', {}, t(lang, k)), el('dd', { title: why || '' }, String(v ?? '–'))]));

    const rows = (r.columns || []).map((c) => {
      const select = el('select', { 'data-column': String(c.index), 'aria-label': `${t(lang, 'preview.role')}: ${c.name}` },
        roles.map((role) => el('option', { value: role, selected: role === c.role }, t(lang, `role.${role}`))));
      return el('tr', {}, el('th', { scope: 'row' }, c.name), el('td', {}, textOr(lang, `type.${c.type}`, c.type)), el('td', {}, select),
        el('td', { class: 'reason' }, reasonText(lang, c)));
    });
    const columns = el('table', { id: 'mapping-table' },
      el('thead', {}, el('tr', {}, ['preview.column', 'preview.type', 'preview.role', 'preview.reason'].map((k) => el('th', { scope: 'col' }, t(lang, k))))),
      el('tbody', {}, rows));
    const apply = el('button', { type: 'button', 'data-busy-disable': true, id: 'apply-mapping', onclick: () => {
      const mapping = {};
      for (const s of root.querySelectorAll('#mapping-table select')) if (s.value !== 'none') {
        const idx = Number(s.dataset.column);
        if (mapping[s.value] === undefined || s.value !== 'segment') mapping[s.value] = idx;
      }
      load(state.source, state.name, { demo: state.demo, options: { ...state.options, mapping } });
    } }, t(lang, 'preview.apply'));

    const acc = r.rows || {};
    const skipped = Object.entries(acc.skipped || {});
    const accounting = el('dl', { class: 'details', id: 'row-accounting' },
      el('dt', {}, t(lang, 'preview.rows_read')), el('dd', { 'data-value': 'rows_read' }, formatValue(acc.read, 'count', lang)),
      el('dt', {}, t(lang, 'preview.rows_used')), el('dd', { 'data-value': 'rows_used' }, formatValue(acc.used, 'count', lang)),
      skipped.flatMap(([reason, n]) => [el('dt', {}, `${t(lang, 'preview.rows_skipped')}: ${textOr(lang, `skip.${reason}`, reason)}`),
        el('dd', { 'data-skip': reason }, formatValue(n, 'count', lang))]));
    const issues = (r.issues || []).slice(0, 10);
    const issueList = issues.length ? el('ul', { class: 'issues', id: 'issue-list' },
      issues.map((i) => el('li', {}, issueText(lang, i, r.columns)))) : null;
    const head = (r.columns || []).map((c) => el('th', { scope: 'col' }, c.name));
    const sample = (r.preview || []).slice(0, 8);
    const previewTable = sample.length ? el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t(lang, 'preview.first_rows') },
      el('table', { id: 'preview-rows' }, el('thead', {}, el('tr', {}, head)),
        el('tbody', {}, sample.map((row) => el('tr', {}, row.map((cell) => el('td', {}, cell))))))) : null;

    // Dates that read both as day/month and month/day: the user has to choose, so the box opens.
    // Read again with other options or shown in another language, the same file keeps the box as it was.
    const unclearDates = unclearDateCodes.find((code) => r.issue_counts?.[code]);
    const sameFile = previewSource === state.source;
    previewSource = state.source;
    box.open = Boolean(state.needsMapping || unclearDates || (sameFile && box.open));
    clear(box).append(...[el('summary', {}, `${t(lang, 'preview.title')}: ${state.name || ''}`), factList,
      el('h3', { id: 'read-options-title' }, t(lang, 'read.title')), readOptionsGroup(lang, r, unclearDates),
      previewTable ? el('h3', {}, t(lang, 'preview.first_rows')) : null, previewTable,
      el('h3', {}, t(lang, 'preview.columns')), el('div', { class: 'table-scroll' }, columns), apply,
      el('h3', {}, t(lang, 'preview.accounting')), accounting,
      issueList ? el('h3', {}, t(lang, 'preview.issues')) : null, issueList].filter(Boolean));
  }

  function renderAll() {
    const lang = getLang();
    $('#demo-banner').hidden = !state.demo;
    renderPreview();
    const dash = $('#dashboard');
    dash.hidden = !state.report;
    // Period and inactivity window shape an order history's report only; a customer list has neither.
    const orders = state.report?.mode !== 'customers';
    for (const id of ['#setting-period', '#setting-inactivity']) $(id).closest('label').hidden = !orders;
    $('#recompute-button').hidden = !orders;
    if (state.report) {
      renderDashboard($('#dashboard-content'), state.report, lang, state.clv, { rfmCustomers });
      root.dataset.analysed = 'true';
    }
  }

  // Wiring of the static controls in index.html.
  const fileInput = $('#file-input');
  fileInput.addEventListener('change', () => { const f = fileInput.files[0]; if (f) load(f, f.name); fileInput.value = ''; });
  const drop = $('#drop-zone');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault(); drop.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) load(f, f.name);
  });
  $('#paste-button').addEventListener('click', () => {
    const text = $('#paste-input').value;
    if (text.trim()) load(text, 'paste');
  });
  $('#demo-button').addEventListener('click', () => loadDemo());
  $('#cancel-button').addEventListener('click', () => state.controller?.abort());
  $('#recompute-button').addEventListener('click', () => state.dataset && runAnalysis().catch((e) => showMessage(errorText(getLang(), e))));
  $('#export-json').addEventListener('click', () => state.report && downloadJson({ ingest: state.ingest, report: state.report }, 'kpikit-bericht.json'));
  $('#print-button').addEventListener('click', () => window.print());

  async function loadDemo() {
    const response = await fetch(new URL('../demo/demo-bestellungen.csv', import.meta.url));
    const blob = await response.blob();
    return load(blob, 'demo-bestellungen.csv', { demo: true });
  }

  return { load, loadDemo, rerender: renderAll, state };
}
