#!/bin/sh
# Fuzz suite for make check: builds the libFuzzer targets with clang
# (make MODE=fuzz fuzz-bins, into build/fuzz), seeds their corpora and
# runs each for a few seconds (FUZZ_SECONDS, default 5). One PASS/FAIL
# line per target; FAIL if clang or its libFuzzer runtime is missing.
# Each target first reruns the inputs that once broke it (regress/).
cd "$(dirname "$0")/../.." || exit 2
targets="decode elf jit symtab syscall"
if ! command -v clang >/dev/null; then
    for t in $targets; do echo "FAIL fuzz_$t: clang not installed (tests/deps.sh installs it)"; done
    exit 0
fi
if ! make -s -j"$(nproc 2>/dev/null || echo 4)" MODE=fuzz CC=clang fuzz-bins >/dev/null 2>build/fuzz-build.log; then
    for t in $targets; do echo "FAIL fuzz_$t: build failed (see build/fuzz-build.log)"; done
    exit 0
fi
# Inputs that once failed a target (tests/fuzz/regress/<target>/<symptom>).
for d in tests/fuzz/regress/*/; do
    t=$(basename "$d")
    if build/fuzz/fuzz/fuzz_"$t" "$d"* >build/fuzz-regress-"$t".log 2>&1; then
        echo "PASS fuzz_regress_$t"
    else
        echo "FAIL fuzz_regress_$t: see build/fuzz-regress-$t.log"
    fi
done
BUILD=build/rel sh tests/fuzz/seed.sh build/fuzz/corpus >/dev/null 2>&1
FUZZ_SECONDS="${FUZZ_SECONDS:-5}" BUILD=build/fuzz sh tests/fuzz/fuzz.sh | grep -E '^(PASS|FAIL)'
