// The tools compared by the benchmark, each doing the same work on the same
// bytes (already in memory; disk time is not measured):
//   read    parse the file into typed columns (customer, day, amount, order,
//           cancellation) with the cleaning rules below
//   report  read + per-customer summary, monthly period table and cohort
//           matrix (KPIkit: its whole analytics report, a superset)
// and returning the figures compared across tools before any time counts:
//   customers, orders, repeat_customers, revenue, cohort_active.
//
// Cleaning rules of KPIkit's ingestion defaults (docs/ingestion.md), written
// out by hand for the peers the way a user would have to:
//   - rows without customer id or with amount 0 are skipped;
//   - an order id "C<digits>" or a negative amount is a cancellation: kept
//     with a negative amount (it reduces revenue), never a purchase;
//   - customers = customers with a purchase; orders = distinct order ids of
//     purchase lines; repeat customers = customers with >= 2 such orders;
//     revenue = net sum of all kept lines;
//   - cohort = calendar month of a customer's first purchase; cell (c, k) =
//     customers of cohort c with a purchase in month c + k, up to the month of
//     the last line of the file.
import { createRequire } from 'node:module';
import path from 'node:path';
import { existsSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------
// Calendar helpers (days since 1970-01-01, proleptic Gregorian, no time zones)

export function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
export function monthIndexOfDay(day) { // year * 12 + month - 1
  const dt = new Date(day * 86400000);
  return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
}
const monthLabel = (mi) => `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;

const isoDay = (s) => daysFromCivil(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10));
const germanDay = (s) => daysFromCivil(+s.slice(6, 10), +s.slice(3, 5), +s.slice(0, 2));
const pointNumber = (s) => +s;
const commaNumber = (s) => +s.replace(',', '.');

// ---------------------------------------------------------------------------
// What a user spells out for each file (the peers do not detect any of it).

export const LAYOUTS = {
  'orders-en': {
    delimiter: ',', customer: 'Customer ID', date: 'Order Date', amount: 'Amount', order: 'Order ID',
    day: isoDay, number: pointNumber,
    duck: { csv: "delim=',', header=true, dateformat='%Y-%m-%d'", customer: '"Customer ID"', day: '"Order Date"', amount: '"Amount"', order: '"Order ID"' },
  },
  'orders-de': {
    delimiter: ';', customer: 'Kundennummer', date: 'Bestelldatum', amount: 'Umsatz', order: 'Bestellnummer',
    day: germanDay, number: commaNumber,
    duck: { csv: "delim=';', header=true, dateformat='%d.%m.%Y', decimal_separator=','", customer: 'Kundennummer', day: 'Bestelldatum', amount: 'Umsatz', order: 'Bestellnummer' },
  },
  'online-retail': {
    delimiter: ',', customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', unitPrice: 'UnitPrice', order: 'InvoiceNo',
    day: isoDay, number: pointNumber,
    duck: { csv: "delim=',', header=true, quote='\"'", customer: 'CustomerID', day: 'CAST(InvoiceDate AS DATE)', amount: 'Quantity * UnitPrice', order: 'InvoiceNo' },
  },
};

// ---------------------------------------------------------------------------
// Shared: cohort cells from (cohortMonth, monthOfPurchase, customer) facts.

function cellsFromCounts(cohortMonths, counts, lastMonth) {
  const out = {};
  for (const c of cohortMonths) {
    const row = [];
    for (let m = c; m <= lastMonth; m++) row.push(counts.get(c * 10000 + (m - c)) ?? 0);
    out[monthLabel(c)] = row;
  }
  return out;
}

/** Strips the trailing "not reached" nulls of KPIkit's padded cohort rows. */
export function trimCohortCells(cells) {
  const out = {};
  for (const [k, row] of Object.entries(cells)) {
    let n = row.length;
    while (n > 0 && row[n - 1] === null) n--;
    out[k] = row.slice(0, n);
  }
  return out;
}

// ---------------------------------------------------------------------------
// KPIkit WebAssembly (web/kpikit.js) in Node

// What the app's page loads of KPIkit's own code, below web/: the bundles
// (scripts/build-app.mjs), the module and the service worker with its two
// imports. The app's 300 KB budget is judged on these (bench/size.mjs, bench/run.mjs).
export const APP_OWN_CODE = ['gen/app.js', 'gen/worker.js', 'gen/kpikit_core.wasm', 'sw.js', 'app-files.js', 'gen/app-version.js'];

// Copies the WebAssembly build (web/kpikit.js and web/gen/kpikit_core.{js,wasm})
// to dir, replacing what was there: a snapshot for KPIKIT_BENCH_WEB (bench/run.mjs)
// or for comparing builds (bench/ab.mjs).
export function snapshotWebBuild(dir) {
  const web = fileURLToPath(new URL('../web/', import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'gen'), { recursive: true });
  for (const f of ['kpikit.js', 'kpikit-error.js', 'gen/kpikit_core.js', 'gen/kpikit_core.wasm'])
    if (existsSync(path.join(web, f))) copyFileSync(path.join(web, f), path.join(dir, f));
}

export async function kpikitWasm() {
  // bench/run.mjs snapshots web/kpikit.js + web/gen/ at its start (KPIKIT_BENCH_WEB), so a
  // rebuild of web/gen/ during a long run cannot mix two builds.
  const dir = process.env.KPIKIT_BENCH_WEB;
  const kpikit = await import(dir ? pathToFileURL(path.join(dir, 'kpikit.js')).href : '../web/kpikit.js');
  const t0 = performance.now();
  const core = await kpikit.load();
  const startup = performance.now() - t0;
  const wasmMemory = () => core.HEAPU8?.length ?? null;
  if (typeof core.dataset_begin !== 'function' || typeof kpikit.openDataset !== 'function')
    return { startup, unavailable: 'openDataset is not wired into the WebAssembly module yet' };
  return {
    startup,
    wasmMemory,
    async read(bytes) {
      const r = await kpikit.openDataset(bytes);
      await kpikit.dropDataset(r.dataset);
      return { rows_read: r.rows.read, rows_used: r.rows.used };
    },
    // The CSV reader alone: encoding, dialect, header, records counted, no value read.
    async records(bytes) {
      const r = await kpikit.openDataset(bytes, { options: { mode: 'table' } });
      await kpikit.dropDataset(r.dataset);
      return { rows_read: r.rows.read };
    },
    async report(bytes) {
      const r = await kpikit.openDataset(bytes);
      const a = await kpikit.analyze(r.dataset);
      await kpikit.dropDataset(r.dataset);
      const cells = {};
      a.cohorts.cohort.forEach((label, i) => { cells[label] = a.cohorts.active[i]; });
      return { customers: a.totals.customers, orders: a.totals.orders, repeat_customers: a.repeat.repeat_customers,
        revenue: a.totals.revenue, cohort_active: trimCohortCells(cells) };
    },
    // CDNOW set-up of the literature; stage_ms per model fit (the file is read in each run, untimed).
    async clv(bytes, params = { calibration_end: '1997-09-30', unit: 'week' }) {
      const fit = kpikit.clvFit ?? ((dataset, p) => kpikit.request('clv_fit', { ...p, dataset }));
      const predict = kpikit.clvPredict ?? ((dataset, p) => kpikit.request('clv_predict', { ...p, dataset }));
      const r = await kpikit.openDataset(bytes, { options: { keep_zero_amounts: true } });
      const stage_ms = {}, fits = {};
      for (const model of ['bgnbd', 'pnbd', 'gg']) {
        const t = performance.now();
        fits[model] = await fit(r.dataset, { ...params, model });
        stage_ms[`fit_${model}`] = performance.now() - t;
      }
      // clv_predict fits BG/NBD and Gamma-Gamma again, then predicts: the whole call is timed.
      const t = performance.now();
      await predict(r.dataset, { ...params, model: 'bgnbd', horizon: 52 });
      stage_ms.fit_and_predict_bgnbd_gg = performance.now() - t;
      await kpikit.dropDataset(r.dataset);
      return { stage_ms, fits };
    },
    // BG/BB on the donations table (frequency,recency,periods,weights) and sBG on the Fader-Hardie (2007) "regular" cohort.
    async discrete(bytes) {
      const rows = new TextDecoder().decode(bytes).trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      const col = (i) => rows.map((r) => r[i]);
      const stage_ms = {};
      let t = performance.now();
      const bgbb = await kpikit.request('clv_bgbb', { frequency: col(0), recency: col(1), periods: col(2), weights: col(3) });
      stage_ms.fit_bgbb = performance.now() - t;
      t = performance.now();
      const sbg = await kpikit.request('clv_sbg', { alive: [1000, 631, 468, 382, 326, 289, 262, 241] });
      stage_ms.fit_sbg = performance.now() - t;
      return { stage_ms, fits: { bgbb: bgbb.fit, sbg: sbg.fit } };
    },
  };
}

// ---------------------------------------------------------------------------
// PapaParse + a plain-JS aggregation

/** Typed columns from rows of strings (header row first), cleaning as above. */
function columnsFromRows(rows, L) {
  const header = rows[0];
  const col = (name) => { const i = header.indexOf(name); if (i < 0) throw new Error(`no column ${name}`); return i; };
  const ci = col(L.customer), di = col(L.date), oi = col(L.order);
  const ai = L.amount ? col(L.amount) : -1, qi = L.quantity ? col(L.quantity) : -1, pi = L.unitPrice ? col(L.unitPrice) : -1;
  const n = rows.length - 1;
  const customer = new Int32Array(n), day = new Int32Array(n), amount = new Float64Array(n), order = new Int32Array(n), cancel = new Uint8Array(n);
  const customers = new Map(), orders = new Map();
  let k = 0;
  for (let r = 1; r <= n; r++) {
    const row = rows[r];
    const cid = row[ci];
    if (!cid) continue;
    let a = ai >= 0 ? L.number(row[ai]) : L.number(row[qi]) * L.number(row[pi]);
    if (a === 0 || Number.isNaN(a)) continue;
    const oid = row[oi];
    const isCancel = (oid.charCodeAt(0) === 67 /* C */) || a < 0;
    if (isCancel) a = -Math.abs(a);
    let c = customers.get(cid); if (c === undefined) { c = customers.size; customers.set(cid, c); }
    let o = orders.get(oid); if (o === undefined) { o = orders.size; orders.set(oid, o); }
    customer[k] = c; day[k] = L.day(row[di]); amount[k] = a; order[k] = o; cancel[k] = isCancel ? 1 : 0; k++;
  }
  return { n: k, customer, day, amount, order, cancel, customerCount: customers.size, orderCount: orders.size };
}

/** Per-customer summary, monthly period table, cohort matrix: plain loops over typed arrays. */
function plainReport(t) {
  const C = t.customerCount;
  let minDay = Infinity, maxDay = -Infinity;
  for (let i = 0; i < t.n; i++) { if (t.day[i] < minDay) minDay = t.day[i]; if (t.day[i] > maxDay) maxDay = t.day[i]; }
  const monthOf = new Int32Array(maxDay - minDay + 1);
  for (let d = minDay; d <= maxDay; d++) monthOf[d - minDay] = monthIndexOfDay(d);
  const m0 = monthOf[0], P = monthOf[maxDay - minDay] - m0 + 1;
  // per-customer summary
  const first = new Int32Array(C).fill(2 ** 31 - 1), last = new Int32Array(C).fill(-(2 ** 31)), nOrders = new Int32Array(C);
  const revenue = new Float64Array(C);
  const orderSeen = new Uint8Array(t.orderCount);
  let orders = 0, total = 0;
  for (let i = 0; i < t.n; i++) {
    const c = t.customer[i];
    revenue[c] += t.amount[i]; total += t.amount[i];
    if (t.cancel[i]) continue;
    if (t.day[i] < first[c]) first[c] = t.day[i];
    if (t.day[i] > last[c]) last[c] = t.day[i];
    if (!orderSeen[t.order[i]]) { orderSeen[t.order[i]] = 1; nOrders[c]++; orders++; }
  }
  let customers = 0, repeat = 0;
  for (let c = 0; c < C; c++) { if (nOrders[c] > 0) customers++; if (nOrders[c] > 1) repeat++; }
  // period table: active customers, orders, revenue, new customers per month
  const active = new Int32Array(P), pOrders = new Int32Array(P), pRevenue = new Float64Array(P), pNew = new Int32Array(P);
  const seen = new Uint8Array(C * P), orderSeen2 = new Uint8Array(t.orderCount);
  const cohortCount = new Map();
  for (let i = 0; i < t.n; i++) {
    const p = monthOf[t.day[i] - minDay] - m0;
    pRevenue[p] += t.amount[i];
    if (t.cancel[i]) continue;
    const c = t.customer[i];
    if (!orderSeen2[t.order[i]]) { orderSeen2[t.order[i]] = 1; pOrders[p]++; }
    if (!seen[c * P + p]) {
      seen[c * P + p] = 1; active[p]++;
      const cohort = monthOf[first[c] - minDay];
      const key = cohort * 10000 + (p + m0 - cohort);
      cohortCount.set(key, (cohortCount.get(key) ?? 0) + 1);
    }
  }
  const cohortMonths = new Set();
  for (let c = 0; c < C; c++) if (nOrders[c] > 0) { const cm = monthOf[first[c] - minDay]; pNew[cm - m0]++; cohortMonths.add(cm); }
  return {
    customers, orders, repeat_customers: repeat, revenue: total,
    cohort_active: cellsFromCounts([...cohortMonths].sort((a, b) => a - b), cohortCount, m0 + P - 1),
    periods: { active, orders: pOrders, revenue: pRevenue, new_customers: pNew },
  };
}

export async function papaparse(layout) {
  const t0 = performance.now();
  const Papa = (await import('papaparse')).default;
  const startup = performance.now() - t0;
  const L = LAYOUTS[layout];
  const read = (bytes) => {
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse(text, { delimiter: L.delimiter, skipEmptyLines: true });
    return columnsFromRows(parsed.data, L);
  };
  return {
    startup,
    async read(bytes) { const t = read(bytes); return { rows_used: t.n }; },
    async report(bytes) { const r = plainReport(read(bytes)); delete r.periods; return r; },
  };
}

// ---------------------------------------------------------------------------
// arquero

export async function arquero(layout) {
  const t0 = performance.now();
  const aq = await import('arquero');
  const startup = performance.now() - t0;
  const { op } = aq;
  const L = LAYOUTS[layout];
  const read = (bytes) => {
    const text = new TextDecoder().decode(bytes);
    const parse = { [L.customer]: String, [L.order]: String, [L.date]: L.day };
    for (const k of [L.amount, L.quantity, L.unitPrice]) if (k) parse[k] = L.number;
    const raw = aq.fromCSV(text, { delimiter: L.delimiter, parse });
    const amountOf = L.amount ? aq.escape((d) => d[L.amount]) : aq.escape((d) => d[L.quantity] * d[L.unitPrice]);
    return raw
      .derive({ customer: aq.escape((d) => d[L.customer]), day: aq.escape((d) => d[L.date]), order: aq.escape((d) => d[L.order]), a: amountOf })
      .select('customer', 'day', 'order', 'a')
      .filter((d) => d.customer != null && d.customer !== '' && d.a !== 0)
      .derive({ cancel: (d) => op.startswith(d.order, 'C') || d.a < 0 })
      .derive({ amount: (d) => (d.cancel ? -op.abs(d.a) : d.a) })
      .select('customer', 'day', 'order', 'amount', 'cancel');
  };
  return {
    startup,
    async read(bytes) { return { rows_used: read(bytes).numRows() }; },
    async report(bytes) {
      const lines = read(bytes).derive({ month: aq.escape((d) => monthIndexOfDay(d.day)) });
      const purchases = lines.filter((d) => !d.cancel);
      const cust = purchases.groupby('customer').rollup({ first_day: op.min('day'), last_day: op.max('day'), orders: op.distinct('order') })
        .join_left(lines.groupby('customer').rollup({ revenue: op.sum('amount') }), 'customer')
        .derive({ cohort: aq.escape((d) => monthIndexOfDay(d.first_day)) });
      const periods = lines.groupby('month').rollup({ revenue: op.sum('amount') })
        .join_left(purchases.groupby('month').rollup({ active: op.distinct('customer'), orders: op.distinct('order') }), 'month')
        .join_left(cust.groupby('cohort').rollup({ new_customers: op.count() }).rename({ cohort: 'month' }), 'month')
        .orderby('month');
      const cells = purchases.join(cust.select('customer', 'cohort'), 'customer')
        .derive({ k: (d) => d.month - d.cohort })
        .groupby('cohort', 'k').rollup({ active: op.distinct('customer') });
      const totals = lines.rollup({ revenue: op.sum('amount'), last: op.max('month') }).object();
      const counts = new Map();
      for (const r of cells.objects()) counts.set(r.cohort * 10000 + r.k, r.active);
      const cohorts = cust.groupby('cohort').count().orderby('cohort').array('cohort');
      periods.numRows();
      return {
        customers: cust.numRows(),
        orders: purchases.rollup({ n: op.distinct('order') }).object().n,
        repeat_customers: cust.filter((d) => d.orders > 1).numRows(),
        revenue: totals.revenue,
        cohort_active: cellsFromCounts(Array.from(cohorts), counts, totals.last),
      };
    },
  };
}

// ---------------------------------------------------------------------------
// DuckDB-WASM (the Node "blocking" bundle: same engine and SQL as the browser build)

export async function duckdbWasm(layout) {
  const t0 = performance.now();
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB({
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  }, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  const startup = performance.now() - t0;
  const L = LAYOUTS[layout].duck;
  const q = (sql) => conn.query(sql);
  const read = (bytes) => {
    db.registerFileBuffer('input.csv', bytes);
    q(`CREATE OR REPLACE TABLE lines AS
       WITH raw AS (SELECT CAST(${L.customer} AS VARCHAR) AS customer, CAST(${L.day} AS DATE) AS day,
                           CAST(${L.amount} AS DOUBLE) AS a, CAST(${L.order} AS VARCHAR) AS order_id
                    FROM read_csv('input.csv', ${L.csv}))
       SELECT customer, day, order_id, (starts_with(order_id, 'C') OR a < 0) AS cancel,
              CASE WHEN starts_with(order_id, 'C') OR a < 0 THEN -abs(a) ELSE a END AS amount
       FROM raw WHERE customer IS NOT NULL AND customer <> '' AND a <> 0`);
  };
  const rows = (sql) => q(sql).toArray().map((r) => r.toJSON());
  const num = (v) => (typeof v === 'bigint' ? Number(v) : v);
  return {
    startup,
    wasmMemory: () => null,
    async read(bytes) { read(bytes); const n = num(rows('SELECT count(*) AS n FROM lines')[0].n); db.dropFile('input.csv'); return { rows_used: n }; },
    async report(bytes) {
      read(bytes);
      q(`CREATE OR REPLACE TABLE cust AS
         SELECT customer, min(day) FILTER (WHERE NOT cancel) AS first_day, max(day) FILTER (WHERE NOT cancel) AS last_day,
                count(DISTINCT order_id) FILTER (WHERE NOT cancel) AS orders, sum(amount) AS revenue
         FROM lines GROUP BY customer`);
      const totals = rows(`SELECT (SELECT count(*) FROM cust WHERE orders > 0) AS customers,
                                  (SELECT count(*) FROM cust WHERE orders > 1) AS repeat_customers,
                                  (SELECT count(DISTINCT order_id) FROM lines WHERE NOT cancel) AS orders,
                                  (SELECT sum(amount) FROM lines) AS revenue,
                                  (SELECT year(max(day)) * 12 + month(max(day)) - 1 FROM lines) AS last_month`)[0];
      rows(`SELECT p.month, p.revenue, a.active, a.orders, n.new_customers FROM
              (SELECT date_trunc('month', day) AS month, sum(amount) AS revenue FROM lines GROUP BY 1) p
              LEFT JOIN (SELECT date_trunc('month', day) AS month, count(DISTINCT customer) AS active, count(DISTINCT order_id) AS orders
                         FROM lines WHERE NOT cancel GROUP BY 1) a USING (month)
              LEFT JOIN (SELECT date_trunc('month', first_day) AS month, count(*) AS new_customers FROM cust WHERE orders > 0 GROUP BY 1) n USING (month)
            ORDER BY 1`);
      const cells = rows(`SELECT year(c.first_day) * 12 + month(c.first_day) - 1 AS cohort,
                                 date_diff('month', date_trunc('month', c.first_day), date_trunc('month', l.day)) AS k,
                                 count(DISTINCT l.customer) AS active
                          FROM lines l JOIN cust c USING (customer) WHERE NOT l.cancel GROUP BY ALL ORDER BY 1, 2`);
      db.dropFile('input.csv');
      const counts = new Map(), cohorts = new Set();
      for (const r of cells) { counts.set(num(r.cohort) * 10000 + num(r.k), num(r.active)); cohorts.add(num(r.cohort)); }
      return {
        customers: num(totals.customers), orders: num(totals.orders), repeat_customers: num(totals.repeat_customers),
        revenue: num(totals.revenue),
        cohort_active: cellsFromCounts([...cohorts].sort((a, b) => a - b), counts, num(totals.last_month)),
      };
    },
  };
}

export const TOOLS = {
  'kpikit-wasm': () => kpikitWasm(),
  'duckdb-wasm': (layout) => duckdbWasm(layout),
  'papaparse+js': (layout) => papaparse(layout),
  arquero: (layout) => arquero(layout),
};
