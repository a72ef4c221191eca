#!/bin/sh
# /proc from the guest's point of view. Builds tests/proc/*.c with
# riscv64-linux-gnu-gcc into $BUILD/proc/ (dynamic, and static as
# <name>_static for maps, auxv, exe, cmdline); each program checks its
# own /proc files against what it knows (argv, environ, getauxval, its
# addresses, its path) and prints ok/FAIL lines. Its stdout plus a final
# exit=N line must equal tests/proc/<binary>.expected, or, for a static
# variant without one, tests/proc/<name>.expected.
# <name>.cmd: args=... (program arguments).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/proc
OUT="$BUILD/proc"
CC=riscv64-linux-gnu-gcc
GUEST_ENV="PATH=/usr/bin:/bin HOME=/ LC_ALL=C RVXT_A=alpha"
[ -n "$ASAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "$UBSAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV UBSAN_OPTIONS=$UBSAN_OPTIONS"
STATIC="maps auxv exe cmdline"

cmd_field() {
    [ -f "$SRC/$1.cmd" ] && sed -n "s/^$2=//p" "$SRC/$1.cmd"
}

# build BIN NAME FLAGS...
build() {
    bin=$1 name=$2
    shift 2
    [ -x "$OUT/$bin" ] && [ "$OUT/$bin" -nt "$SRC/$name.c" ] && return 0
    $CC -O2 -Wall "$@" -o "$OUT/$bin" "$SRC/$name.c" >"$OUT/$bin.build.log" 2>&1
}

# check BIN NAME: runs ./BIN ARGS in $OUT, compares with the expected file.
check() {
    bin=$1 name=$2
    args=$(cmd_field "$name" args)
    want="$SRC/$bin.expected"
    [ -f "$want" ] || want="$SRC/$name.expected"
    (
        ulimit -c 0
        cd "$OUT" || exit 99
        eval "set -- ./$bin $args"
        env -i $GUEST_ENV timeout 60 "$rvx" "$@"
        rc=$? # not exec'd: a signal death is reported here, into .stderr
        exit $rc
    ) >"$OUT/$bin.out" 2>"$OUT/$bin.out.stderr" </dev/null
    echo "exit=$?" >>"$OUT/$bin.out"
    if [ ! -f "$want" ]; then
        echo "FAIL proc_$bin: no $want"
    elif cmp -s "$OUT/$bin.out" "$want"; then
        echo "PASS proc_$bin"
    else
        echo "FAIL proc_$bin: output differs: diff $want $OUT/$bin.out"
    fi
}

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL proc: $CC not installed"
    exit 0
fi
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
if [ ! -x "$rvx" ]; then
    echo "FAIL proc: $RVX not built"
    exit 0
fi
mkdir -p "$OUT"
for src in "$SRC"/*.c; do
    name=$(basename "$src" .c)
    if build "$name" "$name"; then
        check "$name" "$name"
    else
        echo "FAIL proc_$name: does not compile (see $OUT/$name.build.log)"
    fi
    case " $STATIC " in *" $name "*) ;; *) continue ;; esac
    if build "${name}_static" "$name" -static -DSTATIC; then
        check "${name}_static" "$name"
    else
        echo "FAIL proc_${name}_static: does not compile (see $OUT/${name}_static.build.log)"
    fi
done
