// The dashboard's charts, drawn by uPlot (served from our origin, web/vendor/), with a PNG export.
import uPlot from '../vendor/uPlot.esm.js';
import { el } from './dom.js';
import { downloadCanvasPng } from './export.js';

const palette = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490'];
// Tick spacings of whole numbers, 1, 2, 5, 10 … 5·10^12: a count axis never shows 2,5.
const wholeIncrs = Array.from({ length: 13 }, (_, k) => [1, 2, 5].map((d) => d * 10 ** k)).flat();

/** A figure with a caption, a PNG export button and a holder for the chart. */
function chartFigure(id, caption, exportLabel, fileName) {
  const holder = el('div', { class: 'chart', role: 'img', 'aria-label': caption });
  const figure = el('figure', { class: 'chart-figure', id },
    el('figcaption', {}, el('span', {}, caption),
      el('button', { type: 'button', class: 'small', 'data-export': 'png',
        onclick: () => { const c = holder.querySelector('canvas'); if (c) downloadCanvasPng(c, fileName); } }, exportLabel)),
    holder);
  return { figure, holder };
}

/**
 * Draws the chart at the holder's width (at most `width`, at least 280 px) and
 * follows it: a dashboard drawn while hidden, a phone's narrow screen, a
 * resized window. uPlot draws at a fixed pixel width.
 */
function drawWhenAttached(holder, opts, data, width) {
  const fit = () => Math.max(280, Math.min(width, holder.clientWidth || width));
  requestAnimationFrame(() => {
    const chart = new uPlot({ ...opts, width: fit() }, data, holder);
    new ResizeObserver(() => {
      if (holder.clientWidth > 0 && fit() !== chart.width) chart.setSize({ width: fit(), height: opts.height });
    }).observe(holder);
  });
}

/**
 * A bar chart (e.g. a histogram): labels per bar, one series of values (counts: the axis ticks whole numbers).
 * xLabel names the bars in the legend (uPlot would say "Value"); yFormat formats the values on the axis and in the legend.
 * The bars are also a table for screen readers, as the canvas is an image to them.
 */
export function barChart({ id, caption, labels, values, xLabel, seriesLabel, yFormat, exportLabel, fileName, width = 1100, height = 240 }) {
  const { figure, holder } = chartFigure(id, caption, exportLabel, fileName);
  const opts = {
    width, height,
    scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] } },
    axes: [
      { values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? labels[t] ?? '' : '')), rotate: 0 },
      { values: yFormat ? (u, ticks) => ticks.map(yFormat) : undefined, size: 60, incrs: wholeIncrs },
    ],
    series: [{ label: xLabel, value: (u, v) => (v == null ? '–' : labels[v] ?? '') },
      { label: seriesLabel, fill: 'rgba(11,92,173,0.55)', stroke: palette[0], width: 1,
        value: yFormat ? (u, v) => (v == null ? '–' : yFormat(v)) : undefined,
        paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false } }],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
  drawWhenAttached(holder, opts, [labels.map((_, i) => i), values], width);
  figure.append(el('table', { class: 'visually-hidden chart-data' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, xLabel), el('th', { scope: 'col' }, seriesLabel))),
    el('tbody', {}, labels.map((label, i) => el('tr', {}, el('th', { scope: 'row' }, label),
      el('td', {}, yFormat ? yFormat(values[i]) : String(values[i])))))));
  return figure;
}

/**
 * A line chart. x: numbers (index or time); labels: x tick texts (optional), else xFormat formats x;
 * xLabel: what x is, in the legend (uPlot would say "Value"); series: [{label, values, dash?, percent?}];
 * band: optional [lowerIdx, upperIdx].
 * Returns a <figure> with a caption and a PNG button.
 */
export function lineChart({ id, caption, x, labels, xLabel, xFormat = String, series, yFormat, exportLabel, fileName, width = 1100, height = 280, band }) {
  const { figure, holder } = chartFigure(id, caption, exportLabel, fileName);
  const opts = {
    width, height,
    scales: { x: { time: false } },
    axes: [
      { values: labels ? (u, ticks) => ticks.map((t) => labels[Math.round(t)] ?? '') : (u, ticks) => ticks.map(xFormat) },
      { values: yFormat ? (u, ticks) => ticks.map(yFormat) : undefined, size: 60 },
    ],
    series: [{ label: xLabel, value: (u, v) => (v == null ? '–' : labels ? labels[Math.round(v)] ?? '' : xFormat(v)) }, ...series.map((s, i) => ({
      label: s.label, stroke: s.color || palette[i % palette.length], width: 2, dash: s.dash,
      value: yFormat ? (u, v) => (v == null ? '–' : yFormat(v)) : undefined, spanGaps: false,
    }))],
    bands: band ? [{ series: [band[1] + 1, band[0] + 1], fill: 'rgba(11,92,173,0.12)' }] : undefined,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
  const data = [x, ...series.map((s) => s.values.map((v) => (v === null || v === undefined ? null : v)))];
  drawWhenAttached(holder, opts, data, width);
  return figure;
}
