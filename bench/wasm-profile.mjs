// Where a WebAssembly read (or whole report) spends its instructions, per
// WebAssembly function, counted exactly (the same build gives the same count
// to six digits; wall times on this machine vary by 40 %).
//
//   node bench/wasm-profile.mjs [--task read|report] [--file F] [--top 25] [--no-build]
//                               [--annotate NAME]
//
// Needs valgrind (`apt-get install valgrind`; not part of the setup). Builds a
// copy of the module linked with --profiling-funcs (function names kept, code
// otherwise the same: -O3, LTO) in build-wasm-prof/, then runs bench/child.mjs
// under callgrind with V8 made deterministic (one thread, TurboFan only, every
// function compiled before the run) and --perf-basic-prof, which writes where
// V8 put each function's machine code. Each counted instruction is charged to
// the function whose code holds its address.
//
// Prints: the task's instructions (one run minus the same process without the
// run: the module's compilation and Node's start-up cancel out), then the
// functions with the most instructions. A function's count is its own code
// only (callees not included); what binaryen or LLVM inlined is part of the
// caller. "(not WebAssembly)" is Node, V8 and the compiler.
//
// --annotate NAME: also prints the machine code V8 made of the first function
// whose name contains NAME (from --print-wasm-code in the counted run itself,
// so it is the code that ran), each instruction with its count, so one can
// tell which part of a big inlined function costs. The task's total is then
// not comparable with other runs (the printing is counted too).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const task = opt('task', 'read');
const file = opt('file', join(root, 'bench/out/orders-1000000-en-s42-v1.csv'));
const top = Number(opt('top', '25'));
const annotate = opt('annotate', null);
const buildDir = join(root, 'build-wasm-prof');
const webDir = join(buildDir, 'web');

function buildProfilingModule() {
  mkdirSync(join(webDir, 'gen'), { recursive: true });
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  execFileSync('emcmake', ['cmake', '-S', root, '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release',
    `-DKPIKIT_WASM_OUTPUT_DIR=${join(webDir, 'gen')}`, '-DCMAKE_EXE_LINKER_FLAGS_RELEASE=--profiling-funcs'],
  { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cmake', ['--build', buildDir, '-j2', '--target', 'kpikit_wasm'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const f of ['kpikit.js', 'kpikit-error.js']) copyFileSync(join(root, 'web', f), join(webDir, f));
}

// One run of child.mjs under callgrind; returns the callgrind file, the perf map and the total.
function countRun(runs, scratch) {
  const out = join(scratch, `callgrind-${runs}.out`);
  const listing = join(scratch, `code-${runs}.txt`);
  const r = spawnSync('sh', ['-c', 'exec "$@" > "$LISTING"', 'sh', 'valgrind', '--tool=callgrind', '--smc-check=all', '--dump-instr=yes', `--callgrind-out-file=${out}`,
    process.execPath, '--single-threaded', '--no-liftoff', '--no-wasm-lazy-compilation', '--predictable',
    '--perf-basic-prof', '--logfile=/dev/null', '--no-logfile-per-isolate', ...(annotate && runs > 0 ? ['--print-wasm-code'] : []),
    join(root, 'bench/child.mjs'), '--tool', 'kpikit-wasm', '--task', task, '--file', file, '--runs', String(runs), '--warmup', '0'],
  { cwd: scratch, env: { ...process.env, KPIKIT_BENCH_WEB: webDir, LISTING: listing }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const total = /refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !total) throw new Error(`valgrind failed (is it installed?):\n${r.stderr.slice(-2000)}`);
  const pid = /==(\d+)==/.exec(r.stderr)[1];
  return { out, listing, map: join('/tmp', `perf-${pid}.map`), total: Number(total[1].replaceAll(',', '')) };
}

// perf map lines: "address size name" (hex, hex, text).
function readPerfMap(path) {
  const ranges = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [a, s, ...name] = line.split(' ');
    return { start: parseInt(a, 16), end: parseInt(a, 16) + parseInt(s, 16), name: name.join(' ') };
  });
  ranges.sort((x, y) => x.start - y.start);
  return ranges;
}

function functionOf(ranges, address) {
  let lo = 0, hi = ranges.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 && address < ranges[found].end ? ranges[found].name : null;
}

// Self cost per instruction address from a callgrind file written with
// --dump-instr=yes ("positions: instr line"; positions may be relative: +n, -n, *).
function costByFunction(callgrindFile, ranges, byAddress = null) {
  const cost = new Map();
  let address = 0, afterCalls = false;
  const position = (token) => {
    if (token === '*') return address;
    if (token[0] === '+') address += Number(token.slice(1));
    else if (token[0] === '-') address -= Number(token.slice(1));
    else address = Number(token);
    return address;
  };
  for (const line of readFileSync(callgrindFile, 'utf8').split('\n')) {
    const c = line[0];
    if (!(c >= '0' && c <= '9') && c !== '+' && c !== '-' && c !== '*') {
      if (line.startsWith('calls=')) afterCalls = true;
      continue;
    }
    const parts = line.split(' ');
    const at = position(parts[0]);
    if (afterCalls) { afterCalls = false; continue; }  // a call's inclusive cost, not this code's own
    const n = Number(parts[2] ?? 0);
    if (byAddress) byAddress.set(at, (byAddress.get(at) ?? 0) + n);
    const raw = functionOf(ranges, at);
    const name = raw && raw.endsWith('-turbofan') ? raw.replace(/^JS:/, '').replace(/-\d+-turbofan$/, '') : '(not WebAssembly)';
    cost.set(name, (cost.get(name) ?? 0) + n);
  }
  return cost;
}

// The listing of the first function whose name holds `annotate`, each
// instruction with its count.
function printAnnotated(listingFile, ranges, byAddress) {
  const text = readFileSync(listingFile, 'utf8');
  let at = -1;
  for (let i = text.indexOf('name: '); i >= 0 && at < 0; i = text.indexOf('\nname: ', i + 1)) {
    const lineEnd = text.indexOf('\n', i + 1);
    if (text.slice(i, lineEnd).includes(annotate)) at = text[i] === '\n' ? i + 1 : i;
  }
  if (at < 0) throw new Error(`no function named like ${annotate} in the listing`);
  const lines = text.slice(at, text.indexOf('\n--- End code ---', at)).split('\n');
  const rows = [];
  for (const line of lines) {
    const m = /^0x([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+(.*)$/.exec(line);
    if (!m) continue;
    rows.push({ address: parseInt(m[1], 16), offset: m[2], code: m[3], n: 0 });
  }
  // The run's code lies elsewhere than the printed addresses only if V8 moved it; match by the perf map.
  const start = rows.length ? ranges.find((r) => r.name.includes(annotate) && r.name.endsWith('-turbofan'))?.start : undefined;
  const shift = start !== undefined ? start - rows[0].address : 0;
  let total = 0;
  for (const row of rows) { row.n = byAddress.get(row.address + shift) ?? 0; total += row.n; }
  console.log(`\n${lines[0]}: ${total.toLocaleString('en-US')} instructions`);
  for (const row of rows) console.log(`${row.n.toLocaleString('en-US').padStart(13)}  ${row.offset.padStart(5)}  ${row.code}`);
}

if (!args.includes('--no-build')) buildProfilingModule();
if (!existsSync(file)) throw new Error(`no file ${file} (npm run bench generates bench/out/)`);
const scratch = join(tmpdir(), `kpikit-wasm-profile-${process.pid}`);
mkdirSync(scratch, { recursive: true });
try {
  const base = countRun(0, scratch);
  const one = countRun(1, scratch);
  const byAddress = annotate ? new Map() : null;
  const ranges = readPerfMap(one.map);
  const cost = costByFunction(one.out, ranges, byAddress);
  const fmt = (n) => n.toLocaleString('en-US').padStart(15);
  console.log(`${task} of ${file}: ${fmt(one.total - base.total)} instructions (one run ${one.total.toLocaleString('en-US')} - without it ${base.total.toLocaleString('en-US')})`);
  for (const [name, n] of [...cost].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${fmt(n)}  ${name.slice(0, 150)}`);
  if (annotate) printAnnotated(one.listing, ranges, byAddress);
  for (const f of [one.map, base.map]) rmSync(f, { force: true });
} finally {
  for (const f of readdirSync(scratch)) rmSync(join(scratch, f));
  rmSync(scratch, { recursive: true, force: true });
}
