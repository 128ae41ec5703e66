#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite with CTest.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-sanitize/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BUILD="${CANDLEWICK_BUILD_DIR:-$CANDLEWICK_ROOT/build}"
OPTIONS=()
if [ "${1:-}" = "--sanitize" ]; then
    BUILD="${CANDLEWICK_BUILD_DIR:-$CANDLEWICK_ROOT/build-sanitize}"
    OPTIONS=(-DCANDLEWICK_SANITIZE=ON -DCANDLEWICK_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug)
    export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
# The suites and the programs and plugins they run; scripts/run.sh builds the rest (benchmarks).
CANDLEWICK_BUILD_TARGETS=(tests/all)
candlewick_build "$BUILD" "${OPTIONS[@]}"
# ccxt from npm, for the compatibility tests against `serve` (they skip without it).
if command -v npm >/dev/null 2>&1; then
    "$CANDLEWICK_ROOT/bench/ccxt/install.sh" >&2 \
        || echo "test.sh: warning: ccxt could not be installed; the ccxt tests will skip" >&2
fi
export QT_QPA_PLATFORM=offscreen
cd "$BUILD"
# Four suites at a time on two cores: most of them wait on sockets, processes and PostgreSQL more
# than they compute.
ctest --output-on-failure -j"${CANDLEWICK_TEST_JOBS:-4}" --timeout 300
