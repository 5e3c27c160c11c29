// Where a WebAssembly read (or whole report) spends its instructions, per
// WebAssembly function, counted exactly (the same build gives the same count
// to six digits; wall times on this machine vary by 40 %).
//
//   node bench/wasm-profile.mjs [--task read|report] [--file F] [--top 25] [--no-build]
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
const buildDir = join(root, 'build-wasm-prof');
const webDir = join(buildDir, 'web');

function buildProfilingModule() {
  mkdirSync(join(webDir, 'gen'), { recursive: true });
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  execFileSync('emcmake', ['cmake', '-S', root, '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release',
    `-DKPIKIT_WASM_OUTPUT_DIR=${join(webDir, 'gen')}`, '-DCMAKE_EXE_LINKER_FLAGS_RELEASE=--profiling-funcs'],
  { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cmake', ['--build', buildDir, '-j2', '--target', 'kpikit_wasm'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  copyFileSync(join(root, 'web/kpikit.js'), join(webDir, 'kpikit.js'));
}

// One run of child.mjs under callgrind; returns the callgrind file, the perf map and the total.
function countRun(runs, scratch) {
  const out = join(scratch, `callgrind-${runs}.out`);
  const r = spawnSync('valgrind', ['--tool=callgrind', '--smc-check=all', '--dump-instr=yes', `--callgrind-out-file=${out}`,
    process.execPath, '--single-threaded', '--no-liftoff', '--no-wasm-lazy-compilation', '--predictable',
    '--perf-basic-prof', '--logfile=/dev/null', '--no-logfile-per-isolate',
    join(root, 'bench/child.mjs'), '--tool', 'kpikit-wasm', '--task', task, '--file', file, '--runs', String(runs), '--warmup', '0'],
  { cwd: scratch, env: { ...process.env, KPIKIT_BENCH_WEB: webDir }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const total = /refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !total) throw new Error(`valgrind failed (is it installed?):\n${r.stderr.slice(-2000)}`);
  const pid = /==(\d+)==/.exec(r.stderr)[1];
  return { out, map: join('/tmp', `perf-${pid}.map`), total: Number(total[1].replaceAll(',', '')) };
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
function costByFunction(callgrindFile, ranges) {
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
    const raw = functionOf(ranges, at);
    const name = raw && raw.endsWith('-turbofan') ? raw.replace(/^JS:/, '').replace(/-\d+-turbofan$/, '') : '(not WebAssembly)';
    cost.set(name, (cost.get(name) ?? 0) + n);
  }
  return cost;
}

if (!args.includes('--no-build')) buildProfilingModule();
if (!existsSync(file)) throw new Error(`no file ${file} (npm run bench generates bench/out/)`);
const scratch = join(tmpdir(), `kpikit-wasm-profile-${process.pid}`);
mkdirSync(scratch, { recursive: true });
try {
  const base = countRun(0, scratch);
  const one = countRun(1, scratch);
  const cost = costByFunction(one.out, readPerfMap(one.map));
  const fmt = (n) => n.toLocaleString('en-US').padStart(15);
  console.log(`${task} of ${file}: ${fmt(one.total - base.total)} instructions (one run ${one.total.toLocaleString('en-US')} - without it ${base.total.toLocaleString('en-US')})`);
  for (const [name, n] of [...cost].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${fmt(n)}  ${name.slice(0, 150)}`);
  for (const f of [one.map, base.map]) rmSync(f, { force: true });
} finally {
  for (const f of readdirSync(scratch)) rmSync(join(scratch, f));
  rmSync(scratch, { recursive: true, force: true });
}
