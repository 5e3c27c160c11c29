// The marketer's calculators in the kpikit CLI: NPS from counts and from a
// file of scores, engagement from files, CLV formulas, CLV:CAC verdict and
// the retention what-if table. Expected numbers are worked by hand in
// docs/metrics.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = process.env.KPIKIT_CLI || fileURLToPath(new URL('../../build/kpikit', import.meta.url));
const run = (args, input) => spawnSync(cli, args, { encoding: 'utf8', input });
const dir = mkdtempSync(join(tmpdir(), 'kpikit-calc-'));
const file = (name, text) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const close = (a, b, eps = 1e-9) => Math.abs(a - b) < eps;

test('calc nps from counts prints NPS 30 with the 95 % interval [14.69; 45.31]', () => {
  const r = run(['calc', 'nps', '--promoters', '50', '--passives', '30', '--detractors', '20']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /^NPS = 100 × \(50 − 20\) \/ 100 = 30;/);
  assert.match(r.stdout.split('\n')[0], /= 30 ± 15\.31 = \[14\.69; 45\.31\]$/);
});

test('calc nps --scores FILE reads one score per line and --json gives the distribution', () => {
  const scores = file('scores.txt', '10\n9\n\n8\r\n6\n0\n');
  const r = run(['calc', 'nps', '--scores', scores, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.values.nps, 0);
  assert.equal(out.values.respondents, 5);
  assert.ok(close(out.values.moe, 78.39855938160215));
  assert.deepEqual(out.warnings, ['small_sample']);
  assert.deepEqual(out.tables[0].rows.map((row) => row[1]), [1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1]);
});

test('a score outside 0-10 exits 2 naming the row; scores from stdin with "-"', () => {
  const r = run(['calc', 'nps', '--scores', file('bad.txt', '9\n\n12\n')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), 'kpikit calc: --scores: row 3: score 12 is outside 0 to 10 [score_out_of_range]');
  const s = run(['calc', 'nps', '--scores', '-', '--json'], '9\n10\n7\n');
  assert.equal(s.status, 0, s.stderr);
  assert.ok(close(JSON.parse(s.stdout).values.nps, 200 / 3));
  const missing = run(['calc', 'nps', '--scores', join(dir, 'nope.txt')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read file/);
});

test('calc engagement from two files: average 5 %, pooled 5.47 %', () => {
  const r = run(['calc', 'engagement', '--interactions', file('i.txt', '120\n45\n300\n'),
    '--reach', file('r.txt', '2000\n1500\n5000\n'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(close(out.values.engagement, 0.05));
  assert.ok(close(out.values.pooled, 465 / 8500));
  assert.equal(out.tables[0].rows.length, 3);
});

test('calc upsell, referral and cac print their arithmetic', () => {
  assert.equal(run(['calc', 'upsell', '--upsold', '120', '--single', '480']).stdout.split('\n')[0],
    'UR = 120 / (120 + 480) = 120 / 600 = 20 %');
  assert.equal(run(['calc', 'referral', '--referred', '36', '--new', '240']).stdout.split('\n')[0],
    'RS = 36 / 240 = 15 %');
  const cac = run(['calc', 'cac', '--acquisition_spend', '30000', '--new', '200', '--retention_spend', '12000',
    '--retained', '500', '--clv', '600']);
  assert.equal(cac.status, 0, cac.stderr);
  assert.equal(cac.stdout.split('\n')[0],
    'CAC = 30000.00 / 200 = 150.00;  CR = 12000.00 / 500 = 24.00;  CAC / CR = 150.00 / 24.00 = 6.25x;  CLV:CAC = 600.00 / 150.00 = 4x');
  const bad = run(['calc', 'referral', '--referred', '50', '--new', '40']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--referred: .*\[referred_above_new\]/);
});

test('formula CLV: basic 180, margin 266.67, ARPU 420; retention 100 % is an error', () => {
  const basic = JSON.parse(run(['calc', 'clv_basic', '--aov', '50', '--frequency', '4', '--lifespan', '3', '--gross_margin', '30', '--json']).stdout);
  assert.ok(close(basic.values.clv, 180));
  const margin = JSON.parse(run(['calc', 'clv_margin', '--margin', '100', '--retention', '80', '--discount', '10', '--json']).stdout);
  assert.ok(close(margin.values.clv, 800 / 3));
  assert.ok(close(margin.values.lifetime, 5));
  const arpu = JSON.parse(run(['calc', 'clv_arpu', '--arpu', '30', '--churn', '5', '--gross_margin', '70', '--json']).stdout);
  assert.ok(close(arpu.values.clv, 420));
  const bad = run(['calc', 'clv_margin', '--margin', '100', '--retention', '100', '--discount', '10']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--retention: .*\[retention_too_high\]/);
});

test('calc clv_cac prints the verdict and the payback months', () => {
  const r = run(['calc', 'clv_cac', '--clv', '600', '--cac', '150', '--monthly_margin', '25']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], 'CLV:CAC = 600.00 / 150.00 = 4x;  T = 150.00 / 25.00 = 6');
  assert.match(r.stdout, /^verdict: healthy$/m);
  const losing = JSON.parse(run(['calc', 'clv_cac', '--clv', '90', '--cac', '100', '--json']).stdout);
  assert.equal(losing.verdict, 'losing_money');
});

test('calc retention_whatif: +5 points from 80 % lifts CLV by 27.5 % and prints the table', () => {
  const r = run(['calc', 'retention_whatif', '--retention', '80', '--margin', '100', '--discount', '10',
    '--customers', '1000', '--change', '5']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /= 266\.67;.*= 340\.00;.*= 27\.5 %$/);
  assert.match(r.stdout, /^retention\tclv\tlifetime\tprofit\tclv_change$/m);
  assert.match(r.stdout, /^95 %\t633\.33\t20\t633333\.33\t137\.5 %$/m);
  const tooMuch = run(['calc', 'retention_whatif', '--retention', '96', '--margin', '100', '--discount', '10',
    '--customers', '1000', '--change', '5']);
  assert.equal(tooMuch.status, 2);
  assert.match(tooMuch.stderr, /--change: .*\[change_too_large\]/);
});
