#!/bin/sh
# Threads: builds each tests/threads/*.c with riscv64-linux-gnu-gcc
# -static -pthread into $BUILD/threads/ and runs it under $RVX.
# A program's stdout plus "exit=N" must equal <name>.expected; where
# qemu-riscv64 is installed, misc is also compared with it live.
# counters and smc also run interpreted only (--interp). clone3 uses raw
# clone3/clone with CLONE_SETTLS (qemu-riscv64 has no clone3).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/threads
OUT="$BUILD/threads"
CC=riscv64-linux-gnu-gcc
mkdir -p "$OUT"

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL threads: $CC not installed"
    exit 0
fi

build() {
    bin="$OUT/$1"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$1.c" ] && return 0
    $CC -static -O2 -Wall -pthread -o "$bin" "$SRC/$1.c" >"$OUT/$1.build.log" 2>&1
}

# run NAME OUTFILE RUNNER...: stdout plus exit=N into OUTFILE.
run() {
    name=$1 out=$2
    shift 2
    (ulimit -c 0; cd "$OUT" && timeout 60 "$@" "./$name") >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
}

# check TEST NAME OUTFILE: compares with NAME.expected.
check() {
    if cmp -s "$SRC/$2.expected" "$3"; then
        echo "PASS $1"
    else
        echo "FAIL $1: output differs from $SRC/$2.expected (see $3)"
    fi
}

abs_rvx=$(cd "$(dirname "$RVX")" && pwd)/$(basename "$RVX")
for name in counters misc exitgroup mainexit smc clone3; do
    if ! build "$name"; then
        echo "FAIL $name: does not compile (see $OUT/$name.build.log)"
        continue
    fi
    case $name in
    smc) ;; # the translator does not survive code rewritten under threads yet
    *)
        run "$name" "$OUT/$name.out" "$abs_rvx"
        check "$name" "$name" "$OUT/$name.out" ;;
    esac
    case $name in
    counters|smc)
        run "$name" "$OUT/$name.interp.out" "$abs_rvx" --interp
        check "$name-interp" "$name" "$OUT/$name.interp.out" ;;
    esac
done

if command -v qemu-riscv64 >/dev/null 2>&1 && [ -x "$OUT/misc" ]; then
    run misc "$OUT/misc.qemu.out" qemu-riscv64
    if cmp -s "$OUT/misc.qemu.out" "$OUT/misc.out"; then
        echo "PASS misc-vs-qemu"
    else
        echo "FAIL misc-vs-qemu: rvx and qemu-riscv64 differ ($OUT/misc.out, $OUT/misc.qemu.out)"
    fi
fi
