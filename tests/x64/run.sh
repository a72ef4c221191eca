#!/bin/sh
# The x86-64 assembler (src/jit/x64) against GNU as: runs the unit test
# $BUILD/unit/test_x64, which encodes ~30000 instructions with the emitters,
# assembles the same instructions from text with `as`, and demands equal
# bytes (one PASS/FAIL line per instruction group), then checks overflow,
# branch binding, patch-site alignment, running patched code, and cpuid.
# Environment: BUILD (default build/rel).
cd "$(dirname "$0")/../.." || exit 2
BUILD="${BUILD:-build/rel}"
TOOL="$BUILD/unit/test_x64"

for t in as objcopy; do
    if ! command -v "$t" >/dev/null 2>&1; then
        echo "FAIL x64_prereq: $t (binutils) not found"
        exit 0
    fi
done
mkdir -p "$BUILD/x64"
# The assembler needs only src/base; when the whole tree does not link
# (another part in progress), build the test from those sources alone.
if ! make -s MODE="$(basename "$BUILD")" "$TOOL" >"$BUILD/x64/make.log" 2>&1; then
    TOOL="$BUILD/x64/test_x64"
    if ! ${CC:-cc} -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -O2 -Isrc -o "$TOOL" \
            tests/unit/test_x64.c src/jit/x64/*.c src/base/log.c >>"$BUILD/x64/make.log" 2>&1; then
        echo "FAIL x64_build: building test_x64 failed (see $BUILD/x64/make.log)"
        exit 0
    fi
fi
"$TOOL" >"$BUILD/x64/test.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL)' "$BUILD/x64/test.log"
if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$BUILD/x64/test.log"; then
    echo "FAIL x64_unit: test_x64 exited with $rc: $(tail -1 "$BUILD/x64/test.log")"
fi
exit 0
