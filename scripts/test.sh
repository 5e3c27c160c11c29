#!/usr/bin/env bash
# Sets up, builds and runs every test layer:
#   1. doctest suites of the core via ctest (native)
#   2. the same suites under ASan + UBSan, and a bounded libFuzzer run
#   3. node:test: the CLI, the WebAssembly module in Node, and the page in
#      headless Chromium (tests/browser, playwright-core + /usr/bin/chromium)
# The output ends with the runners' summary lines.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tests check real data (CDNOW, Online Retail, telco churn, the CSV suites)
# read from ../shared/data beside the checkout, or from the folder
# KPIKIT_SHARED_DATA names. Without it they would fail one by one after the
# build; say so at once instead.
KPIKIT_SHARED_DATA="${KPIKIT_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
if [ ! -d "$KPIKIT_SHARED_DATA/cdnow" ] || [ ! -d "$KPIKIT_SHARED_DATA/online-retail" ]; then
  echo "error: the shared test data is not at $KPIKIT_SHARED_DATA" >&2
  echo "  Put the shared folder beside the checkout (../shared/data) or set KPIKIT_SHARED_DATA to its data folder." >&2
  exit 1
fi
export KPIKIT_SHARED_DATA="$(cd "$KPIKIT_SHARED_DATA" && pwd)"

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
