// CSV exports open with a double click in the user's spreadsheet: German
// Excel expects ';' between cells and a decimal comma, English ',' and a point;
// formula-like text is defused in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv, csvCell } from '../../web/app/export.js';

test('German CSV: semicolons and decimal commas; English: commas and points', () => {
  const header = ['Periode', 'Kunden', 'CRR', 'Umsatz'];
  const rows = [['2024-01', 60, 0.9667, -3928.67], ['2024-02', 1500, null, 1234.5]];
  assert.equal(toCsv(header, rows, 'de'),
    'Periode;Kunden;CRR;Umsatz\r\n2024-01;60;0,9667;-3928,67\r\n2024-02;1500;;1234,5\r\n');
  assert.equal(toCsv(header, rows, 'en'),
    'Periode,Kunden,CRR,Umsatz\r\n2024-01,60,0.9667,-3928.67\r\n2024-02,1500,,1234.5\r\n');
});

test('cells holding either delimiter or a quote are quoted; formulas get an apostrophe', () => {
  assert.equal(csvCell('Müller; Söhne'), '"Müller; Söhne"');
  assert.equal(csvCell('A, B'), '"A, B"');
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell(NaN, { comma: true }), '');
  // Text with ',' or ';' is quoted in either dialect.
  assert.equal(toCsv(['x'], [['1,5']], 'de'), 'x\r\n"1,5"\r\n');
});
