#!/bin/sh
# Isolation: a guest must not reach rvx. memory.c tries loads, stores,
# AMOs and syscalls outside the guest space and mapping calls beyond its
# end (SIGSEGV with the right si_addr, EFAULT/EINVAL/ENOMEM as Linux);
# fds.c hunts for rvx's own fds (-D log, code cache memfd) and dup2s and
# close_ranges over them; spin.c keeps the translator busy while this
# script reads /proc/<rvx>/maps from the host: no mapping may ever be
# writable and executable. Guests are built into $BUILD/isolation/.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/isolation"
SRC=tests/isolation
CC=riscv64-linux-gnu-gcc
mkdir -p "$OUT"

if [ ! -x "$RVX" ]; then
    echo "FAIL isolation: no rvx binary at $RVX"
    exit 0
fi
for p in memory fds spin; do
    if ! $CC -static -O2 -pthread -o "$OUT/$p" "$SRC/$p.c" >"$OUT/$p.build.log" 2>&1; then
        echo "FAIL isolation/$p: cannot build (see $OUT/$p.build.log)"
    fi
done

# memory: in each engine mode; every line must be "ok ...", then "done".
for mode in interp jit0 default; do
    case $mode in
    interp) opt=--interp ;;
    jit0) opt="--jit-threshold 0" ;;
    *) opt="" ;;
    esac
    name=memory-$mode
    [ -x "$OUT/memory" ] || { echo "FAIL $name: not built"; continue; }
    timeout 60 "$RVX" $opt "$OUT/memory" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null
    st=$?
    bad=$(grep -v -e '^ok ' -e '^done$' "$OUT/$name.out" | head -n 1)
    if [ "$st" -ne 0 ]; then
        echo "FAIL $name: status $st: $(head -n 1 "$OUT/$name.err")"
    elif [ -n "$bad" ] || ! grep -q '^done$' "$OUT/$name.out"; then
        echo "FAIL $name: ${bad:-no done line} (see $OUT/$name.out)"
    else
        echo "PASS $name"
    fi
done

# fds: with a -D log and strace on, so the log is written to throughout.
name=fds
log="$OUT/fds.log"
if [ -x "$OUT/fds" ]; then
    rm -f "$log"
    timeout 60 "$RVX" --strace -D "$log" "$OUT/fds" "$log" >"$OUT/fds.out" 2>"$OUT/fds.err" </dev/null
    st=$?
    if [ "$st" -ne 0 ] || ! grep -q 'all ok' "$OUT/fds.out"; then
        echo "FAIL $name: status $st: $(grep FAIL "$OUT/fds.out" | head -n 1)"
    elif grep -q 'close_range\|exit_group' "$OUT/fds.out"; then
        echo "FAIL $name: rvx's log went to the guest's stdout"
    elif ! grep -q '^close_range(.*= 0$' "$log" || ! grep -q '^exit_group(0)' "$log"; then
        echo "FAIL $name: the log lost its lines after close_range (see $log)"
    else
        echo "PASS $name"
    fi
else
    echo "FAIL $name: not built"
fi

# spin: sample the host maps of the running rvx; no rwx, ever.
name=no-rwx
if [ -x "$OUT/spin" ]; then
    "$RVX" --jit-threshold 0 "$OUT/spin" 1500 >"$OUT/spin.out" 2>"$OUT/spin.err" </dev/null &
    pid=$!
    rwx="" samples=0
    while kill -0 "$pid" 2>/dev/null; do
        m=$(cat "/proc/$pid/maps" 2>/dev/null) || break
        samples=$((samples + 1))
        hit=$(printf '%s\n' "$m" | awk '$2 ~ /^rwx/' | head -n 1)
        [ -n "$hit" ] && rwx=$hit
        sleep 0.05
    done
    wait "$pid"
    st=$?
    if [ -n "$rwx" ]; then
        echo "FAIL $name: writable and executable host mapping: $rwx"
    elif [ "$samples" -lt 3 ]; then
        echo "FAIL $name: only $samples samples of the maps"
    else
        echo "PASS $name"
    fi
    # The load itself (threads + code rewritten under them) must work too.
    if [ "$st" -ne 0 ] || ! grep -q '^ok' "$OUT/spin.out"; then
        echo "FAIL spin-smc-threads: status $st: $(cat "$OUT/spin.out" "$OUT/spin.err" | head -n 1)"
    else
        echo "PASS spin-smc-threads"
    fi
else
    echo "FAIL $name: not built"
fi
