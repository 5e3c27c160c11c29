// The dashboard: headline KPIs with their formulas, the period table, cohort
// heatmaps, charts, segments and RFM, from one analytics report of the core.
// Displays only: every number is the core's.
import { clvOverview } from '../clv-overview.js';
import { clvCaption, clvMethod } from './clv-method.js';
import { el } from './dom.js';
import { formatValue } from './format.js';
import { t, textOr, fill } from './i18n.js';
import { columnarTable } from './table.js';
import { lineChart, barChart } from './dashboard-charts.js';
import { histogram } from './histogram.js';
import { clvWarningTexts } from './clv-warnings.js';
import { downloadCsv } from './export.js';

/**
 * Column specs of a columnarTable from [key, unit, label] triples: key names the
 * report's field, label the text col.<label> (the key when left out).
 */
const columnSpecs = (lang, cols) => cols.map(([key, unit, label = key]) => ({ key, unit, label: t(lang, `col.${label}`) }));

/**
 * The table of one segment column (group sizes first, so small groups are
 * recognisable); the group of blank cells is named "(ohne Angabe)" / "(blank)".
 */
function segmentTable(segment, i, lang, cols) {
  const label = segment.label.map((l) => (l === '' ? t(lang, 'segments.blank') : l));
  return columnarTable({
    id: `segment-${i}`, caption: fill(t(lang, 'segments.title'), { column: segment.column }), lang,
    exportLabel: t(lang, 'dash.csv'), fileName: `kpikit-segment-${i + 1}.csv`,
    columns: columnSpecs(lang, cols), data: { ...segment, label },
  });
}

function kpiCard(lang, key, value, unit, formulaKey, note) {
  return el('div', { class: 'kpi', 'data-kpi': key },
    el('span', { class: 'kpi-label' }, t(lang, `kpi.${key}`)),
    el('span', { class: 'kpi-value' }, formatValue(value, unit, lang)),
    note ? el('span', { class: 'kpi-note' }, note) : null,
    el('span', { class: 'kpi-formula' }, t(lang, formulaKey)));
}

/** Index of the last complete period with a defined CRR, or -1. */
function lastCompletePeriod(periods) {
  for (let i = periods.label.length - 1; i >= 0; i--)
    if (!periods.incomplete[i] && periods.crr[i] !== null) return i;
  return -1;
}

/**
 * The first day a customer can be lost: the data's first day plus the
 * inactivity window (a customer is lost inactivity_days after a purchase), as
 * yyyy-mm-dd; null without data.
 */
function firstPossibleLoss(report) {
  const first = report.range?.first_day;
  if (!first) return null;
  return new Date(Date.parse(first) + report.options.inactivity_days * 86400000).toISOString().slice(0, 10);
}

function headlineKpis(report, lang, clv) {
  const p = report.periods;
  const i = lastCompletePeriod(p);
  // A headline period that ends before anyone can be lost shows 100 % / 0 % by construction: say so.
  const lossFrom = firstPossibleLoss(report);
  const noLossYet = i >= 0 && lossFrom !== null && p.end[i] < lossFrom;
  const periodNote = i >= 0 ? fill(t(lang, 'kpi.of_period'), { period: p.label[i] }) : null;
  const note = noLossYet ? `${periodNote} · ${fill(t(lang, 'kpi.no_loss_yet'), { date: formatValue(lossFrom, 'date', lang) })}` : periodNote;
  const r = report.repeat;
  return el('div', { class: 'kpis', id: 'headline-kpis' },
    kpiCard(lang, 'crr', i >= 0 ? p.crr[i] : null, 'percent', 'kpi.formula.crr', note),
    kpiCard(lang, 'churn', i >= 0 ? p.churn[i] : null, 'percent', 'kpi.formula.churn', note),
    kpiCard(lang, 'repeat', r.repeat_purchase_rate, 'percent', 'kpi.formula.repeat'),
    kpiCard(lang, 'aov', r.average_order_value, 'amount', 'kpi.formula.aov'),
    kpiCard(lang, 'rpc', r.revenue_per_customer, 'amount', 'kpi.formula.rpc'),
    kpiCard(lang, 'customers', report.totals.customers, 'count', 'kpi.formula.customers'),
    clv && !clv.error && clv.counts.customers > 0
      ? kpiCard(lang, 'clv', clv.totals.clv / clv.counts.customers, 'amount', 'kpi.formula.clv', t(lang, 'kpi.clv_note')) : null);
}

function periodTable(report, lang) {
  const p = report.periods;
  const label = p.label.map((l, i) => (p.incomplete[i] ? `${l} (${t(lang, 'periods.incomplete')})` : l));
  const cols = [
    ['period', 'text'], ['start', 'count'], ['new', 'count'], ['reactivated', 'count'], ['lost', 'count'],
    ['end', 'count'], ['crr', 'percent'], ['churn', 'percent'], ['active', 'count'], ['orders', 'count'],
    ['revenue', 'amount'], ['new_revenue', 'amount'], ['returning_revenue', 'amount'],
  ];
  const data = {
    period: label, start: p.customers_start, new: p.new_customers, reactivated: p.reactivated, lost: p.lost,
    end: p.customers_end, crr: p.crr, churn: p.churn, active: p.active, orders: p.orders, revenue: p.revenue,
    new_revenue: p.new_revenue, returning_revenue: p.returning_revenue,
  };
  return columnarTable({
    id: 'period-table', caption: t(lang, 'periods.title'), lang, exportLabel: t(lang, 'dash.csv'), fileName: 'kpikit-perioden.csv',
    columns: columnSpecs(lang, cols), data,
    rowClass: (i) => (p.incomplete[i] ? 'incomplete' : null),
  });
}

/** A cohort heatmap: rows = cohorts, columns = periods since the first purchase; null cells stay empty. */
function cohortHeatmap(report, lang, matrixKey, captionKey, id) {
  const c = report.cohorts;
  const matrix = c[matrixKey];
  const width = Math.max(0, ...matrix.map((row) => row.length));
  const head = el('tr', {}, el('th', { scope: 'col' }, t(lang, 'cohorts.cohort')), el('th', { scope: 'col' }, t(lang, 'cohorts.size')),
    Array.from({ length: width }, (_, k) => el('th', { scope: 'col' }, String(k))));
  const body = el('tbody');
  matrix.forEach((row, r) => {
    const tr = el('tr', {}, el('th', { scope: 'row' }, c.cohort[r]), el('td', { class: 'num' }, formatValue(c.size[r], 'count', lang)));
    for (let k = 0; k < width; k++) {
      const v = row[k];
      const td = el('td', { class: v === null || v === undefined ? 'heat empty' : 'heat' }, v === null || v === undefined ? '' : formatValue(v, 'percent', lang));
      if (v !== null && v !== undefined) {
        const level = Math.max(0, Math.min(1, v));
        // At most 70 % opacity keeps the dark text at a contrast of 4.5:1 or more.
        td.style.backgroundColor = `rgba(11, 92, 173, ${(0.06 + 0.64 * level).toFixed(3)})`;
      }
      tr.append(td);
    }
    body.append(tr);
  });
  const exportCsv = () => downloadCsv([t(lang, 'cohorts.cohort'), t(lang, 'cohorts.size'), ...Array.from({ length: width }, (_, k) => String(k))],
    matrix.map((row, r) => [c.cohort[r], c.size[r], ...Array.from({ length: width }, (_, k) => row[k] ?? null)]), `kpikit-${id}.csv`, lang);
  return el('figure', { class: 'table-figure', id },
    el('figcaption', {}, el('span', {}, t(lang, captionKey)),
      el('button', { type: 'button', class: 'small', 'data-export': 'csv', onclick: exportCsv }, t(lang, 'dash.csv'))),
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t(lang, captionKey) },
      el('table', { class: 'heatmap' }, el('thead', {}, head), body)));
}

function retentionChart(report, lang) {
  const p = report.periods;
  const pct = (v) => formatValue(v, 'percent', lang);
  return lineChart({
    id: 'retention-chart', caption: t(lang, 'chart.retention'), exportLabel: t(lang, 'dash.png'), fileName: 'kpikit-retention.png',
    x: p.label.map((_, i) => i), labels: p.label, xLabel: t(lang, 'col.period'), yFormat: pct,
    series: [{ label: t(lang, 'kpi.crr'), values: p.crr }, { label: t(lang, 'kpi.churn'), values: p.churn }],
  });
}

function segmentTables(report, lang) {
  const cols = [
    ['label', 'text', 'segment'], ['customers', 'count'], ['retention', 'percent', 'crr'], ['churn', 'percent'],
    ['repeat_purchase_rate', 'percent', 'repeat_rate'], ['orders_per_customer', 'number'], ['revenue', 'amount'],
    ['revenue_per_customer', 'amount'],
  ];
  return (report.segments || []).map((s, i) => segmentTable(s, i, lang, cols));
}

/** An RFM segment's name in lang (rfm.segment.<name>); the core's English name when there is no text. */
function segmentLabel(lang, name) {
  return textOr(lang, `rfm.segment.${name}`, name);
}

/**
 * RFM segments. The per-customer list (for its CSV export) is either in the
 * report (rfm.customers) or fetched on demand by loadCustomers(), so a report
 * of a million customers need not carry it to the page.
 */
function rfmSection(report, lang, loadCustomers = null) {
  const rfm = report.rfm;
  if (!rfm) return null;
  const table = columnarTable({
    id: 'rfm-table', caption: t(lang, 'rfm.title'), lang, exportLabel: t(lang, 'dash.csv'), fileName: 'kpikit-rfm-segmente.csv',
    columns: columnSpecs(lang, [['name', 'text', 'rfm_segment'], ['customers', 'count'], ['revenue', 'amount']]),
    data: { ...rfm.segments, name: rfm.segments.name.map((n) => segmentLabel(lang, n)) },
  });
  if (rfm.customers?.id || loadCustomers) {
    const exportCustomers = async () => {
      const customers = rfm.customers?.id ? rfm.customers : await loadCustomers();
      downloadCsv(
        [t(lang, 'col.id'), t(lang, 'col.rfm_segment'), t(lang, 'col.recency'), t(lang, 'col.frequency'), t(lang, 'col.monetary'), 'R', 'F', 'M'],
        customers.id.map((id, i) => [id, segmentLabel(lang, customers.segment[i]), customers.recency[i], customers.frequency[i], customers.monetary[i],
          customers.r[i], customers.f[i], customers.m[i]]), 'kpikit-rfm-kunden.csv', lang);
    };
    table.querySelector('figcaption').append(
      el('button', { type: 'button', class: 'small', 'data-export': 'rfm-customers', onclick: exportCustomers }, t(lang, 'rfm.export')));
  }
  return table;
}

function repeatFacts(report, lang) {
  const r = report.repeat;
  const rows = [[t(lang, 'repeat.median_gap'), formatValue(r.median_days_between_orders, 'number', lang)]];
  if (report.cross_sell?.available) rows.push([t(lang, 'repeat.cross_sell'), formatValue(report.cross_sell.rate, 'percent', lang)]);
  if (report.referral?.available) rows.push([t(lang, 'repeat.referral'), formatValue(report.referral.share, 'percent', lang)]);
  return el('section', { class: 'card facts', id: 'repeat-facts' }, el('h3', {}, t(lang, 'repeat.title')),
    el('dl', { class: 'details' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

/** Predicted CLV (BG/NBD + Gamma-Gamma): distribution and the most valuable customers. */
function clvSection(clv, lang) {
  if (!clv) return [];
  if (clv.error) return [el('p', { class: 'message', 'data-kind': 'info', id: 'clv-unavailable' }, `${t(lang, 'clv.unavailable')} (${clv.error.message})`)];
  // The worker sends clv_predict already reduced by clvOverview (web/clv-overview.js); a full result is reduced here.
  const overview = clv.clv_values ? clv : clvOverview(clv, 10);
  const top = overview.customers;
  const { labels, counts } = histogram(overview.clv_values, lang);
  const caption = clvCaption(clv, lang);
  // clv.warnings holds every warning once, those of the fits as "<model>:<code>"; clv.fit.warnings repeats the purchase model's.
  const warnings = clvWarningTexts(clv.warnings, lang);
  return [
    el('h3', { class: 'section-title' }, t(lang, 'clv.title')),
    el('p', { class: 'hint', id: 'clv-caption' }, caption),
    clvMethod(clv, lang),
    warnings.length ? el('ul', { class: 'message', 'data-kind': 'info', id: 'clv-warnings' },
      warnings.map((w) => el('li', { 'data-code': w.code, 'data-models': w.models.join(' ') }, w.text))) : null,
    barChart({ id: 'clv-histogram', caption: t(lang, 'clv.histogram'), labels, values: counts,
      xLabel: t(lang, 'col.clv'), seriesLabel: t(lang, 'col.customers'), yFormat: (v) => formatValue(v, 'number', lang),
      exportLabel: t(lang, 'dash.png'), fileName: 'kpikit-clv-verteilung.png' }),
    columnarTable({
      id: 'clv-top', caption: t(lang, 'clv.top'), lang, exportLabel: t(lang, 'dash.csv'), fileName: 'kpikit-clv-top.csv',
      columns: columnSpecs(lang, [
        ['id', 'text'], ['clv', 'amount'], ['p_alive', 'percent'], ['expected_purchases', 'number'],
        ['expected_spend', 'amount'], ['revenue', 'amount', 'revenue_to_date'],
      ]),
      data: top,
    }),
  ];
}

/** Days from one yyyy-mm-dd to another, both counted. */
function daysSpanned(first, last) {
  return Math.round((Date.parse(last) - Date.parse(first)) / 86400000) + 1;
}

/**
 * The report's warnings (the inactivity window against the data's span and the
 * period) in lang by their code, the core's message for a code without a text;
 * null without warnings.
 */
function reportWarnings(report, lang) {
  const warnings = report.warnings || [];
  if (!warnings.length) return null;
  const range = report.range || {};
  const vars = {
    window: formatValue(report.options?.inactivity_days, 'count', lang),
    span: range.first_day && range.reference_date ? formatValue(daysSpanned(range.first_day, range.reference_date), 'count', lang) : '',
  };
  return el('ul', { class: 'message', 'data-kind': 'warning', id: 'report-warnings' },
    warnings.map((w) => el('li', { 'data-code': w.code }, fill(textOr(lang, `report.warning.${w.code}`, w.message), vars))));
}

function ordersDashboard(report, lang, clv, rfmCustomers) {
  return [
    reportWarnings(report, lang),
    headlineKpis(report, lang, clv),
    el('div', { class: 'chart-row' }, retentionChart(report, lang)),
    periodTable(report, lang),
    cohortHeatmap(report, lang, 'retention', 'cohorts.title', 'cohort-retention'),
    cohortHeatmap(report, lang, 'revenue_retention', 'cohorts.revenue_title', 'cohort-revenue'),
    repeatFacts(report, lang),
    ...segmentTables(report, lang),
    rfmSection(report, lang, rfmCustomers),
    ...clvSection(clv, lang),
  ];
}

/**
 * The unit of a customer list's tenure in lang: "Monate" when the core computed
 * it from start and end dates (tenure_unit "months"), else the tenure column's
 * header, whose unit it is ("tenure", "Laufzeit (Wochen)").
 */
function tenureUnit(report, lang) {
  return report.tenure_unit === 'months' ? t(lang, 'unit.months') : (report.tenure_column || '');
}

/** A tenure with its unit: "29,5 Monate", or "72 (tenure)" in the tenure column's unit. */
function tenureText(v, report, lang) {
  const number = formatValue(v, 'number', lang);
  const unit = tenureUnit(report, lang);
  return report.tenure_unit === 'months' ? `${number} ${unit}` : `${number} (${unit})`;
}

/**
 * Median lifetime with its unit; when the Kaplan–Meier curve stays above one
 * half, "not reached" and how far the data goes (S at the last time).
 */
function medianLifetimeCard(report, lang) {
  const s = report.survival;
  const last = s.time.length - 1;
  const value = s.median !== null ? tenureText(s.median, report, lang) : t(lang, 'kpi.median_not_reached');
  const note = s.median === null && last >= 0
    ? fill(t(lang, 'kpi.median_not_reached_note'), {
      time: tenureText(s.time[last], report, lang), share: formatValue(s.survival[last], 'percent', lang) })
    : null;
  return el('div', { class: 'kpi', 'data-kpi': 'median_lifetime' },
    el('span', { class: 'kpi-label' }, t(lang, 'kpi.median_lifetime')),
    el('span', { class: 'kpi-value' }, value),
    note ? el('span', { class: 'kpi-note' }, note) : null,
    el('span', { class: 'kpi-formula' }, t(lang, 'kpi.formula.median_lifetime')));
}

function customersDashboard(report, lang) {
  const s = report.survival;
  const pct = (v) => formatValue(v, 'percent', lang);
  const kpis = el('div', { class: 'kpis', id: 'headline-kpis' },
    kpiCard(lang, 'churn', report.churn_rate, 'percent', 'kpi.formula.list_churn'),
    kpiCard(lang, 'revenue_churn', report.revenue_churn, 'percent', 'kpi.formula.revenue_churn'),
    medianLifetimeCard(report, lang),
    kpiCard(lang, 'customers', report.customers, 'count', 'kpi.formula.customer_rows'));
  const chart = lineChart({
    id: 'survival-chart', caption: t(lang, 'chart.survival'), exportLabel: t(lang, 'dash.png'), fileName: 'kpikit-survival.png',
    x: s.time, xLabel: `${t(lang, 'chart.tenure')} (${tenureUnit(report, lang)})`, xFormat: (v) => formatValue(v, 'number', lang),
    yFormat: pct, band: [1, 2],
    series: [
      { label: t(lang, 'chart.survival_series'), values: s.survival },
      { label: t(lang, 'chart.lower'), values: s.lower, dash: [4, 4], color: '#6b8fc7' },
      { label: t(lang, 'chart.upper'), values: s.upper, dash: [4, 4], color: '#6b8fc7' },
    ],
  });
  const cols = [
    ['label', 'text', 'segment'], ['customers', 'count'], ['churned', 'count'], ['churn_rate', 'percent'],
    ['revenue_churn', 'percent'], ['median_lifetime', 'number'],
  ];
  const segments = (report.segments || []).map((seg, i) => segmentTable(seg, i, lang, cols));
  return [kpis, el('div', { class: 'chart-row' }, chart), ...segments];
}

/** Fills container with the dashboard of an analytics report. */
export function renderDashboard(container, report, lang, clv = null, { rfmCustomers = null } = {}) {
  const parts = report.mode === 'customers' ? customersDashboard(report, lang) : ordersDashboard(report, lang, clv, rfmCustomers);
  container.replaceChildren(...parts.filter(Boolean));
}
