#!/bin/sh
# Runs every host-side unit test (tests/unit/test_*.c, built by
# `make unit` into $BUILD/unit/). A test passes when it exits 0.
BUILD="${BUILD:-build/rel}"
for src in tests/unit/test_*.c; do
    name=$(basename "$src" .c)
    bin="$BUILD/unit/$name"
    if [ ! -x "$bin" ]; then
        echo "FAIL unit/$name: not built ($bin)"
        continue
    fi
    # Some tests take arguments for other suites; with none they self-check.
    if out=$("$bin" 2>&1); then
        echo "PASS unit/$name"
    else
        echo "FAIL unit/$name: exit $?"
        printf '%s\n' "$out" | tail -5
    fi
done
