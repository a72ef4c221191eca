#!/bin/sh
# Processes: fork, vfork, clone3, execve/execveat, #! scripts, wait4,
# waitid, pipes, process groups, posix_spawn, system/popen. Builds
# tests/process/*.c with riscv64-linux-gnu-gcc -static into
# $BUILD/process/ with the scripts and files process.c execs, runs them
# under $RVX and compares stdout plus "exit=N" with <name>.expected
# (@DIR@ stands for the build directory). The host has no binfmt_misc
# entry for riscv64 here, so a riscv64 child can only run under rvx;
# exec-options also checks that each exec'd rvx kept the options (the
# strace log shows every program of an exec chain starting).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/process
OUT="$BUILD/process"
CC=riscv64-linux-gnu-gcc
mkdir -p "$OUT"

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL process: $CC not installed"
    exit 0
fi

build() {
    bin="$OUT/$1"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$1.c" ] && return 0
    $CC -static -O2 -Wall -pthread -o "$bin" "$SRC/$1.c" >"$OUT/$1.build.log" 2>&1
}

dir=$(cd "$OUT" && pwd)
abs_rvx=$(cd "$(dirname "$RVX")" && pwd)/$(basename "$RVX")
for name in echoargs process threadfork; do
    build "$name" || echo "FAIL $name: does not compile (see $OUT/$name.build.log)"
done
# What process.c execs.
printf '#!%s/echoargs -x\n' "$dir" >"$OUT/script.sh"
printf '#!%s/script.sh\n' "$dir" >"$OUT/script2.sh"
printf '#!/no/such/interp\n' >"$OUT/badinterp.sh"
printf 'garbage\000\001' >"$OUT/garbage.bin"
echo text >"$OUT/plain.txt"
chmod 755 "$OUT/script.sh" "$OUT/script2.sh" "$OUT/badinterp.sh" "$OUT/garbage.bin"
chmod 644 "$OUT/plain.txt"

ENVV="PATH=/usr/bin:/bin"
# Sanitizer builds (make check-asan) need their options to reach rvx.
[ -n "$ASAN_OPTIONS" ] && ENVV="$ENVV ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "$UBSAN_OPTIONS" ] && ENVV="$ENVV UBSAN_OPTIONS=$UBSAN_OPTIONS"

# run TEST OUTFILE ARGS...: stdout plus exit=N, then compare.
run() {
    test=$1 out=$2
    shift 2
    (ulimit -c 0; cd "$OUT" && env -i $ENVV timeout 60 "$abs_rvx" "$@") \
        >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
    sed "s|@DIR@|$dir|g" "$SRC/$test.expected" >"$out.want"
    if cmp -s "$out.want" "$out"; then
        echo "PASS $test"
    else
        echo "FAIL $test: output differs from $SRC/$test.expected (see $out)"
    fi
}

[ -x "$OUT/process" ] && run process "$OUT/process.out" ./process "$dir"
[ -x "$OUT/threadfork" ] && run threadfork "$OUT/threadfork.out" ./threadfork "$dir/echoargs"
if [ -x "$OUT/echoargs" ]; then
    run exec-options "$OUT/exec-options.out" --strace ./echoargs chain 2 end
    n=$(grep -c 'set_robust_list(' "$OUT/exec-options.out.stderr")
    if [ "$n" = 3 ]; then
        echo "PASS exec-options-strace"
    else
        echo "FAIL exec-options-strace: $n of 3 programs in the exec chain logged by rvx"
    fi
fi
if [ -x "$OUT/echoargs" ]; then
    rm -f "$OUT/chain.log"
    (cd "$OUT" && env -i $ENVV timeout 60 "$abs_rvx" -D chain.log --strace \
        ./echoargs chain 2 end) >/dev/null 2>&1 </dev/null
    n=$(grep -c 'set_robust_list(' "$OUT/chain.log" 2>/dev/null)
    if [ "$n" = 3 ]; then
        echo "PASS exec-log-file"
    else
        echo "FAIL exec-log-file: $n of 3 programs of the exec chain in the -D log"
    fi
fi
