// Tables from the core's columnar data, with a CSV export button.
import { el } from './dom.js';
import { formatValue } from './format.js';
import { downloadCsv } from './export.js';

/**
 * columns: [{key, label, unit}] ; data: {key: [values]} (columnar, equal lengths).
 * Cells are text only. null shows as "–". Returns a <figure> with caption,
 * the table and an export button writing the raw values as CSV.
 */
export function columnarTable({ id, caption, columns, data, lang, exportLabel, fileName, rowClass }) {
  const n = Math.max(0, ...columns.map((c) => (data[c.key] || []).length));
  const thead = el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.label))));
  const tbody = el('tbody');
  for (let i = 0; i < n; i++) {
    const tr = el('tr', { class: rowClass ? rowClass(i) : null });
    for (const c of columns) {
      const v = (data[c.key] || [])[i];
      const text = c.unit === 'text' || typeof v === 'string' ? (v ?? '–') : formatValue(v, c.unit, lang);
      tr.append(el(c === columns[0] ? 'th' : 'td', c === columns[0] ? { scope: 'row' } : { class: 'num' }, text));
    }
    tbody.append(tr);
  }
  const exportCsv = () => downloadCsv(columns.map((c) => c.label),
    Array.from({ length: n }, (_, i) => columns.map((c) => (data[c.key] || [])[i] ?? null)), fileName, lang);
  return el('figure', { class: 'table-figure', id },
    el('figcaption', {}, el('span', {}, caption),
      el('button', { type: 'button', class: 'small', onclick: exportCsv, 'data-export': 'csv' }, exportLabel)),
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption },
      el('table', {}, thead, tbody)));
}
