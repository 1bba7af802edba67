#!/usr/bin/env bash
# Runs the benchmark programs in bench/ under tscript and the anchors (CPython, PyTorch,
# Lua 5.4, OpenBLAS) side by side — alternating runs, medians — and prints the ratios.
#   scripts/bench.sh                       # every program, every anchor found
#   scripts/bench.sh interp_fib interp_loop --anchors cpython,lua5.4 --reps 5
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
[ -x "$BUILD_DIR/tscript" ] || scripts/setup.sh
exec python3 bench/bench.py --tscript "$BUILD_DIR/tscript" "$@"
