// histogram (web/app/histogram.js): the CLV distribution's bins have a round
// width, labels with the decimals the width needs, and no two labels alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogram, niceStep } from '../../web/app/histogram.js';

const sum = (a) => a.reduce((s, v) => s + v, 0);

test('niceStep gives the smallest 1, 2 or 5 × 10^k at least the raw width, with its decimals', () => {
  assert.deepEqual(niceStep(0.03), { step: 0.05, decimals: 2 });
  assert.deepEqual(niceStep(0.1), { step: 0.1, decimals: 1 });
  assert.deepEqual(niceStep(0.11), { step: 0.2, decimals: 1 });
  assert.deepEqual(niceStep(1), { step: 1, decimals: 0 });
  assert.deepEqual(niceStep(2.5), { step: 5, decimals: 0 });
  assert.deepEqual(niceStep(5.01), { step: 10, decimals: 0 });
  assert.deepEqual(niceStep(340), { step: 500, decimals: 0 });
  assert.deepEqual(niceStep(0.00042), { step: 0.0005, decimals: 4 });
});

test('small values get labels with decimals, in German with the decimal comma', () => {
  // The shop file's case: CLVs below 1 gave "0–0", "0–0", "0–1" when edges were rounded to whole numbers.
  const values = Array.from({ length: 100 }, (_, i) => i / 100);  // 0 … 0,99
  const { labels, counts, step } = histogram(values, 'de');
  assert.equal(step, 0.1);  // 98th percentile 0,98 / 11 = 0,089 -> 0,1
  assert.deepEqual(labels, ['0–0,1', '0,1–0,2', '0,2–0,3', '0,3–0,4', '0,4–0,5', '0,5–0,6', '0,6–0,7', '0,7–0,8',
    '0,8–0,9', '0,9–1', '≥ 1']);
  // 0,30 is 0.3 / 0.1 = 2.9999999999999996 in floating point: it still counts in "0,3–0,4", as its label says.
  assert.deepEqual(counts, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0]);
  assert.deepEqual(histogram(values, 'en').labels.slice(0, 2), ['0–0.1', '0.1–0.2']);
});

test('large values: round widths with thousands separators, the tail above the 98th percentile in the open bin', () => {
  const values = [...Array.from({ length: 98 }, (_, i) => 100 * i), 50000, 90000];
  const { labels, counts, step } = histogram(values, 'de');
  assert.equal(step, 1000);  // 98th percentile 9.700 / 11 = 882 -> 1.000
  assert.equal(labels[0], '0–1.000');
  assert.equal(labels[labels.length - 1], '≥ 10.000');
  assert.equal(counts[counts.length - 1], 2);
  assert.equal(sum(counts), values.length);
});

test('every label differs and every value is counted, whatever the scale', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let trial = 0; trial < 500; trial++) {
    const scale = 10 ** (Math.floor(random() * 12) - 6);
    const n = 1 + Math.floor(random() * 300);
    const values = Array.from({ length: n }, () => (random() < 0.2 ? 0 : random() ** 3 * scale));
    for (const lang of ['de', 'en']) {
      const { labels, counts, step } = histogram(values, lang);
      assert.equal(new Set(labels).size, labels.length, `${lang} ${scale}: ${labels.join(' | ')}`);
      assert.ok(labels.length >= 2 && labels.length <= 13, labels.join(' | '));
      assert.equal(sum(counts), n);
      assert.match(String(step), /^[125](e-\d+)?0*$|^0\.0*[125]$/);
    }
  }
});

test('nulls, NaN and negatives are left out; all zeros give one bin of width 1', () => {
  assert.deepEqual(histogram([], 'de'), { labels: [], counts: [], step: null });
  assert.deepEqual(histogram([null, NaN, -3], 'de'), { labels: [], counts: [], step: null });
  assert.deepEqual(histogram([0, 0, 0, null], 'de'), { labels: ['0–1', '≥ 1'], counts: [3, 0], step: 1 });
});
