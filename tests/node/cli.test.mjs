// The kpikit CLI: readable lines, --json objects, exit code 2 on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = process.env.KPIKIT_CLI || fileURLToPath(new URL('../../build/kpikit', import.meta.url));
const run = (...args) => spawnSync(cli, args, { encoding: 'utf8' });

test('calc crr prints the arithmetic of the article example: 88 %', () => {
  const r = run('calc', 'crr', '--start', '150', '--end', '162', '--new', '30');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('\n')[0], 'CRR = (162 − 30) / 150 = 132 / 150 = 88 %');
  assert.match(r.stdout, /lost 18/);
});

test('calc churn of S=600, E=550, N=0 is 8.33 %, not the article\'s 10 %', () => {
  const r = run('calc', 'churn', '--start', '600', '--end', '550', '--new', '0');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('\n')[0], 'Churn = (600 + 0 − 550) / 600 = 50 / 600 = 8.33 %');
});

test('calc crr --json prints one object with inputs, values and formula', () => {
  const r = run('calc', 'crr', '--start', '30', '--end', '34', '--new', '5', '--json');
  assert.equal(r.status, 0);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.inputs, { start: 30, end: 34, new: 5 });
  assert.ok(Math.abs(out.values.crr - 29 / 30) < 1e-12);
  assert.equal(out.values.lost, 1);
  assert.equal(out.formula, 'CRR = (E − N) / S');
});

test('bad input exits 2 with one line on stderr naming the field', () => {
  const cases = [
    [['--start', '0', '--end', '1', '--new', '1'], /--start: .*\[zero_start\]/],
    [['--start', 'abc', '--end', '1', '--new', '1'], /--start: start is not a number: 'abc' \[not_a_number\]/],
    [['--start', '-5', '--end', '1', '--new', '1'], /--start: .*\[negative\]/],
    [['--start', '10', '--end', '2', '--new', '5'], /--end: .*\[end_below_new\]/],
    [['--start', '10', '--new', '5'], /--end: end is required \[missing\]/],
    [['--start', '10', '--end', '12', '--new', '5', '--bogus', '1'], /has no input --bogus/],
  ];
  for (const [args, pattern] of cases) {
    const r = run('calc', 'crr', ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('an unknown calculator or command exits 2', () => {
  assert.equal(run('calc', 'nope', '--x', '1').status, 2);
  assert.equal(run('frobnicate').status, 2);
});

test('kpikit --help lists the commands and examples', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /calc/);
  assert.match(r.stdout, /kpikit calc crr --start 150 --end 162 --new 30/);
});

test('every command that reads a file reads standard input for "-", with the same answer', () => {
  const demo = fileURLToPath(new URL('../../web/demo/demo-bestellungen.csv', import.meta.url));
  const text = readFileSync(demo);
  const piped = (...args) => spawnSync(cli, args, { input: text, encoding: 'utf8' });
  for (const args of [['analyze', '--json'], ['clv', 'predict', '--json'], ['clv', 'fit', '--model', 'bgnbd', '--json'], ['inspect', '--json']]) {
    const [command, ...rest] = args;
    const head = command === 'clv' ? [command, rest.shift()] : [command];
    const fromFile = run(...head, demo, ...rest);
    const fromStdin = piped(...head, '-', ...rest);
    assert.equal(fromFile.status, 0, `${args.join(' ')}: ${fromFile.stderr}`);
    assert.equal(fromStdin.status, 0, `${args.join(' ')} -: ${fromStdin.stderr}`);
    assert.ok(fromFile.stdout.length > 100);
    assert.equal(fromStdin.stdout, fromFile.stdout, args.join(' '));
  }
  // The demo's 420 customers, read from standard input.
  assert.equal(JSON.parse(piped('analyze', '-', '--json').stdout).totals.customers, 420);
  // A calculator's list input and the sBG counts from standard input: NPS of 10, 9, 7, 3 = (2 − 1) / 4 = 25.
  const nps = spawnSync(cli, ['calc', 'nps', '--scores', '-', '--json'], { input: '10\n9\n7\n3\n', encoding: 'utf8' });
  assert.equal(nps.status, 0, nps.stderr);
  assert.equal(JSON.parse(nps.stdout).values.nps, 25);
  const sbg = spawnSync(cli, ['clv', 'fit', '-', '--model', 'sbg', '--json'], { input: '1000\n631\n468\n382\n326\n', encoding: 'utf8' });
  assert.equal(sbg.status, 0, sbg.stderr);
  assert.ok(JSON.parse(sbg.stdout).fit.parameters.alpha > 0);
});

test('a file that cannot be opened exits 2 with one line naming it', () => {
  for (const args of [['analyze', '/no/such/file.csv'], ['clv', 'predict', '/no/such/file.csv'], ['inspect', '/no/such/file.csv']]) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr, `kpikit ${args[0]}: cannot open /no/such/file.csv\n`);
  }
});
