// Memory exhaustion in the WebAssembly core (issue 10): the module grows its
// memory up to the 2 GB ceiling (-sMAXIMUM_MEMORY=2GB, -sALLOW_MEMORY_GROWTH=1)
// and is linked with -sABORTING_MALLOC=0, so a failed allocation returns null /
// throws std::bad_alloc, which src/api/dataset_store.cpp turns into the error
// code out_of_memory (web/kpikit.js does the same when _malloc of a chunk
// fails). This test reads a generated stream of rows whose customer and order
// ids are long and all distinct, so the core must keep every byte of them,
// until the ceiling is hit; then it checks that the module still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as kpikit from '../../web/kpikit.js';

const idPad = 'x'.repeat(480);
const limitBytes = 4 * 1024 ** 3;  // generous: the ceiling is 2 GB, stop at 4 GB fed
let fed = 0;

// Rows of ~1 KB: customer id and order id of ~490 characters each, all distinct.
async function* hugeOrders() {
  const encoder = new TextEncoder();
  yield encoder.encode('customer,order,date,amount\n');
  let i = 0;
  while (fed < limitBytes) {
    const rows = [];
    for (let k = 0; k < 4000; ++k, ++i) rows.push(`c${i}${idPad},o${i}${idPad},2024-01-01,5\n`);
    const chunk = encoder.encode(rows.join(''));
    fed += chunk.length;
    yield chunk;
  }
}

test('a dataset beyond the 2 GB memory ceiling ends with out_of_memory, and the module keeps working', { timeout: 600_000 }, async () => {
  const started = Date.now();
  let message = '';
  await assert.rejects(kpikit.openDataset(hugeOrders()), (e) => {
    assert.ok(e instanceof kpikit.KpiError, `expected a KpiError, got ${e}`);
    assert.equal(e.code, 'out_of_memory');
    message = e.message;
    return true;
  });
  const seconds = (Date.now() - started) / 1000;
  // The ceiling was reached, not the end of the generator: less than 2 GB of ids
  // can be held, and more than a few hundred MB must have been accepted.
  assert.ok(fed < limitBytes, `fed ${fed} bytes without running out of memory`);
  assert.ok(fed > 256 * 1024 ** 2, `ran out of memory after only ${fed} bytes`);
  console.log(`# out_of_memory after ${(fed / 1024 ** 2).toFixed(0)} MB fed in ${seconds.toFixed(1)} s: ${message}`);

  // The failed dataset was dropped: a following read and report succeed.
  const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\nA,2024-02-07,5\n';
  const report = await kpikit.openDataset(csv);
  assert.equal(report.rows.read, 3);
  assert.equal(report.rows.used, 3);
  const analysis = await kpikit.analyze(report.dataset);
  assert.equal(analysis.totals.customers, 2);
  assert.equal(analysis.totals.revenue, 35);
  const r = await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
  assert.ok(Math.abs(r.values.crr - 0.88) < 1e-12);
});
