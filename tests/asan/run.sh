#!/bin/sh
# The suite again under AddressSanitizer + UBSan (part of make check):
# builds ./rvx-asan and its unit tests (make MODE=asan, objects in
# build/asan), then runs every other suite with RVX=./rvx-asan,
# BUILD=build/asan; its lines come out as "PASS asan/<suite line>".
# LeakSanitizer is on, so a guest exit that leaves rvx memory
# unreferenced fails its test. Translated code is covered by the default
# mode and by tests/jit's --interp and --jit-threshold 0 re-runs; those
# re-runs skip the slow real software (tests/real runs once here).
# Skipped: fuzz (its targets are sanitizer builds already) and this
# suite itself.
# RVX_CHECK_ASAN=0 skips the whole suite (quick local runs; prints one
# SKIP line). ASAN_SUITES="guest stress" narrows it.
# Environment: RVX_CHECK_ASAN (default 1), ASAN_SUITES.
cd "$(dirname "$0")/../.." || exit 2
if [ "${RVX_CHECK_ASAN:-1}" = 0 ]; then
    echo "SKIP asan: RVX_CHECK_ASAN=0"
    exit 0
fi
BUILD=build/asan
mkdir -p "$BUILD"
if ! make -s -j"$(nproc 2>/dev/null || echo 2)" MODE=asan all unit >"$BUILD/make.log" 2>&1; then
    echo "FAIL asan: the ASan build failed: $(grep -m1 -i error "$BUILD/make.log")"
    exit 0
fi
SUITES=${ASAN_SUITES:-$(for s in tests/*/run.sh; do
    n=$(basename "$(dirname "$s")")
    case $n in asan|fuzz) ;; *) printf '%s ' "$n" ;; esac
done)}
JIT=$(for n in $SUITES; do
    case $n in unit|disasm|jit|tools|bad|x64|real|errors) ;; *) printf '%s ' "$n" ;; esac
done)
for s in $SUITES; do
    RVX=./rvx-asan BUILD=$BUILD JIT_SUITES="$JIT" RVX_CHECK_ASAN=0 sh "tests/$s/run.sh" 2>&1 |
        sed -n "s|^\(PASS\) |\1 asan/|p; s|^\(FAIL\) |\1 asan/|p"
done
