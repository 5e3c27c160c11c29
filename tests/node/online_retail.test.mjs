// UCI Online Retail through `kpikit analyze FILE --json` against an
// independent computation in JavaScript (tests/reference/online_retail_reference.mjs:
// its own CSV reading and the documented default cleaning written from the
// rules in docs/analytics.md). Uses build/kpikit, or the binary named by KPIKIT_CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sharedData } from '../shared-data.mjs';

const cli = process.env.KPIKIT_CLI || fileURLToPath(new URL('../../build/kpikit', import.meta.url));
const data = sharedData('online-retail/online_retail.csv');
const script = fileURLToPath(new URL('../reference/online_retail_reference.mjs', import.meta.url));

let cached;
function both() {
  if (cached) return cached;
  const core = spawnSync(cli, ['analyze', data, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(core.status, 0, core.stderr);
  const ref = spawnSync(process.execPath, [script, data], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(ref.status, 0, ref.stderr);
  cached = { core: JSON.parse(core.stdout), ref: JSON.parse(ref.stdout) };
  return cached;
}

test('online retail: distinct customers, invoices and used rows equal the reference', () => {
  const { core, ref } = both();
  assert.equal(core.totals.customers, ref.customers);
  assert.equal(core.totals.orders, ref.invoices);
  assert.equal(core.range.lines, ref.rows_used);
  // published-figure sanity: 4,372 customer ids in the file, 34 of them have only cancellations or zero amounts
  assert.equal(ref.customers, 4338);
});

test('online retail: net revenue equals the reference to the cent, month by month', () => {
  const { core, ref } = both();
  assert.ok(Math.abs(core.totals.revenue - ref.revenue) < 0.005, `${core.totals.revenue} vs ${ref.revenue}`);
  assert.deepEqual(core.periods.label, ref.months);
  core.periods.revenue.forEach((r, p) => assert.ok(Math.abs(r - ref.monthly_revenue[p]) < 0.005, ref.months[p]));
  assert.deepEqual(core.periods.active, ref.monthly_active);
});

test('online retail: the monthly cohort matrix equals the reference cell by cell', () => {
  const { core, ref } = both();
  const P = ref.months.length;
  assert.deepEqual(core.cohorts.cohort, ref.months);
  assert.deepEqual(core.cohorts.size, ref.cohort_size);
  for (let c = 0; c < P; c++) {
    // reached cells: counts equal; share = count / size (null for an empty cohort)
    assert.deepEqual(core.cohorts.active[c].slice(0, P - c), ref.cohort_active[c], `cohort ${ref.months[c]}`);
    for (let k = 0; k < P - c; k++) {
      const share = ref.cohort_size[c] ? ref.cohort_active[c][k] / ref.cohort_size[c] : null;
      if (share === null) assert.equal(core.cohorts.retention[c][k], null);
      else assert.ok(Math.abs(core.cohorts.retention[c][k] - share) < 1e-12);
    }
    // cells after the last month are not reached: null, never 0
    for (let k = P - c; k < P; k++) assert.equal(core.cohorts.retention[c][k], null);
  }
  // the first cohort (December 2010): 885 customers, 36.6 % buy again in January 2011
  assert.equal(ref.cohort_size[0], 885);
  assert.equal(ref.cohort_active[0][1], 324);
});
