// The WebAssembly core through the JS API (web/kpikit.js), in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as kpikit from '../../web/kpikit.js';

const close = (a, b) => Math.abs(a - b) < 1e-12;

test('calc crr returns 88 % for S=150, E=162, N=30', async () => {
  const r = await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
  assert.ok(close(r.values.crr, 0.88));
  assert.equal(r.values.lost, 18);
  assert.equal(r.primary, 'crr');
});

test('calc crr with German typed strings: S=30, E=34, N=5 gives 96.67 %', async () => {
  const r = await kpikit.calc('crr', { start: '30', end: '34', new: '5' }, { locale: 'de' });
  assert.ok(close(r.values.crr, 29 / 30));
});

test('calc churn returns 8.33 % for S=600, E=550, N=0', async () => {
  const r = await kpikit.calc('churn', { start: 600, end: 550, new: 0 });
  assert.ok(close(r.values.churn, 50 / 600));
  assert.ok(close(r.values.crr + r.values.churn, 1));
});

test('German grouping: "1.500" customers are 1500', async () => {
  const r = await kpikit.calc('crr', { start: '1.500', end: '1.400', new: '100' }, { locale: 'de' });
  assert.ok(close(r.values.crr, 1300 / 1500));
});

test('errors become KpiError with a stable code and the field', async () => {
  const cases = [
    [{ start: 0, end: 0, new: 0 }, 'zero_start', 'start'],
    [{ start: '', end: 1, new: 1 }, 'missing', 'start'],
    [{ start: 'zehn', end: 1, new: 1 }, 'not_a_number', 'start'],
    [{ start: 10, end: -1, new: 0 }, 'negative', 'end'],
    [{ start: 10, end: 3, new: 5 }, 'end_below_new', 'end'],
    [{ start: 2.5, end: 3, new: 1 }, 'not_whole', 'start'],
  ];
  for (const [inputs, code, field] of cases) {
    await assert.rejects(kpikit.calc('crr', inputs), (e) => {
      assert.ok(e instanceof kpikit.KpiError);
      assert.equal(e.name, 'KpiError');
      assert.equal(e.code, code);
      assert.equal(e.field, field);
      return true;
    });
  }
});

test('an unknown calculator is unknown_calculator', async () => {
  await assert.rejects(kpikit.calc('nope', {}), { code: 'unknown_calculator' });
});

test('calculators lists crr and churn with their inputs', async () => {
  const list = await kpikit.calculators();
  const crr = list.find((c) => c.id === 'crr');
  assert.deepEqual(crr.inputs.map((i) => i.name), ['start', 'end', 'new']);
  assert.ok(list.some((c) => c.id === 'churn'));
});

test('openDataset reports progress in bytes and rows, then the row accounting', async () => {
  // 3 data rows; a chunk size of 16 bytes splits lines (and the sample decision comes at the end).
  const text = 'Kundennummer;Datum;Umsatz\nk1;01.02.2026;10,00\nk2;02.02.2026;20,00\nk1;03.03.2026;1.234,50\n';
  const progress = [];
  const report = await kpikit.openDataset(text, { chunkSize: 16, onProgress: (p) => progress.push(p) });
  assert.equal(progress.at(-1).bytes, new TextEncoder().encode(text).length);
  assert.ok(progress.every((p, i) => i === 0 || p.bytes > progress[i - 1].bytes));
  assert.equal(typeof progress.at(-1).rows, 'number');
  assert.deepEqual([report.rows.read, report.rows.used], [3, 3]);
  const a = await kpikit.analyze(report.dataset);
  assert.equal(a.totals.customers, 2);
  assert.ok(Math.abs(a.totals.revenue - 1264.5) < 1e-9);  // 10 + 20 + 1234.50
  await kpikit.dropDataset(report.dataset);
  await assert.rejects(kpikit.analyze(report.dataset), { code: 'unknown_dataset' });
});

// Regression: the id store (src/data/string_pool.h) packs texts into 1 MiB
// blocks. libc++ (the WebAssembly build's library) rounds a 1 MiB reserve up
// by 15 bytes, and ids placed in those bytes were read back from the next
// block, so a returning customer became a second customer (the 5M-row file
// showed 1,261,067 customers instead of 1,261,063). 7-character ids put one
// in that tail of every full block; natively the bug cannot show.
test('more than 2 MiB of customer ids: every returning customer is found again', async () => {
  const n = 400000;
  const lines = ['customer,date,amount'];
  for (const month of ['01', '02']) for (let i = 0; i < n; i++) lines.push(`K${String(i).padStart(6, '0')},2024-${month}-15,10.00`);
  const ds = await kpikit.openDataset(new TextEncoder().encode(lines.join('\n') + '\n'));
  try {
    assert.deepEqual([ds.rows.read, ds.rows.used], [2 * n, 2 * n]);
    const r = await kpikit.analyze(ds.dataset, {});
    assert.equal(r.totals.customers, n);
    assert.equal(r.totals.orders, 2 * n);
    assert.equal(r.repeat.repeat_customers, n);
  } finally {
    await kpikit.dropDataset(ds.dataset);
  }
});

test('a customer list names the unit of its tenure: months from dates, or the tenure column', async () => {
  // From dates: 1002 left after 627 days (15.05.2023 to 31.01.2025) = 627 / 30.4375 months;
  // the open contracts run to the last date in the file, 31.01.2025.
  const byDates = 'Kundennummer;Kunde seit;Gekündigt am\n1001;01.03.2023;\n1002;15.05.2023;31.01.2025\n1003;01.01.2024;\n';
  const d = await kpikit.openDataset(byDates);
  const a = await kpikit.analyze(d.dataset);
  assert.equal(a.mode, 'customers');
  assert.equal(a.tenure_unit, 'months');
  assert.equal(a.tenure_column, null);
  assert.ok(Math.abs(a.survival.time[a.survival.events.indexOf(1)] - 627 / 30.4375) < 1e-9);
  await kpikit.dropDataset(d.dataset);
  const byColumn = 'customerID,Laufzeit (Wochen),Churn\nc1,4,Yes\nc2,10,No\nc3,7,No\n';
  const c = await kpikit.openDataset(byColumn);
  const b = await kpikit.analyze(c.dataset);
  assert.equal(b.tenure_unit, 'column');
  assert.equal(b.tenure_column, 'Laufzeit (Wochen)');
  assert.deepEqual(b.survival.time, [4, 7, 10]);
  await kpikit.dropDataset(c.dataset);
});
