#!/bin/sh
# Runs every built fuzz target ($BUILD/fuzz/fuzz_*, BUILD default
# build/fuzz) for FUZZ_SECONDS each (default 60) on its corpus
# ($BUILD/corpus/<target>, seeded by seed.sh), and prints per target
#   PASS fuzz_<t>: N runs in S s (R/s)       or
#   FAIL fuzz_<t>: <the sanitizer or check message>, input in <file>
# then the total. Crashing inputs are kept in $BUILD/artifacts/.
cd "$(dirname "$0")/../.." || exit 2
BUILD="${BUILD:-build/fuzz}"
case "$BUILD" in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac # fuzz_syscall changes its cwd
secs="${FUZZ_SECONDS:-60}"
total=0
fail=0
sym=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14)
[ -n "$sym" ] && export ASAN_SYMBOLIZER_PATH="$sym"
mkdir -p "$BUILD/artifacts"
for bin in "$BUILD"/fuzz/fuzz_*; do
    case "$bin" in *.d) continue ;; esac
    [ -x "$bin" ] || continue
    t=$(basename "$bin")
    name=${t#fuzz_}
    case "$name" in
    decode) max=256 ;; elf | symtab) max=65536 ;; jit) max=4096 ;; syscall) max=512 ;; *) max=4096 ;;
    esac
    corpus="$BUILD/corpus/$name"
    mkdir -p "$corpus"
    log=$(mktemp)
    scratch=$(mktemp -d)
    TMPDIR="$scratch" timeout $((secs + 120)) "$bin" -max_total_time="$secs" -max_len="$max" \
        -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$BUILD/artifacts/$name-" "$corpus" >"$log" 2>&1
    rc=$?
    rm -rf "$scratch"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    runs=${runs:-0}
    total=$((total + runs))
    if [ "$rc" -eq 0 ]; then
        echo "PASS $t: $runs runs in ${secs} s ($((runs / (secs > 0 ? secs : 1)))/s)"
    else
        why=$(grep -m1 -E 'ERROR:|runtime error|differs| vs |out of range|not a guest page|deadly signal|timeout|exited' "$log")
        art=$(sed -n "s/.*Test unit written to //p" "$log" | tail -1)
        echo "FAIL $t: ${why:-exit $rc} (input ${art:-none}; log kept in $log)"
        fail=$((fail + 1))
        continue
    fi
    rm -f "$log"
done
echo "fuzz: $total runs in total, $fail targets failed"
[ "$fail" -eq 0 ]
