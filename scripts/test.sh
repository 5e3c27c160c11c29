#!/usr/bin/env bash
# Sets up, builds and runs every test layer:
#   1. doctest suites of the core via ctest (native)
#   2. the same suites under ASan + UBSan, and a bounded libFuzzer run
#   3. node:test: the CLI, the WebAssembly module in Node, and the page in
#      headless Chromium (tests/browser, playwright-core + /usr/bin/chromium)
# The output ends with the runners' summary lines.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

echo "== core (doctest via ctest)"
ctest --test-dir build --output-on-failure

echo "== core under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/sanitize.sh

echo "== fuzzing (bounded: 10 s per target)"
bash scripts/fuzz.sh

echo "== CLI, WebAssembly in Node, browser (node:test)"
node --test --test-concurrency=1 tests/node/ tests/browser/
