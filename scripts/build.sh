#!/usr/bin/env bash
# Builds KPIkit twice from one CMake project:
#   build/       native: the core, the CLI (build/kpikit) and the doctest suites
#   build-wasm/  WebAssembly: web/gen/kpikit_core.{js,wasm} for the page and Node
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${KPIKIT_JOBS:-2}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

# emcc's optimizer needs acorn from Debian's node modules.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j"$jobs"
# Third-party browser code is served from our own origin: copy it next to the app.
mkdir -p web/vendor
# uplot ships its ES module unminified; esbuild (a dev dependency) minifies it
# (about half the gzipped bytes); its copyright and MIT licence header is kept.
uplot_header="$(sed -n '1,/\*\//p' node_modules/uplot/dist/uPlot.esm.js)"
node_modules/.bin/esbuild node_modules/uplot/dist/uPlot.esm.js --minify --format=esm --log-level=warning \
  --banner:js="$uplot_header" --outfile=web/vendor/uPlot.esm.js
cp node_modules/uplot/dist/uPlot.min.css web/vendor/
echo "build: CLI at build/kpikit, WebAssembly module at web/gen/"
# The page's code and its worker, bundled and minified (web/gen/app.js, worker.js).
node scripts/build-app.mjs
# The embeddable widget: build-wasm also linked its small calculators-only module
# (wasm/widget.cmake); bundle it with the element into one file, web/gen/kpikit-widget.js.
node scripts/build-widget.mjs
