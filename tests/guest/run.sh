#!/bin/sh
# Guest C programs (libc level): builds each tests/guest/*.c with
# riscv64-linux-gnu-gcc -static -O2 into $BUILD/guest/, runs it under
# $RVX and compares its stdout plus a final "exit=N" line with
# tests/guest/<name>.expected.
# Optional tests/guest/<name>.cmd: lines "opts=..." (rvx options before
# the program, e.g. -E/-U/-0) and "args=..." (program arguments).
# Programs run in a fixed environment (env -i, see GUEST_ENV below).
# With --build-only, only builds (tests/qemu/run.sh uses that).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/guest
OUT="$BUILD/guest"
CC=riscv64-linux-gnu-gcc
GUEST_ENV="PATH=/usr/bin:/bin HOME=/ LC_ALL=C TMPDIR=${TMPDIR:-/tmp} RVXT_A=alpha RVXT_GONE=gone"
# Sanitizer builds (make check-asan) need their options to reach rvx.
[ -n "$ASAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "$UBSAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV UBSAN_OPTIONS=$UBSAN_OPTIONS"

mkdir -p "$OUT"
build() {
    name=$1
    bin="$OUT/$name"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$name.c" ] && return 0
    $CC -static -O2 -Wall -o "$bin" "$SRC/$name.c" -lm >"$OUT/$name.build.log" 2>&1
}

# cmd_field NAME FIELD: the value of FIELD= in NAME.cmd, if any.
cmd_field() {
    [ -f "$SRC/$1.cmd" ] && sed -n "s/^$2=//p" "$SRC/$1.cmd"
}

# run_one RUNNER NAME OUTFILE: runs the program, appends exit=N.
run_one() {
    runner=$1 name=$2 out=$3
    opts=$(cmd_field "$name" opts)
    args=$(cmd_field "$name" args)
    (
        ulimit -c 0
        cd "$OUT" || exit 99
        eval "set -- $opts ./$name $args"
        env -i $GUEST_ENV timeout 60 $runner "$@"
        rc=$? # not exec'd: a signal death is reported here, into .stderr
        exit $rc
    ) >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
}

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL guest: $CC not installed"
    exit 0
fi

for src in "$SRC"/*.c; do
    name=$(basename "$src" .c)
    if ! build "$name"; then
        echo "FAIL $name: does not compile (see $OUT/$name.build.log)"
        continue
    fi
    [ "$1" = "--build-only" ] && continue
    if [ ! -f "$SRC/$name.expected" ]; then
        echo "FAIL $name: no $SRC/$name.expected"
        continue
    fi
    case $RVX in /*) runner=$RVX ;; *) runner="$PWD/$RVX" ;; esac
    if [ ! -x "$runner" ]; then
        echo "FAIL $name: $RVX not built"
        continue
    fi
    run_one "$runner" "$name" "$OUT/$name.out"
    if cmp -s "$OUT/$name.out" "$SRC/$name.expected"; then
        echo "PASS $name"
    else
        echo "FAIL $name: output differs: diff $SRC/$name.expected $OUT/$name.out"
    fi
done
