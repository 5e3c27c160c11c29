// Reads the first worksheet of an Excel .xlsx file into CSV text, in the
// browser, with no library: the ZIP container is read from its central
// directory and inflated by the platform's DecompressionStream; the sheet XML
// is scanned for cells. The CSV then goes to the core like any other file.
//
// Conventions: shared and inline strings become text; numbers stay as Excel
// wrote them (dates are Excel serial day numbers, which the core recognises);
// empty cells stay empty; formulas contribute their cached value. Errors are
// KpiError-like objects {code, message}: "xlsx_corrupt" for a damaged or
// truncated file, "xlsx_no_sheet" when no worksheet is found.

const te = new TextDecoder('utf-8');

function fail(code, message) {
  const e = new Error(message);
  e.name = 'KpiError';
  e.code = code;
  e.field = null;
  return e;
}

/** The entries of a ZIP archive: name -> {method, compressedSize, offset}. */
function zipEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw fail('xlsx_corrupt', 'the Excel file is damaged or truncated (no ZIP directory)');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw fail('xlsx_corrupt', 'the Excel file is damaged (bad ZIP directory entry)');
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = te.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.set(name, { method, compressedSize, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, view };
}

async function readEntry(bytes, zip, name) {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const { view } = zip;
  if (view.getUint32(entry.offset, true) !== 0x04034b50) throw fail('xlsx_corrupt', `the Excel file is damaged (${name})`);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw fail('xlsx_corrupt', 'the Excel file is truncated');
  if (entry.method === 0) return te.decode(data);
  if (entry.method !== 8) throw fail('xlsx_corrupt', `unsupported ZIP compression ${entry.method}`);
  try {
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return te.decode(new Uint8Array(await new Response(stream).arrayBuffer()));
  } catch {
    throw fail('xlsx_corrupt', 'the Excel file is damaged (cannot be unpacked)');
  }
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return entities[e] ?? m;
  });
}

/** Texts of <si> items: rich-text runs are joined. */
function sharedStrings(xml) {
  if (!xml) return [];
  const out = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    let text = '';
    for (const t of si[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += t[1];
    out.push(unescapeXml(text));
  }
  return out;
}

/** Column index of a cell reference like "AB12" (0-based). */
function columnIndex(ref) {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first worksheet of xlsx bytes as CSV text (comma-separated, CRLF). */
export async function xlsxToCsv(bytes) {
  const zip = zipEntries(bytes);
  const sheets = [...zip.entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => parseInt(a.match(/\d+/)[0], 10) - parseInt(b.match(/\d+/)[0], 10));
  if (!sheets.length) throw fail('xlsx_no_sheet', 'the Excel file has no worksheet');
  const strings = sharedStrings(await readEntry(bytes, zip, 'xl/sharedStrings.xml'));
  const sheet = await readEntry(bytes, zip, sheets[0]);
  const lines = [];
  for (const row of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const ref = /\br="([A-Z]+)\d+"/.exec(attrs);
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const body = c[2] || '';
      let value = '';
      if (type === 'inlineStr') value = unescapeXml([...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
        value = type === 's' ? (strings[Number(v)] ?? '') : unescapeXml(v);
      }
      const index = ref ? columnIndex(ref[1]) : cells.length;
      while (cells.length < index) cells.push('');
      cells[index] = value;
    }
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** True when a File looks like an .xlsx (name or the ZIP magic bytes). */
export function looksLikeXlsx(name, firstBytes) {
  return /\.xlsx$/i.test(name || '') || (firstBytes && firstBytes[0] === 0x50 && firstBytes[1] === 0x4b && firstBytes[2] === 3 && firstBytes[3] === 4);
}
