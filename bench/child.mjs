// One tool, one file, one task, in a process of its own (so peak memory is
// that tool's): node bench/child.mjs --tool T --layout L --file F --task read|report [--runs 5] [--warmup 1]
// Prints one JSON line: startup ms, the first run's wall and CPU ms (first_run),
// per-run wall and CPU ms of the timed runs, the figures of the first
// (warm-up) run, peak RSS (KiB) and the RSS before the file was loaded.
import { readFileSync } from 'node:fs';
import { TOOLS } from './tools.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const tool = opt('tool'), layout = opt('layout'), file = opt('file'), task = opt('task', 'report');
const runs = Number(opt('runs', '5')), warmup = Number(opt('warmup', '1')), slowMs = Number(opt('slow-ms', '30000'));

const out = { tool, layout, task, file };
const emit = () => process.stdout.write(JSON.stringify(out) + '\n');
try {
  const rssBefore = process.memoryUsage().rss;
  const t = await TOOLS[tool](layout);
  out.startup_ms = t.startup;
  out.rss_after_startup_kib = Math.round(process.memoryUsage().rss / 1024);
  out.rss_before_kib = Math.round(rssBefore / 1024);
  if (t.unavailable) { out.unavailable = t.unavailable; emit(); process.exit(0); }
  if (typeof t[task] !== 'function') { out.unavailable = `${tool} has no ${task} task`; emit(); process.exit(0); }
  const bytes = new Uint8Array(readFileSync(file));
  out.bytes = bytes.length;
  out.runs = [];
  let warm = warmup, total = warmup + runs;
  for (let i = 0; i < total; i++) {
    const c0 = process.cpuUsage(), w0 = performance.now();
    const figures = await t[task](bytes);
    const wall = performance.now() - w0, c = process.cpuUsage(c0);
    if (i === 0) { out.figures = figures; out.first_run = { wall, cpu: (c.user + c.system) / 1000 }; }
    // A first run over 30 s (the slow peers on 5M rows): no further warm-up, 2 timed runs, marked in RESULTS.md.
    if (i === 0 && wall > slowMs && runs > 2) { warm = 1; total = 1 + 2; out.reduced_runs = `warm-up took ${(wall / 1000).toFixed(0)} s`; }
    // Over 120 s: the warm-up run is the only figure (n=1), so bench:peers stays within the hour.
    if (i === 0 && wall > 4 * slowMs) { out.runs.push({ wall, cpu: (c.user + c.system) / 1000, ...(figures?.stage_ms ?? {}) }); out.reduced_runs = `warm-up only: took ${(wall / 1000).toFixed(0)} s`; break; }
    if (i >= warm) out.runs.push({ wall, cpu: (c.user + c.system) / 1000, ...(figures?.stage_ms ?? {}) });
  }
  out.peak_rss_kib = process.resourceUsage().maxRSS;
  if (t.wasmMemory) out.wasm_memory_bytes = t.wasmMemory();
} catch (e) {
  out.error = String(e && e.stack || e);
}
emit();
