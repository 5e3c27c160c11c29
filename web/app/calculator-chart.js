// Line charts of a calculator's table with uPlot (served from web/vendor/).
// The table's first column is x; table.chart names the columns drawn as lines.
// Values are formatted by format.js, so axes read like the table.
import { el } from './dom.js';
import { formatValue } from './format.js';
import { columnLabel } from './i18n.js';

let uPlotModule = null;
const loadUPlot = () => (uPlotModule ??= import('../vendor/uPlot.esm.js').then((m) => m.default));

const colors = ['#0b5cad', '#a4161a', '#2b8a3e'];

/**
 * Draws table (from a calculator result) into container, replacing any chart
 * there; the chart follows the container's width. Returns {uplot, destroy()}:
 * call destroy() before dropping it.
 */
export async function drawTableChart(container, table, lang, width) {
  const uPlot = await loadUPlot();
  const xs = table.rows.map((row) => row[0]);
  const series = table.chart.map((name) => table.columns.indexOf(name)).filter((i) => i > 0);
  const data = [xs, ...series.map((i) => table.rows.map((row) => row[i]))];
  const format = (unit) => (u, splits) => splits.map((v) => formatValue(v, unit, lang));
  const opts = {
    width: Math.max(240, width),
    height: 200,
    scales: { x: { time: false } },
    legend: { show: false },
    series: [
      { label: columnLabel(lang, table.columns[0]), value: (u, v) => formatValue(v, table.units[0], lang) },
      ...series.map((i, k) => ({
        label: columnLabel(lang, table.columns[i]),
        stroke: colors[k % colors.length],
        width: 2,
        points: { show: true, size: 6 },
        value: (u, v) => formatValue(v, table.units[i], lang),
      })),
    ],
    axes: [
      { values: format(table.units[0]), label: columnLabel(lang, table.columns[0]) },
      { values: format(series.length ? table.units[series[0]] : 'number'), size: 80,
        label: series.map((i) => columnLabel(lang, table.columns[i])).join(', ') },
    ],
  };
  const host = el('div', { class: 'chart', 'data-chart': table.name });
  container.replaceChildren(host);
  const chart = new uPlot(opts, data, host);
  // Follow the card's width (the card may not be laid out yet when first drawn).
  const observer = new ResizeObserver(() => {
    const w = container.clientWidth;
    if (w > 0 && Math.abs(w - chart.width) > 1) chart.setSize({ width: Math.max(240, w), height: opts.height });
  });
  observer.observe(container);
  return { uplot: chart, destroy: () => { observer.disconnect(); chart.destroy(); } };
}
