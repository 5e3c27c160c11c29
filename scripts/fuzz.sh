#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each one.
#   scripts/fuzz.sh                 bounded run: 10 s per target (part of npm test)
#   scripts/fuzz.sh --runs 10000000 the long run (npm run fuzz): N executions per target
#   scripts/fuzz.sh --seconds 60    a time bound per target
# Seeds: tests/fuzz/corpus/<target>/ (committed) plus ../shared/data/csv-suites
# for the reader targets (cut to -max_len by libFuzzer).
# Environment: KPIKIT_FUZZ_BUILD (build dir, default build-fuzz),
#   KPIKIT_FUZZ_TARGETS (space-separated names, default all), KPIKIT_JOBS,
#   KPIKIT_FUZZ_JOBS (fuzzing processes per target, default 1): N processes
#   share the target's corpus directory (libFuzzer reloads it, so what one
#   finds the others mutate), --runs is split between them and their
#   executions are summed; --seconds applies to each.
# Lengths: the reader target (ingest) is capped at -max_len=1024 (it reads
# inputs twice and detection work grows with the input; CSV behaviour shows
# in small inputs), the JSON request target at 4096 (requests are small),
# the model target at 65 (a model byte and 16 customers of 4 bytes), the
# others at 65536. For executions per second: -entropic=0 (libFuzzer's
# feature-frequency bookkeeping took a quarter of the reader target's time)
# and ASAN_OPTIONS without allocation stacks and with a 16 MB quarantine
# (page faults and stack unwinding took a third of the model target's time);
# a crash's reproducer is then re-run under plain ASan for the full report.
# New inputs found go to <build>/corpus/<target>/ (not committed). A crash
# stops the run with the reproducer path; it then becomes a regression test
# in tests/core.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="-max_total_time=10"
case "${1:-}" in
  --runs) mode="-runs=${2:?}" ;;
  --seconds) mode="-max_total_time=${2:?}" ;;
  "") ;;
  *) echo "usage: scripts/fuzz.sh [--runs N | --seconds S]" >&2; exit 2 ;;
esac

build="${KPIKIT_FUZZ_BUILD:-build-fuzz}"
CXX=clang++ cmake -S . -B "$build" -DKPIKIT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${KPIKIT_JOBS:-2}" >/dev/null
shared="${KPIKIT_SHARED_DATA:-$(cd .. && pwd)/shared/data}/csv-suites"
for target in "$build"/fuzz/fuzz_*; do
  name="$(basename "$target")"; name="${name#fuzz_}"
  if [ -n "${KPIKIT_FUZZ_TARGETS:-}" ] && [[ " $KPIKIT_FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  max_len=65536; case "$name" in ingest) max_len=1024 ;; request) max_len=4096 ;; models) max_len=65 ;; esac
  work="$build/corpus/$name"; mkdir -p "$work"
  seeds=("$work")
  [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
  if [ -f "tests/fuzz/corpus/$name.uses-csv-suites" ] && [ -d "$shared" ]; then seeds+=("$shared"); fi
  jobs="${KPIKIT_FUZZ_JOBS:-1}"
  # Processes sharing a corpus re-read it every 60 s; libFuzzer's default (every second)
  # stats every file of it each time: a third of the time in the kernel once it holds 2,500.
  reload=0; [ "$jobs" -gt 1 ] && reload=60
  job_mode="$mode"
  case "$mode" in -runs=*) job_mode="-runs=$(( (${mode#-runs=} + jobs - 1) / jobs ))" ;; esac
  pids=()
  for ((job = 0; job < jobs; ++job)); do
    log="$build/$name.log"; [ "$jobs" -gt 1 ] && log="$build/$name.$job.log"
    ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16:max_malloc_fill_size=0}" \
      "$target" "$job_mode" -entropic=0 -reload="$reload" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
      -artifact_prefix="$build/crash-$name-" "${seeds[@]}" >"$log" 2>&1 &
    pids+=("$!")
  done
  execs=0
  for ((job = 0; job < jobs; ++job)); do
    log="$build/$name.log"; [ "$jobs" -gt 1 ] && log="$build/$name.$job.log"
    if ! wait "${pids[$job]}"; then
      kill "${pids[@]}" 2>/dev/null || true
      echo "fuzz: $name FAILED — see $log"; tail -30 "$log"; exit 1
    fi
    n="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || true)"
    [ -z "$n" ] && n="$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    execs=$((execs + ${n:-0}))
  done
  echo "fuzz: $name ok, $execs executions in $jobs process(es), no crash"
done
