// bench/generate-orders.mjs: deterministic per seed, both dialects written right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateOrders, ensureOrders, truthOf } from '../../bench/generate-orders.mjs';

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

test('the same seed gives the same history, another seed another one', () => {
  const a = generateOrders({ rows: 3000, seed: 7 }), b = generateOrders({ rows: 3000, seed: 7 }), c = generateOrders({ rows: 3000, seed: 8 });
  for (const k of ['day', 'customer', 'cents', 'cancel', 'orderNo']) assert.ok(same(a[k], b[k]), k);
  assert.ok(!same(a.cents, c.cents));
  assert.equal(a.rows, 3000);
});

test('the history is sorted by day, has repeat buyers, same-day repeats and cancellations of earlier orders', () => {
  const g = generateOrders({ rows: 20000, seed: 42 });
  for (let i = 1; i < g.rows; i++) assert.ok(g.day[i] >= g.day[i - 1]);
  const t = truthOf(g);
  assert.ok(t.repeat_customers > 0.2 * t.customers && t.repeat_customers < t.customers);
  assert.ok(t.cancellations > 0.005 * t.rows && t.cancellations < 0.03 * t.rows);
  let sameDay = 0;
  const lastDayOf = new Map();
  for (let i = 0; i < g.rows; i++) {
    if (g.cancel[i]) {
      const r = g.ref[i]; // the cancelled order: same customer, same amount, not later
      assert.ok(r >= 0 && r < i && g.customer[r] === g.customer[i] && g.cents[r] === -g.cents[i] && g.orderNo[r] === g.orderNo[i]);
      continue;
    }
    if (lastDayOf.get(g.customer[i]) === g.day[i]) sameDay++;
    lastDayOf.set(g.customer[i], g.day[i]);
  }
  assert.ok(sameDay > 0);
});

test('English and German Excel files carry the same orders in their dialects', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpikit-gen-'));
  try {
    const en = ensureOrders({ rows: 5000, dialect: 'en', seed: 3, dir });
    const de = ensureOrders({ rows: 5000, dialect: 'de', seed: 3, dir });
    const enLines = readFileSync(en.path, 'utf8').trimEnd().split('\n');
    const deLines = readFileSync(de.path, 'utf8').trimEnd().split('\n');
    assert.equal(enLines[0], 'Customer ID,Order Date,Amount,Order ID');
    assert.equal(deLines[0], 'Kundennummer;Bestelldatum;Umsatz;Bestellnummer');
    assert.equal(enLines.length, 5001);
    assert.equal(deLines.length, 5001);
    // An independent re-reading of both files: same rows, and the figures of truthOf.
    const customers = new Map(), orders = new Set();
    let cents = 0;
    for (let i = 1; i < enLines.length; i++) {
      const [c, d, a, o] = enLines[i].split(',');
      const [gc, gd, ga, go] = deLines[i].split(';');
      assert.match(d, /^\d{4}-\d\d-\d\d$/);
      assert.match(gd, /^\d\d\.\d\d\.\d{4}$/);
      assert.match(a, /^-?\d+\.\d\d$/);
      assert.match(ga, /^-?\d+,\d\d$/);
      assert.equal(gd, `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`);
      assert.equal(ga, a.replace('.', ','));
      assert.deepEqual([gc, go], [c, o]);
      cents += Math.round(Number(a) * 100);
      if (!o.startsWith('C')) { orders.add(o); customers.set(c, (customers.get(c) ?? 0) + 1); }
      else assert.ok(Number(a) < 0);
    }
    assert.equal(customers.size, en.truth.customers);
    assert.equal(orders.size, en.truth.orders);
    assert.equal([...customers.values()].filter((n) => n > 1).length, en.truth.repeat_customers);
    assert.equal(cents, en.truth.revenue_cents);
    // cached: a second call returns the same file without rewriting it
    assert.equal(ensureOrders({ rows: 5000, dialect: 'en', seed: 3, dir }).path, en.path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
