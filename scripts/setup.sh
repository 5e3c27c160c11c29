#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test KPIkit;
# does nothing (and prints one line) when everything is present.
#   Debian: cmake, g++, emscripten, nlohmann-json3-dev, doctest-dev, chromium,
#           clang + libclang-rt-14-dev (fuzzing and sanitizers)
#   npm:    the dev dependencies in package-lock.json (playwright-core, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_file() { [ -e "$1" ] || missing+=("$2"); }

need_cmd cmake cmake
need_cmd g++ g++
need_cmd make make
need_cmd emcc emscripten
need_cmd clang clang
need_file /usr/include/nlohmann/json.hpp nlohmann-json3-dev
need_file /usr/include/doctest/doctest.h doctest-dev
need_file /usr/bin/chromium chromium
need_file /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm dev dependencies: install when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: all tools present"
