#!/usr/bin/env node
// Independent reference computation of the UCI Online Retail figures.
//
//   node tests/reference/online_retail_reference.mjs [FILE]
//
// Plain Node, no dependencies, its own CSV reading; shares no code with the
// C++ core. Prints one JSON object with the figures that tests/node/
// online_retail.test.mjs compares with `kpikit analyze FILE --json`.
//
// The documented default cleaning (docs/analytics.md, "Online Retail"),
// written out here from the rules, not from the C++ code:
//   1. A row without CustomerID is skipped, unless its InvoiceNo equals the
//      InvoiceNo of the previous USED row: then it belongs to that row's
//      customer (line items of one order may leave the customer blank).
//   2. amount = Quantity x UnitPrice; a row with amount 0 is skipped.
//   3. A row is a cancellation when its InvoiceNo is "C" followed by a digit
//      (UCI: invoice numbers are numeric) or its amount is negative; its
//      amount counts as -|amount|. Every other row is a purchase.
//   4. The day is the date part of InvoiceDate ("2010-12-01 08:26:00").
//   5. Customer ids "17850.0" and "17850" are the same customer.
// Figures (month = calendar month of the day):
//   customers  distinct customers with at least one purchase row
//   invoices   distinct InvoiceNo over purchase rows
//   revenue    sum of the amounts of all used rows (purchases and cancellations)
//   monthly    per month: revenue of all used rows, distinct active (purchasing) customers
//   cohorts    cohort = month of a customer's first purchase; size; active[c][k] =
//              customers of cohort c with a purchase in month c + k, for every
//              month up to the last month of the data (later cells absent)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '../shared-data.mjs';

const defaultFile = path.join(sharedDataDir, 'online-retail/online_retail.csv');

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
function* records(text) {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const fields = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) { field += text.slice(i); i = n; break; }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') { field += '"'; i++; } else break;
        }
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    if (fields.length === 1 && fields[0] === '') continue;  // blank line
    yield fields;
  }
}

function normalizeId(s) {
  const t = s.trim();
  return /^\d+\.0+$/.test(t) ? t.replace(/\.0+$/, '') : t;
}

export function reference(file = defaultFile) {
  const text = readFileSync(file, 'utf8');
  const it = records(text);
  const header = it.next().value;
  const col = (name) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`no column ${name}`);
    return k;
  };
  const cInvoice = col('InvoiceNo'), cQty = col('Quantity'), cDate = col('InvoiceDate');
  const cPrice = col('UnitPrice'), cCustomer = col('CustomerID');

  const rows = [];  // used rows: [customer, invoice, month key, amount, isPurchase]
  let lastInvoice = null, lastCustomer = null;
  let read = 0, skippedNoCustomer = 0, skippedZero = 0;
  for (const f of it) {
    read++;
    const invoice = f[cInvoice].trim();
    let customer = normalizeId(f[cCustomer] ?? '');
    if (customer === '') {
      if (lastInvoice !== null && invoice !== '' && invoice === lastInvoice) customer = lastCustomer;
      else { skippedNoCustomer++; continue; }
    }
    const amount = Number(f[cQty]) * Number(f[cPrice]);
    if (amount === 0) { skippedZero++; continue; }
    const cancel = /^[Cc][0-9]/.test(invoice) || amount < 0;
    const month = f[cDate].slice(0, 7);  // "2010-12"
    rows.push([customer, invoice, month, cancel ? -Math.abs(amount) : amount, !cancel]);
    lastInvoice = invoice;
    lastCustomer = customer;
  }

  const months = [...new Set(rows.map((r) => r[2]))].sort();
  const first = months[0], last = months[months.length - 1];
  const monthIndex = (m) => (Number(m.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(m.slice(5, 7)) - Number(first.slice(5, 7));
  const P = monthIndex(last) + 1;
  const labels = [];
  for (let p = 0; p < P; p++) {
    const y = Number(first.slice(0, 4)) + Math.floor((Number(first.slice(5, 7)) - 1 + p) / 12);
    const m = ((Number(first.slice(5, 7)) - 1 + p) % 12) + 1;
    labels.push(`${y}-${String(m).padStart(2, '0')}`);
  }

  const firstMonth = new Map();  // customer -> first purchase month index
  const invoices = new Set();
  let revenue = 0;
  const monthlyRevenue = new Array(P).fill(0);
  const activeSets = Array.from({ length: P }, () => new Set());
  for (const [customer, invoice, month, amount, purchase] of rows) {
    const p = monthIndex(month);
    revenue += amount;
    monthlyRevenue[p] += amount;
    if (!purchase) continue;
    invoices.add(invoice);
    activeSets[p].add(customer);
    if (!firstMonth.has(customer) || firstMonth.get(customer) > p) firstMonth.set(customer, p);
  }
  const size = new Array(P).fill(0);
  for (const c of firstMonth.values()) size[c]++;
  const active = Array.from({ length: P }, (_, c) => new Array(P - c).fill(0));
  for (let p = 0; p < P; p++) for (const customer of activeSets[p]) {
    const c = firstMonth.get(customer);
    active[c][p - c]++;
  }
  return {
    rows_read: read,
    rows_used: rows.length,
    skipped: { no_customer_id: skippedNoCustomer, zero_amount: skippedZero },
    customers: firstMonth.size,
    invoices: invoices.size,
    revenue,
    months: labels,
    monthly_revenue: monthlyRevenue,
    monthly_active: activeSets.map((s) => s.size),
    cohort_size: size,
    cohort_active: active,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(reference(process.argv[2] || defaultFile)));
}
