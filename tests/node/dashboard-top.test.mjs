// topIndices (web/clv-overview.js): the top-10 CLV table's selection
// without sorting every customer must equal a stable sort of all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topIndices, clvOverview } from '../../web/clv-overview.js';

test('topIndices equals the first k of a stable descending sort, ties and nulls included', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 3000; t++) {
    const n = Math.floor(random() * 40);
    const v = Array.from({ length: n }, () => (random() < 0.1 ? null : Math.floor(random() * 8) - 2));
    const k = 1 + Math.floor(random() * 12);
    const reference = v.map((_, i) => i).sort((a, b) => v[b] - v[a]).slice(0, k);
    assert.deepEqual(topIndices(v, k), reference, JSON.stringify(v));
  }
  assert.deepEqual(topIndices([5, 9, 9, 1, 12], 3), [4, 1, 2]);
  assert.deepEqual(topIndices([], 10), []);
});

test('clvOverview keeps every column of the top customers and every CLV as a Float64Array', () => {
  const result = { model: 'bgnbd', totals: { clv: 60 }, customers: { id: ['a', 'b', 'c', 'd'], clv: [10, null, 30, 20], p_alive: [0.1, 0.2, 0.3, 0.4] } };
  const o = clvOverview(result, 2);
  assert.deepEqual(o.customers, { id: ['c', 'd'], clv: [30, 20], p_alive: [0.3, 0.4] });
  assert.ok(o.clv_values instanceof Float64Array);
  assert.deepEqual(Array.from(o.clv_values), [10, NaN, 30, 20]);
  assert.equal(o.customers_top, 2);
  assert.deepEqual(o.totals, { clv: 60 });
  assert.equal(result.customers.id.length, 4);  // the input is left as it was
});
