#!/bin/sh
# Translator suite. The other suites run rvx in its default mode (JIT
# with the default threshold); this one proves the two other modes:
#   interp  rvx --interp                  (the reference)
#   t0      rvx --jit-threshold 0         (every block translated at once)
# by re-running every guest suite (tests/*/run.sh except unit, disasm,
# tools, bad, x64 and this one; JIT_SUITES="isa fp" narrows it) with RVX = a small wrapper
# script that adds the flag, and BUILD = $BUILD/jit-<mode> so outputs do
# not mix. Lines come out as "PASS jit-<mode>/<suite line>".
# Then its own tests: tests/jit/*.S and *.c guest programs (self-modifying
# code, fault precision, signals in chained loops, lockstep), and the
# differential fuzzer (build/<mode>/unit/test_jit_fuzz, bounded in time).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
cd "$(dirname "$0")/../.." || exit 2
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/jit"
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
if [ ! -x "$rvx" ]; then
    echo "FAIL jit: $RVX not built"
    exit 0
fi
mkdir -p "$OUT"

SUITES=${JIT_SUITES:-$(for s in tests/*/run.sh; do
    n=$(basename "$(dirname "$s")")
    case $n in unit|disasm|jit|tools|bad|x64|fuzz|real|errors|asan) ;; *) printf '%s ' "$n" ;; esac
done)}

# wrapper MODE FLAGS...: an rvx that always runs with FLAGS
wrapper() {
    mode=$1
    shift
    w="$PWD/$OUT/rvx-$mode"
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$rvx" "$*" >"$w"
    chmod +x "$w"
    echo "$w"
}

for mode in interp t0; do
    case $mode in
    interp) w=$(wrapper interp --interp) ;;
    t0) w=$(wrapper t0 --jit-threshold 0) ;;
    esac
    mkdir -p "$BUILD/jit-$mode"
    ln -sfn ../unit "$BUILD/jit-$mode/unit" # suites that use unit binaries
    for s in $SUITES; do
        RVX="$w" BUILD="$BUILD/jit-$mode" sh "tests/$s/run.sh" 2>&1 |
            sed -n "s|^\(PASS\) |\1 jit-$mode/$s/|p; s|^\(FAIL\) |\1 jit-$mode/$s/|p"
    done
done

# Own guest programs: each exits 0 when its checks pass, in every mode.
CC="riscv64-linux-gnu-gcc -static -O2"
for src in tests/jit/*.c tests/jit/*.S; do
    [ -f "$src" ] || continue
    name=$(basename "$src"); name=${name%.*}
    if ! $CC -o "$OUT/$name" "$src" >"$OUT/$name.log" 2>&1; then
        echo "FAIL jit/$name: does not compile ($(head -c 200 "$OUT/$name.log" | tr '\n' ' '))"
        continue
    fi
    ok=1
    for flags in "--interp" "--jit-threshold 0" "" "--jit-threshold 0 --lockstep" "--jit-threshold 16"; do
        timeout 60 "$rvx" $flags "$OUT/$name" >"$OUT/$name.out" 2>&1
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "FAIL jit/$name: rvx $flags exits $rc ($(tail -c 300 "$OUT/$name.out" | tr '\n' ' '))"
            ok=0
            break
        fi
    done
    [ $ok = 1 ] && echo "PASS jit/$name"
done

# A fork child translates too (an empty code cache of its own): both
# processes print jit statistics, the child's counted from the fork.
if [ -x "$OUT/fork_jit" ]; then
    "$rvx" --stats --jit-threshold 0 "$OUT/fork_jit" >"$OUT/fork_stats.out" 2>&1
    n=$(grep -c 'rvx: jit: translations [1-9]' "$OUT/fork_stats.out")
    if [ "$n" = 2 ]; then
        echo "PASS jit/fork-child-translates"
    else
        echo "FAIL jit/fork-child-translates: $n processes of 2 translated"
    fi
fi

# loop_regs really ran loop translations (tr_loop.c), not only blocks.
if [ -x "$OUT/loop_regs" ]; then
    "$rvx" --stats --jit-threshold 0 "$OUT/loop_regs" >"$OUT/loop_stats.out" 2>&1
    if grep -q 'rvx: jit: .*loops [1-9]' "$OUT/loop_stats.out"; then
        echo "PASS jit/loop-translations-made"
    else
        echo "FAIL jit/loop-translations-made: $(tail -n 1 "$OUT/loop_stats.out")"
    fi
fi

# Guest calls and returns as host call/ret frames: the same results and
# instruction count as the interpreter, with and without the frames.
if [ -x "$OUT/ras" ]; then
    timeout 60 "$rvx" --interp "$OUT/ras" >"$OUT/ras.ref" 2>&1
    bad=
    for flags in "--jit-threshold 0" "" "--jit-threshold 16" "off"; do
        if [ "$flags" = off ]; then
            RVX_X64_OFF=ras timeout 60 "$rvx" "$OUT/ras" >"$OUT/ras.cmp" 2>&1
        else
            timeout 60 "$rvx" $flags "$OUT/ras" >"$OUT/ras.cmp" 2>&1
        fi
        cmp -s "$OUT/ras.ref" "$OUT/ras.cmp" || bad="$bad [$flags]"
    done
    if [ -z "$bad" ] && grep -q '^instret [1-9]' "$OUT/ras.ref"; then
        echo "PASS jit/ras-same-as-interp"
    else
        echo "FAIL jit/ras-same-as-interp: output differs from --interp with$bad"
    fi
fi

# Threads running while the oldest code segment is evicted again and
# again (a 256K cache: four segments).
if [ -x "$OUT/evict_threads" ]; then
    timeout 120 "$rvx" --stats --jit-threshold 0 --code-cache-size 256K "$OUT/evict_threads" \
        >"$OUT/evict_small.out" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL jit/evict-threads-small-cache: exits $rc ($(head -c 300 "$OUT/evict_small.out" | tr '\n' ' '))"
    elif ! grep -q 'evicted segments [1-9]' "$OUT/evict_small.out"; then
        echo "FAIL jit/evict-threads-small-cache: no segment was evicted"
    else
        echo "PASS jit/evict-threads-small-cache"
    fi
fi

fuzz="$BUILD/unit/test_jit_fuzz"
if [ -x "$fuzz" ]; then
    if out=$(timeout 120 "$fuzz" --seconds 10 2>&1); then
        echo "PASS jit/fuzz: $(printf '%s' "$out" | tail -n 1)"
    else
        echo "FAIL jit/fuzz: $(printf '%s' "$out" | tail -n 5 | tr '\n' ' ')"
    fi
else
    echo "FAIL jit/fuzz: $fuzz not built (make unit)"
fi
