#!/bin/sh
# Signals: builds each tests/signals/*.c with riscv64-linux-gnu-gcc
# -static into $BUILD/signals/ and runs it under $RVX. A case is
# "name program [args]": stdout plus a final "exit=N" line (N = 128+sig
# for a signal death, as a shell reports it) must equal
# tests/signals/<name>.expected. Some cases signal the guest from this
# shell (external kill, SIGINT, stop/continue). The expected outputs
# follow Linux; qemu-riscv64 agrees except where noted in the .c files
# (RVX=qemu-riscv64 sh tests/signals/run.sh shows the differences).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/signals
OUT="$BUILD/signals"
CC=riscv64-linux-gnu-gcc

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL signals: $CC not installed"
    exit 0
fi
mkdir -p "$OUT"

build() {
    bin="$OUT/$1"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$1.c" ] && return 0
    $CC -static -O2 -Wall -funwind-tables -o "$bin" "$SRC/$1.c" >"$OUT/$1.build.log" 2>&1
}

# The same program linked dynamically (the sysroot's ld.so and libc):
# handlers return through the vDSO's rt_sigreturn.
build_dyn() {
    bin="$OUT/$1.dyn"
    [ -x "$bin" ] && [ "$bin" -nt "$SRC/$1.c" ] && return 0
    $CC -O2 -Wall -o "$bin" "$SRC/$1.c" >"$OUT/$1.dyn.build.log" 2>&1
}

# run_dyn NAME PROGRAM: like run_case, dynamic, same expected output.
run_dyn() {
    if ! build_dyn "$2"; then
        echo "FAIL $1: does not link dynamically (see $OUT/$2.dyn.build.log)"
        return
    fi
    timeout 30 $RVX "$OUT/$2.dyn" >"$OUT/$1.out" 2>"$OUT/$1.stderr" </dev/null
    echo "exit=$?" >>"$OUT/$1.out"
    if cmp -s "$SRC/$2.expected" "$OUT/$1.out"; then
        echo "PASS $1"
    else
        echo "FAIL $1: output differs (diff $SRC/$2.expected $OUT/$1.out)"
    fi
}

# check NAME OUTFILE: compares with the expected output.
check() {
    if cmp -s "$SRC/$1.expected" "$2"; then
        echo "PASS $1"
    else
        echo "FAIL $1: output differs (diff $SRC/$1.expected $2)"
    fi
}

# run_case NAME PROGRAM [ARGS...]: runs to completion (30 s at most, or
# $limit: the race sweep needs more under ASan with a tiny code cache).
run_case() {
    name=$1 prog=$2
    shift 2
    if ! build "$prog"; then
        echo "FAIL $name: does not compile (see $OUT/$prog.build.log)"
        return
    fi
    (
        ulimit -c 0
        timeout "${limit:-30}" $RVX "$OUT/$prog" "$@"
        rc=$?
        exit $rc
    ) >"$OUT/$name.out" 2>"$OUT/$name.stderr" </dev/null
    echo "exit=$?" >>"$OUT/$name.out"
    check "$name" "$OUT/$name.out"
}

# reap PID: waits for it, killing it after 10 s; prints exit=N.
reap() {
    (
        i=0
        while kill -0 $1 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -KILL $1 2>/dev/null
    ) &
    guard=$!
    wait $1 2>/dev/null
    echo "exit=$?"
    wait $guard
}

# wait_for FILE TEXT: up to 10 s for the guest to print TEXT.
wait_for() {
    i=0
    while ! grep -q "$2" "$1" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
}

# A guest in a loop of pause(): USR1 and SEGV from here are caught
# (si_code SI_USER, si_pid = this shell), INT kills it (130).
run_external() {
    name=external out="$OUT/external.out"
    build actions || { echo "FAIL $name: does not compile"; return; }
    : >"$out" # before starting: wait_for must not see an old run's output
    $RVX "$OUT/actions" external >"$out" 2>"$OUT/$name.stderr" </dev/null &
    pid=$!
    wait_for "$out" ready
    kill -USR1 $pid; wait_for "$out" "got 10"
    kill -SEGV $pid; wait_for "$out" "got 11"
    kill -INT $pid
    reap $pid >>"$out"
    check "$name" "$out"
}

# A guest spinning without syscalls dies promptly of SIGTERM (143).
run_spin() {
    name=spin_term out="$OUT/spin_term.out"
    : >"$out"
    $RVX "$OUT/actions" spin >"$out" 2>"$OUT/$name.stderr" </dev/null &
    pid=$!
    wait_for "$out" ready
    kill -TERM $pid
    reap $pid >>"$out"
    check "$name" "$out"
}

# raise(SIGSTOP) really stops rvx (state T) until SIGCONT.
run_stop() {
    name=stop out="$OUT/stop.out"
    : >"$out"
    $RVX "$OUT/actions" stop >"$out" 2>"$OUT/$name.stderr" </dev/null &
    pid=$!
    wait_for "$out" stopping
    i=0
    state=
    while [ $i -lt 50 ]; do
        state=$(sed 's/^.*) //' /proc/$pid/stat 2>/dev/null | cut -c1)
        [ "$state" = T ] && break
        sleep 0.1
        i=$((i + 1))
    done
    echo "state=$state" >>"$out.state"
    kill -CONT $pid
    reap $pid >>"$out"
    cat "$out.state" >>"$out"
    rm -f "$out.state"
    check "$name" "$out"
}

run_case fault_segv fault_segv
run_case fault_skip fault_skip
run_case frame frame
run_case altstack altstack
run_case async async
run_case restart restart
run_case unwind unwind
limit=180; run_case race race; limit=30
run_case sleep_resume sleep_resume
run_dyn frame_dynamic frame
run_dyn restart_dynamic restart
for a in term rt abort resethand nodefer ignore segv segv_blocked segv_ignored ill trap \
         pipe pipe_ign badframe; do
    run_case "action_$a" actions "$a"
done
run_external
run_spin
run_stop
# The crash line users rely on.
if grep -q "^rvx: guest SIGSEGV at pc=0x[0-9a-f]* addr=0x10$" "$OUT/action_segv.stderr"; then
    echo "PASS crash_message"
else
    echo "FAIL crash_message: no 'rvx: guest SIGSEGV at pc=... addr=0x10' line"
fi
