// The WebAssembly stack: how deep the core's deepest call goes.
//
// WebAssembly memory never shrinks and its stack is a fixed region of it
// (wasm/CMakeLists.txt: -sTOTAL_STACK), so the stack's size counts in full in
// the memory of every read (issue 3: memory under the file's size). This test
// paints the whole stack region with a pattern while no WebAssembly code runs,
// runs the heaviest calls the app makes (reading the real files, the whole
// report, every CLV model, RFM export, calculators, hostile JSON requests),
// then finds the lowest byte that was written: the high-water mark. The stack
// grows down from its base to its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as kpikit from '../../web/kpikit.js';
import { sharedData } from '../shared-data.mjs';

const PATTERN = 0xa5;

function stackRegion(core) {
  const base = core._emscripten_stack_get_base();  // highest address (the stack starts here)
  const end = core._emscripten_stack_get_end();    // lowest address the stack may reach
  return { base, end, size: base - end };
}

// Bytes of the region used since it was painted: from the lowest changed byte to the base.
function highWater(core, { base, end }) {
  const heap = core.HEAPU8;
  let at = end;
  while (at < base && heap[at] === PATTERN) ++at;
  return base - at;
}

async function heaviestCalls() {
  const retail = await kpikit.openDataset(readFileSync(sharedData('online-retail/online_retail.csv')));
  await kpikit.analyze(retail.dataset, { rfm_customers: true, segments: ['Country'] });
  await kpikit.request('clv_predict', { dataset: retail.dataset, model: 'pnbd' });
  const cdnow = await kpikit.openDataset(readFileSync(sharedData('cdnow/CDNOW_master.txt')));
  await kpikit.analyze(cdnow.dataset, { period: 'quarter' });
  for (const model of ['bgnbd', 'pnbd', 'gg']) await kpikit.request('clv_fit', { dataset: cdnow.dataset, model });
  await kpikit.request('clv_predict', { dataset: cdnow.dataset, model: 'bgnbd' });
  const telco = await kpikit.openDataset(readFileSync(sharedData('telco-churn/Telco-Customer-Churn.csv')));
  await kpikit.analyze(telco.dataset, {});
  // BG/BB on the donation patterns of Fader, Hardie & Shang (2010), table 1 (6 opportunities).
  const patterns = [[6, 6, 1203], [5, 6, 728], [4, 6, 512], [3, 6, 357], [2, 6, 234], [1, 6, 129], [0, 0, 3464]];
  await kpikit.request('clv_bgbb', {
    frequency: patterns.map((p) => p[0]), recency: patterns.map((p) => p[1]),
    periods: patterns.map(() => 6), weights: patterns.map((p) => p[2]),
  });
  await kpikit.request('clv_sbg', { alive: [1000, 631, 468, 382, 326, 289, 262, 241] });
  // Every calculator with every input set (some combinations are rejected: that is a call too).
  for (const c of await kpikit.calculators()) {
    const inputs = Object.fromEntries(c.inputs.map((i) => [i.name, i.list ? [9, 10, 7, 3, 8] : 10]));
    await kpikit.calc(c.id, inputs).catch((e) => assert.ok(e instanceof kpikit.KpiError, String(e)));
  }
  for (const d of [retail, cdnow, telco]) await kpikit.dropDataset(d.dataset);
  // Hostile requests: JSON nested a million deep, and a long array of deep objects.
  const core = await kpikit.load();
  for (const text of ['['.repeat(1_000_000) + ']'.repeat(1_000_000), '{"op":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}']) {
    const r = JSON.parse(core.request(text));
    assert.equal(r.ok, false);
  }
}

test('the deepest call uses under a quarter of the WebAssembly stack', { timeout: 300_000 }, async () => {
  const core = await kpikit.load();
  const region = stackRegion(core);
  assert.ok(region.size >= 64 * 1024, `stack of ${region.size} bytes`);
  core.HEAPU8.fill(PATTERN, region.end, region.base);
  assert.equal(highWater(core, region), 0);
  await heaviestCalls();
  const used = highWater(core, region);
  console.log(`# stack high-water ${(used / 1024).toFixed(1)} KiB of ${(region.size / 1024).toFixed(0)} KiB`);
  assert.ok(used > 0, 'the calls left no trace on the stack: the measurement is broken');
  assert.ok(used * 4 <= region.size, `deepest call used ${used} of ${region.size} bytes`);
});
