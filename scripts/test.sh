#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, script and conformance) via CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
export BUILD_DIR
scripts/setup.sh
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)" "$@"
