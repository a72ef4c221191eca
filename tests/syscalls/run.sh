#!/bin/sh
# The syscall surface beyond files and memory (epoll, eventfd, timerfd,
# inotify, sockets, splice, timers, scheduling, credentials, residency,
# persona): builds each tests/syscalls/*.c with riscv64-linux-gnu-gcc
# -static -O2 into $BUILD/syscalls/, runs it under $RVX and compares its
# stdout plus a final "exit=N" line with tests/syscalls/<name>.expected.
# The programs print only what Linux fixes (values reasoned from the man
# pages and kernel, checked against qemu-riscv64), never host-dependent
# numbers. With --qemu, runs them under qemu-riscv64 instead (to check
# the expectations; differences where qemu is wrong are listed in
# docs/internals.md, "Syscalls beyond files").
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/syscalls
OUT="$BUILD/syscalls"
CC=riscv64-linux-gnu-gcc

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL syscalls: $CC not installed"
    exit 0
fi
case $RVX in /*) runner=$RVX ;; *) runner="$PWD/$RVX" ;; esac
[ "$1" = "--qemu" ] && runner=qemu-riscv64
mkdir -p "$OUT"

build() {
    bin="$OUT/$1"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$1.c" ] && [ "$bin" -nt "$SRC/common.h" ] && return 0
    $CC -static -O2 -Wall -o "$bin" "$SRC/$1.c" >"$OUT/$1.build.log" 2>&1
}

for src in "$SRC"/*.c; do
    name=$(basename "$src" .c)
    if ! build "$name"; then
        echo "FAIL $name: does not compile (see $OUT/$name.build.log)"
        continue
    fi
    if [ ! -f "$SRC/$name.expected" ]; then
        echo "FAIL $name: no $SRC/$name.expected"
        continue
    fi
    if [ "$runner" != qemu-riscv64 ] && [ ! -x "$runner" ]; then
        echo "FAIL $name: $RVX not built"
        continue
    fi
    out="$OUT/$name.out"
    (
        ulimit -c 0
        cd "$OUT" || exit 99
        env -i PATH=/usr/bin:/bin LC_ALL=C TMPDIR="${TMPDIR:-/tmp}" timeout 60 $runner "./$name"
    ) >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
    if cmp -s "$out" "$SRC/$name.expected"; then
        echo "PASS $name"
    else
        echo "FAIL $name: output differs: diff $SRC/$name.expected $out"
    fi
done
