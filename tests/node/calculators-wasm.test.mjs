// The marketer's calculators through the WebAssembly core in Node (web/kpikit.js).
// Expected numbers are worked by hand in docs/metrics.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as kpikit from '../../web/kpikit.js';

const close = (a, b, eps = 1e-9) => Math.abs(a - b) < eps;

test('nps from counts: 30 with margin of error 15.31', async () => {
  const r = await kpikit.calc('nps', { promoters: 50, passives: 30, detractors: 20 });
  assert.equal(r.primary, 'nps');
  assert.ok(close(r.values.nps, 30));
  assert.ok(close(r.values.moe, 15.30780807504267));
  assert.ok(close(r.values.ci_low, 14.69219192495733));
  assert.deepEqual(r.warnings, []);
});

test('nps from pasted German text and from an array give the same result', async () => {
  const text = await kpikit.calc('nps', { scores: '10\n9\n\n8\n6\n0' }, { locale: 'de' });
  const array = await kpikit.calc('nps', { scores: [10, 9, 8, 6, 0] });
  assert.equal(text.values.nps, 0);
  assert.deepEqual(text.values, array.values);
  assert.deepEqual(text.warnings, ['small_sample']);
});

test('a bad score is a KpiError with field scores and its row', async () => {
  await assert.rejects(kpikit.calc('nps', { scores: '9\n7\n\n11' }), (e) => {
    assert.ok(e instanceof kpikit.KpiError);
    assert.equal(e.code, 'score_out_of_range');
    assert.equal(e.field, 'scores');
    assert.equal(e.row, 4);
    return true;
  });
  await assert.rejects(kpikit.calc('nps', { scores: '9', promoters: '3' }), { code: 'scores_and_counts', field: 'scores' });
  await assert.rejects(kpikit.calc('crr', { start: 0, end: 0, new: 0 }), (e) => e.row === null);
});

test('engagement: one follower count for every post', async () => {
  const r = await kpikit.calc('engagement', { interactions: '50\n100', reach: '1000' });
  assert.ok(close(r.values.engagement, 0.075));
  assert.deepEqual(r.tables[0].rows.map((row) => row[3]), [0.05, 0.1]);
  await assert.rejects(kpikit.calc('engagement', { interactions: '5\n6', reach: '100\n0' }), { code: 'zero_reach', field: 'reach', row: 2 });
});

test('upsell 20 %, referral 15 %, CAC ratio 6.25x', async () => {
  assert.ok(close((await kpikit.calc('upsell', { upsold: 120, single: 480 })).values.upsell_rate, 0.2));
  assert.ok(close((await kpikit.calc('referral', { referred: 36, new: 240 })).values.referral_share, 0.15));
  const cac = await kpikit.calc('cac', { acquisition_spend: '30.000', new: '200', retention_spend: '12.000', retained: '500' }, { locale: 'de' });
  assert.ok(close(cac.values.cac, 150));
  assert.ok(close(cac.values.cac_ratio, 6.25));
  assert.equal(cac.values.clv_cac, undefined);
});

test('formula CLV and CLV:CAC with its verdict', async () => {
  assert.ok(close((await kpikit.calc('clv_basic', { aov: 50, frequency: 4, lifespan: 3, gross_margin: 0.3 })).values.clv, 180));
  assert.ok(close((await kpikit.calc('clv_margin', { margin: '100', retention: '80', discount: '10' })).values.clv, 800 / 3));
  assert.ok(close((await kpikit.calc('clv_arpu', { arpu: '30', churn: '5', gross_margin: '70' })).values.clv, 420));
  const v = await kpikit.calc('clv_cac', { clv: 600, cac: 150, monthly_margin: 25 });
  assert.equal(v.verdict, 'healthy');
  assert.ok(close(v.values.payback, 6));
  await assert.rejects(kpikit.calc('clv_arpu', { arpu: 30, churn: 0 }), { code: 'zero_churn', field: 'churn' });
});

test('retention what-if: the table runs from 65 % to 95 % and the chart column is clv', async () => {
  const r = await kpikit.calc('retention_whatif', { retention: 0.8, margin: 100, discount: 0.1, customers: 1000, change: 0.05 });
  assert.ok(close(r.values.clv_change, 0.275));
  assert.ok(close(r.values.profit_gain, 340000 - 800000 / 3, 1e-6));
  const [table] = r.tables;
  assert.deepEqual(table.columns, ['retention', 'clv', 'lifetime', 'profit', 'clv_change']);
  assert.deepEqual(table.chart, ['clv']);
  assert.equal(table.rows.length, 7);
  assert.ok(close(table.rows[0][0], 0.65));
  assert.ok(close(table.rows[6][1], 95 / 0.15));
});

test('calculators lists the new calculators, nps scores as a list input', async () => {
  const list = await kpikit.calculators();
  const ids = list.map((c) => c.id);
  for (const id of ['nps', 'engagement', 'upsell', 'referral', 'cac', 'clv_basic', 'clv_margin', 'clv_arpu', 'clv_cac', 'retention_whatif'])
    assert.ok(ids.includes(id), id);
  const nps = list.find((c) => c.id === 'nps');
  assert.equal(nps.inputs[0].name, 'scores');
  assert.equal(nps.inputs[0].list, true);
});
