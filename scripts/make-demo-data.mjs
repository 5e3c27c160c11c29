// Writes the app's demo dataset web/demo/demo-bestellungen.csv: a small,
// seeded, made-up order history of a German online shop in Excel's German
// dialect (';', dd.mm.yyyy, decimal comma, Windows line breaks), one row per
// order. Deterministic: the same file every run.
//   node scripts/make-demo-data.mjs
import { writeFileSync, mkdirSync } from 'node:fs';

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261123);
const pick = (items) => items[Math.floor(rand() * items.length)];
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const categories = ['Kaffee', 'Tee', 'Zubehör', 'Geschenke', 'Abo-Box'];
const channels = ['Google', 'Newsletter', 'Empfehlung', 'Instagram', 'Direkt'];
const countries = ['DE', 'DE', 'DE', 'AT', 'CH'];
const start = Date.UTC(2024, 0, 1);
const end = Date.UTC(2025, 11, 31);
const day = 86400000;

const rows = [];
let order = 10000;
for (let c = 0; c < 420; c++) {
  const customer = `K-${String(1001 + c)}`;
  const channel = pick(channels);
  const country = pick(countries);
  let t = start + Math.floor(rand() * (end - start - 30 * day));
  const loyalty = rand();                       // higher: buys more often, stays longer
  const meanGap = 25 + 120 * (1 - loyalty);     // days between orders
  for (;;) {
    const amount = Math.max(4.9, Math.exp(3.4 + 0.5 * normal() + 0.3 * loyalty));
    rows.push([`B${order++}`, customer, t, amount, pick(categories), channel, country]);
    if (rand() < 0.28 - 0.2 * loyalty) break;    // drops out after this order
    t += Math.round(-Math.log(1 - rand()) * meanGap * day / day) * day + day;
    if (t > end) break;
  }
}
rows.sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]));

const date = (ms) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
};
const money = (x) => x.toFixed(2).replace('.', ',');
const lines = ['Bestellnummer;Kundennummer;Bestelldatum;Umsatz;Kategorie;Kanal;Land'];
for (const [o, c, t, a, cat, ch, land] of rows) lines.push([o, c, date(t), money(a), cat, ch, land].join(';'));
mkdirSync(new URL('../web/demo/', import.meta.url), { recursive: true });
writeFileSync(new URL('../web/demo/demo-bestellungen.csv', import.meta.url), lines.join('\r\n') + '\r\n');
console.log(`demo: ${rows.length} orders of 420 customers`);
