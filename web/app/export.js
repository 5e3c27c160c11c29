// Exports: CSV (safe against spreadsheet formula injection), JSON, PNG.

/**
 * One CSV cell. Text starting with = + - @ (or tab / carriage return) would run
 * as a formula in Excel or Sheets: it gets a leading apostrophe. Numbers stay
 * numbers (a negative number is not a formula), without grouping, with a
 * decimal comma when comma is true. Quotes per RFC 4180.
 */
export function csvCell(value, { comma = false } = {}) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return comma ? String(value).replace('.', ',') : String(value);
  }
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV text from a header row and rows of values, CRLF line ends, in the
 * dialect the user's spreadsheet opens with a double click: German Excel
 * expects ';' between cells and a decimal comma (1234,5); English ',' and a
 * decimal point (1234.5).
 */
export function toCsv(header, rows, lang = 'en') {
  const comma = lang === 'de';
  const delimiter = comma ? ';' : ',';
  return [header, ...rows].map((row) => row.map((v) => csvCell(v, { comma })).join(delimiter)).join('\r\n') + '\r\n';
}

/** Offers a Blob for download under a file name (no network involved). */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads a CSV in lang's spreadsheet dialect (toCsv), UTF-8 with a BOM so Excel reads umlauts right. */
export const downloadCsv = (header, rows, fileName, lang = 'en') =>
  download(new Blob(['\ufeff' + toCsv(header, rows, lang)], { type: 'text/csv;charset=utf-8' }), fileName);

export const downloadJson = (object, fileName) =>
  download(new Blob([JSON.stringify(object, null, 2)], { type: 'application/json' }), fileName);

/** Downloads the canvas of a chart as PNG. */
export function downloadCanvasPng(canvas, fileName) {
  canvas.toBlob((blob) => blob && download(blob, fileName), 'image/png');
}
