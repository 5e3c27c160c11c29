// Two (or more) builds of the WebAssembly module timed against each other in
// one Node process, runs alternating, so both see the same state of this
// shared machine (two processes started a minute apart can differ by 40 %).
//
//   node bench/ab.mjs [--task read|report|analyze] [--file F] [--rounds 8] DIR...
//   node bench/ab.mjs --snapshot DIR     copy the build (web/kpikit.js, kpikit-error.js, web/gen/kpikit_core.*) to DIR
//
// A DIR holds a copy of the build (as --snapshot makes, or
// bench/run.mjs's snapshot). Tasks: read = openDataset + dropDataset; report =
// the same with analyze; analyze = analyze alone, the file read once before.
// Each build runs twice unmeasured first. Prints per build the minimum, the
// first quartile and the median of the rounds, and every round.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { snapshotWebBuild } from './tools.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};

const snapshot = opt('snapshot', null);
if (snapshot) {
  snapshotWebBuild(snapshot);
  console.log(`web/kpikit.js, kpikit-error.js and web/gen/kpikit_core.{js,wasm} copied to ${snapshot}`);
  process.exit(0);
}

const task = opt('task', 'read');
const file = opt('file', join(root, 'bench/out/orders-1000000-en-s42-v1.csv'));
const rounds = Number(opt('rounds', '8'));
const dirs = args;
if (dirs.length === 0 || !['read', 'report', 'analyze'].includes(task)) {
  console.error('usage: node bench/ab.mjs [--task read|report|analyze] [--file F] [--rounds N] DIR...');
  process.exit(2);
}

const bytes = new Uint8Array(readFileSync(file));
const builds = [];
for (const dir of dirs) {
  // The query string makes each directory's kpikit.js a module of its own.
  const kpikit = await import(`${pathToFileURL(join(dir, 'kpikit.js')).href}?build=${encodeURIComponent(dir)}`);
  await kpikit.load();
  builds.push({ dir, kpikit, dataset: null, times: [] });
}

async function once(b) {
  if (task === 'analyze') {
    if (b.dataset === null) b.dataset = (await b.kpikit.openDataset(bytes)).dataset;
    const t0 = performance.now();
    await b.kpikit.analyze(b.dataset);
    return performance.now() - t0;
  }
  const t0 = performance.now();
  const r = await b.kpikit.openDataset(bytes);
  if (task === 'report') await b.kpikit.analyze(r.dataset);
  await b.kpikit.dropDataset(r.dataset);
  return performance.now() - t0;
}

for (const b of builds) {
  await once(b);
  await once(b);
}
for (let i = 0; i < rounds; i++) for (const b of builds) b.times.push(await once(b));

const quantile = (a, f) => [...a].sort((x, y) => x - y)[Math.floor(f * (a.length - 1))];
const ms = (t) => t.toFixed(0);
console.log(`${task} of ${file}, ${rounds} rounds, ms`);
for (const b of builds) {
  console.log(`${b.dir.padEnd(24)} min ${ms(quantile(b.times, 0))}  q25 ${ms(quantile(b.times, 0.25))}  ` +
    `median ${ms(quantile(b.times, 0.5))}  all ${b.times.map(ms).join(' ')}`);
}
