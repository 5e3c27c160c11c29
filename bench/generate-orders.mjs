// Seeded generator of realistic order histories for the benchmarks.
//
//   node bench/generate-orders.mjs [--rows 1000000] [--dialect en|de] [--seed 42] [--force]
//   -> prints the path of bench/out/orders-<rows>-<dialect>-s<seed>-v<version>.csv
//
// The same (rows, dialect, seed, GENERATOR_VERSION) always gives the same bytes,
// so files are cached in bench/out/ (gitignored) and only written once.
//
// The model (one row per order, sorted by date, 2023-01-01 .. 2025-12-31):
//   - customers arrive over the three years with a growing rate (arrival day
//     has density rising linearly from 1 to 2);
//   - each customer buys at a personal Poisson rate λ ~ Gamma(0.8, mean 1/45 per
//     day) and after every purchase drops out for good with a personal
//     probability p ~ Beta(1.2, 3.5) (the BG/NBD story: repeat purchases with
//     dropout; many one-time buyers, a few heavy ones);
//   - 4 % of purchases are followed by a second order the same day (same-day
//     repeat, a separate order number);
//   - order amounts are lognormal around a personal mean: ln(amount) ~
//     N(μ_c, 0.55), μ_c ~ N(3.6, 0.45) (median ≈ 37, long right tail, a few > 1000);
//   - 1.5 % of orders are cancelled 0-14 days later: a row with order number
//     "C<original number>", the negative amount, same customer.
// Rows: exactly `rows` data rows (purchases + cancellations) after the header.
//
// Dialects:
//   en  Customer ID,Order Date,Amount,Order ID        ISO dates, 1234.56
//   de  Kundennummer;Bestelldatum;Umsatz;Bestellnummer  dd.mm.yyyy, 1234,56 (German Excel)
// Line ends: LF. Encoding: ASCII (so UTF-8).
//
// Next to each CSV a <name>.truth.json holds the figures computed from the
// generated events themselves (customers, orders, repeat customers, net revenue
// in cents): an independent check on every tool in the harness.
import { mkdirSync, existsSync, openSync, writeSync, closeSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

const FIRST_DAY = Date.UTC(2023, 0, 1) / 86400000; // days since 1970-01-01
const SPAN = 1096; // 2023-01-01 .. 2025-12-31

export const DIALECTS = {
  en: { header: 'Customer ID,Order Date,Amount,Order ID', sep: ',', date: isoDate, amount: (c) => centsText(c, '.') },
  de: { header: 'Kundennummer;Bestelldatum;Umsatz;Bestellnummer', sep: ';', date: germanDate, amount: (c) => centsText(c, ',') },
};

// sfc32: small, fast, seedable; identical sequences on every platform.
function sfc32(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

function makeRandom(seed) {
  const u = sfc32(seed);
  const uniform = () => u() || 1e-12; // never 0 (logs below)
  let spare = null;
  const normal = () => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    const r = Math.sqrt(-2 * Math.log(uniform())), th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  // Marsaglia-Tsang; shape < 1 via the boost u^(1/shape).
  const gamma = (shape) => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do { x = normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      const w = uniform();
      if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const beta = (a, b) => { const x = gamma(a); return x / (x + gamma(b)); };
  return { u, uniform, normal, gamma, beta };
}

/**
 * Generates the order events in memory, sorted by day (stable: within a day,
 * generation order, so an order precedes its same-day cancellation).
 * Returns columns: day (days since 1970), customer (dense index), cents,
 * cancel (1 = cancellation), ref (row index of the cancelled order or -1),
 * orderNo (numbers, assigned in date order; cancellations carry the cancelled
 * order's number), and customerId text base.
 */
export function generateOrders({ rows, seed = 42 }) {
  const rnd = makeRandom(seed);
  const day = new Int32Array(rows), customer = new Int32Array(rows), cents = new Int32Array(rows);
  const cancel = new Uint8Array(rows), ref = new Int32Array(rows).fill(-1);
  let n = 0, customers = 0;
  const push = (d, c, a, isCancel, r) => {
    if (n >= rows) return -1;
    day[n] = d; customer[n] = c; cents[n] = a; cancel[n] = isCancel; ref[n] = r;
    return n++;
  };
  while (n < rows) {
    const c = customers++;
    // arrival density ∝ 1 + t/SPAN on [0, SPAN): inverse CDF of a linear density
    const q = rnd.u();
    let t = Math.floor(SPAN * (-1 + Math.sqrt(1 + 3 * q)));
    const lambda = rnd.gamma(0.8) / 0.8 / 45;
    const p = rnd.beta(1.2, 3.5);
    const mu = 3.6 + 0.45 * rnd.normal();
    for (;;) {
      const buys = rnd.u() < 0.04 ? 2 : 1; // same-day repeat
      for (let k = 0; k < buys && n < rows; k++) {
        const a = Math.max(1, Math.round(100 * Math.exp(mu + 0.55 * rnd.normal())));
        const i = push(FIRST_DAY + t, c, a, 0, -1);
        if (rnd.u() < 0.015) {
          const late = Math.min(SPAN - 1, t + Math.floor(rnd.u() * 15));
          push(FIRST_DAY + late, c, -a, 1, i);
        }
      }
      if (n >= rows || rnd.u() < p) break;
      t += 1 + Math.floor(-Math.log(rnd.uniform()) / lambda);
      if (t >= SPAN) break;
    }
  }
  // counting sort by day, stable
  const counts = new Int32Array(SPAN + 1);
  for (let i = 0; i < n; i++) counts[day[i] - FIRST_DAY + 1]++;
  for (let k = 1; k <= SPAN; k++) counts[k] += counts[k - 1];
  const order = new Int32Array(n), rank = new Int32Array(n);
  for (let i = 0; i < n; i++) { const pos = counts[day[i] - FIRST_DAY]++; order[pos] = i; rank[i] = pos; }
  const out = { rows: n, customers, day: new Int32Array(n), customer: new Int32Array(n), cents: new Int32Array(n),
    cancel: new Uint8Array(n), ref: new Int32Array(n), orderNo: new Int32Array(n) };
  let nextOrder = 100001;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos];
    out.day[pos] = day[i]; out.customer[pos] = customer[i]; out.cents[pos] = cents[i]; out.cancel[pos] = cancel[i];
    out.ref[pos] = ref[i] < 0 ? -1 : rank[ref[i]];
    out.orderNo[pos] = cancel[i] ? out.orderNo[out.ref[pos]] : nextOrder++;
  }
  return out;
}

// Customer numbers: 6-7 digits, not in arrival order (a fixed odd multiplier mod 10^7).
const customerNumber = (c) => String(1000003 + ((c * 7919 + 12345) % 8999989));

function civil(d) {
  const dt = new Date(d * 86400000);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}
const pad2 = (x) => (x < 10 ? '0' : '') + x;
function isoDate(d) { const [y, m, dd] = civil(d); return `${y}-${pad2(m)}-${pad2(dd)}`; }
function germanDate(d) { const [y, m, dd] = civil(d); return `${pad2(dd)}.${pad2(m)}.${y}`; }
function centsText(c, point) {
  const neg = c < 0, a = Math.abs(c);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}${point}${pad2(a % 100)}`;
}

/** The figures of a generated history, from the events (no CSV involved). */
export function truthOf(g) {
  const ordersOf = new Int32Array(g.customers);
  let orders = 0, netCents = 0;
  for (let i = 0; i < g.rows; i++) {
    netCents += g.cents[i];
    if (!g.cancel[i]) { orders++; ordersOf[g.customer[i]]++; }
  }
  let customers = 0, repeat = 0;
  for (const k of ordersOf) { if (k > 0) customers++; if (k > 1) repeat++; }
  return { rows: g.rows, customers, orders, repeat_customers: repeat, revenue_cents: netCents,
    cancellations: g.rows - orders, first_day: isoDate(g.day[0]), last_day: isoDate(g.day[g.rows - 1]) };
}

/** Writes the CSV text of a generated history in a dialect to fd, in big blocks. */
function writeCsv(fd, g, dialect) {
  const { header, sep, date, amount } = DIALECTS[dialect];
  writeSync(fd, header + '\n');
  let block = [], lastDay = -1, dayText = '';
  for (let i = 0; i < g.rows; i++) {
    if (g.day[i] !== lastDay) { lastDay = g.day[i]; dayText = date(lastDay); }
    const no = g.cancel[i] ? 'C' + g.orderNo[i] : String(g.orderNo[i]);
    block.push(customerNumber(g.customer[i]) + sep + dayText + sep + amount(g.cents[i]) + sep + no);
    if (block.length === 65536) { writeSync(fd, block.join('\n') + '\n'); block = []; }
  }
  if (block.length) writeSync(fd, block.join('\n') + '\n');
}

/** CSV text of a small history (tests). */
export function csvText(g, dialect) {
  const { header, sep, date, amount } = DIALECTS[dialect];
  const lines = [header];
  for (let i = 0; i < g.rows; i++)
    lines.push([customerNumber(g.customer[i]), date(g.day[i]), amount(g.cents[i]), (g.cancel[i] ? 'C' : '') + g.orderNo[i]].join(sep));
  return lines.join('\n') + '\n';
}

export function ordersPath({ rows, dialect, seed = 42, dir = OUT_DIR }) {
  return path.join(dir, `orders-${rows}-${dialect}-s${seed}-v${GENERATOR_VERSION}.csv`);
}

/**
 * Makes sure the file for (rows, dialect, seed) exists (generating it when
 * missing or when force is set) and returns {path, truth}.
 */
export function ensureOrders({ rows, dialect, seed = 42, dir = OUT_DIR, force = false }) {
  if (!DIALECTS[dialect]) throw new Error(`unknown dialect '${dialect}' (en or de)`);
  const file = ordersPath({ rows, dialect, seed, dir });
  const truthFile = file.replace(/\.csv$/, '.truth.json');
  if (!force && existsSync(file) && existsSync(truthFile)) return { path: file, truth: JSON.parse(readFileSync(truthFile, 'utf8')) };
  mkdirSync(dir, { recursive: true });
  const g = generateOrders({ rows, seed });
  const truth = truthOf(g);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try { writeCsv(fd, g, dialect); } finally { closeSync(fd); }
  renameSync(tmp, file);
  writeFileSync(truthFile, JSON.stringify(truth, null, 1) + '\n');
  return { path: file, truth };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
  const rows = Number(opt('rows', '1000000'));
  if (!Number.isInteger(rows) || rows < 1) { console.error('generate-orders: --rows needs a positive integer'); process.exit(2); }
  const t0 = performance.now();
  const r = ensureOrders({ rows, dialect: opt('dialect', 'en'), seed: Number(opt('seed', '42')), force: args.includes('--force') });
  console.log(r.path);
  console.error(`generate-orders: ${JSON.stringify(r.truth)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
