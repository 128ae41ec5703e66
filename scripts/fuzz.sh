#!/usr/bin/env bash
# libFuzzer on the parsers (fuzz/fuzz_<target>.cpp): builds build-fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined), then runs targets on their seed corpora.
#   scripts/fuzz.sh TARGET SECONDS   one target for SECONDS (klines, klineevent, exchangeinfo, ...)
#   scripts/fuzz.sh --all SECONDS    every target for SECONDS each; fails if any crashes
# Targets run as many at a time as there are build jobs (CANDLEWICK_JOBS, 2), each with its output
# in build-fuzz/logs/<target>.log. Inputs that find new paths collect in
# build-fuzz/corpus/<target>/, crashes in build-fuzz/artifacts/ (reproduce with:
# build-fuzz/fuzz/fuzz_<target> <file>).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TARGETS=()
for source in "$CANDLEWICK_ROOT"/fuzz/fuzz_*.cpp; do
    name="$(basename "$source" .cpp)"
    TARGETS+=("${name#fuzz_}")
done
usage() {
    echo "usage: scripts/fuzz.sh TARGET|--all SECONDS   (targets: ${TARGETS[*]})" >&2
    exit 2
}
[ $# -eq 2 ] || usage
[[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || usage
SECONDS_EACH="$2"
if [ "$1" = "--all" ]; then
    SELECTED=("${TARGETS[@]}")
elif [[ " ${TARGETS[*]} " == *" $1 "* ]]; then
    SELECTED=("$1")
else
    usage
fi

BUILD="${CANDLEWICK_FUZZ_BUILD_DIR:-$CANDLEWICK_ROOT/build-fuzz}"
CANDLEWICK_PACKAGES+=(clang libclang-rt-14-dev)
candlewick_build "$BUILD" -DCANDLEWICK_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
    -DCANDLEWICK_BUILD_TESTS=OFF -DCANDLEWICK_BUILD_BENCH=OFF

export ASAN_OPTIONS="abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$BUILD/artifacts" "$BUILD/logs"
# One target: its output goes to logs/<target>.log, and logs/<target>.failed marks a crash.
fuzz_one() {
    local target="$1"
    mkdir -p "$BUILD/corpus/$target"
    rm -f "$BUILD/logs/$target.failed"
    # The first folder collects new inputs; the seeds in the repository are only read.
    "$BUILD/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" \
        "$BUILD/corpus/$target" "$CANDLEWICK_ROOT/fuzz/corpus/$target" \
        >"$BUILD/logs/$target.log" 2>&1 || touch "$BUILD/logs/$target.failed"
}
# As many targets at a time as there are build jobs (each fuzzer is one process on one core).
JOBS="${CANDLEWICK_JOBS:-2}"
for target in "${SELECTED[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
    echo "fuzz: $target for $SECONDS_EACH s" >&2
    fuzz_one "$target" &
done
wait
FAILED=()
for target in "${SELECTED[@]}"; do
    if [ -e "$BUILD/logs/$target.failed" ]; then
        FAILED+=("$target")
        tail -n 60 "$BUILD/logs/$target.log" >&2
    fi
done
if [ ${#FAILED[@]} -gt 0 ]; then
    echo "fuzz: crash in ${FAILED[*]} (inputs in $BUILD/artifacts/, logs in $BUILD/logs/)" >&2
    exit 1
fi
echo "fuzz: no crash in ${SELECTED[*]}" >&2
