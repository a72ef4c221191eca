#!/bin/sh
# The gdb stub against a real client: starts `rvx -g 0 prog` (port 0:
# rvx picks a free port and prints it), drives gdb-multiarch in batch
# mode against it and checks what gdb prints: breakpoint hit at the
# right line, next, variable values, registers, watchpoint old/new
# values, the exit code, a fault reported as a signal, a unix socket.
# Prints PASS/FAIL lines like every suite. Environment: RVX, BUILD.
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/tools"
GDB=gdb-multiarch
mkdir -p "$OUT"

if ! command -v $GDB >/dev/null 2>&1; then
    echo "FAIL gdb_stub: $GDB not installed"
    exit 0
fi
for p in gdbprog crash gdbsig; do
    if [ ! -x "$OUT/$p" ] || [ "$OUT/$p" -ot "tests/tools/$p.c" ]; then
        riscv64-linux-gnu-gcc -static -g -O0 -o "$OUT/$p" "tests/tools/$p.c" ||
            { echo "FAIL gdb_stub: cannot build $p"; exit 0; }
    fi
done

# start_rvx WHERE PROG: runs rvx -g WHERE PROG in the background and
# waits until it listens; sets RVX_PID and TARGET (for target remote).
start_rvx() {
    err="$OUT/gdb-$2.err"
    rm -f "$err"
    "$RVX" -g "$1" "$OUT/$2" 2>"$err" &
    RVX_PID=$!
    i=0
    while ! grep -q "waiting for gdb" "$err" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    port=$(sed -n 's/.*waiting for gdb on port \([0-9]*\).*/\1/p' "$err")
    TARGET=":$port"
    case $1 in unix:*) TARGET="${1#unix:}" ;; esac
}

# wait_rvx: rvx's exit status; kills it after 20 s (a stuck stub).
wait_rvx() {
    i=0
    while kill -0 $RVX_PID 2>/dev/null && [ $i -lt 400 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    kill -0 $RVX_PID 2>/dev/null && kill -9 $RVX_PID
    wait $RVX_PID
}

# run_gdb PROG OUTFILE gdb-commands...: batch gdb against TARGET.
run_gdb() {
    prog=$1 out=$2
    shift 2
    timeout 60 $GDB -batch -nx -ex 'set architecture riscv:rv64' \
        -ex 'set confirm off' -ex "target remote $TARGET" "$@" "$OUT/$prog" >"$out" 2>&1
}

# expect NAME FILE TEXT...: PASS if every TEXT is a line part of FILE.
expect() {
    name=$1 file=$2
    shift 2
    for t in "$@"; do
        if ! grep -qF -- "$t" "$file"; then
            echo "FAIL $name: gdb output lacks '$t' (see $file)"
            return
        fi
    done
    echo "PASS $name"
}

start_rvx 0 gdbprog
run_gdb gdbprog "$OUT/gdb-session.out" -ex 'break compute' -ex continue \
    -ex next -ex next -ex 'print y' -ex 'print x' -ex 'info registers pc' \
    -ex 'print $a0' -ex 'delete 1' -ex 'watch counter' -ex continue -ex continue \
    -ex continue
wait_rvx
status=$?
f="$OUT/gdb-session.out"
expect gdb_break_line "$f" "Breakpoint 1, compute (x=0) at tests/tools/gdbprog.c:7"
expect gdb_next "$f" "8	    y += 3;" "9	    return y;"
expect gdb_print "$f" '$1 = 3' '$2 = 0' 'pc             0x' '<compute+'
expect gdb_watch "$f" "Hardware watchpoint 2: counter" "Old value = 0" "New value = 15" \
    "Old value = 15" "New value = 16"
expect gdb_exit "$f" "exited with code 020]"
if [ "$status" = 16 ]; then
    echo "PASS gdb_rvx_status"
else
    echo "FAIL gdb_rvx_status: rvx exited $status, want 16"
fi

# A fault: gdb sees SIGSEGV at the faulting line, registers (FP too)
# and threads can be read there; passing it on kills the program.
start_rvx 0 crash
run_gdb crash "$OUT/gdb-crash.out" -ex continue -ex 'print d' -ex 'info registers fcsr' \
    -ex 'info threads' -ex continue
wait_rvx
status=$?
f="$OUT/gdb-crash.out"
expect gdb_signal "$f" "Program received signal SIGSEGV" "crash.c:8" '$1 = 1.5' "NX:1" \
    "* 1    Thread" "Program terminated with signal SIGSEGV"
if [ "$status" = 139 ]; then
    echo "PASS gdb_signal_status"
else
    echo "FAIL gdb_signal_status: rvx exited $status, want 139"
fi

# -g unix:PATH, stepi, detach: the program runs on to its exit.
sock="$(pwd)/$OUT/gdb.sock"
start_rvx "unix:$sock" gdbprog
run_gdb gdbprog "$OUT/gdb-unix.out" -ex 'break main' -ex continue -ex stepi \
    -ex 'info registers pc' -ex detach
wait_rvx
status=$?
expect gdb_unix_socket "$OUT/gdb-unix.out" "Breakpoint 1, main () at" \
    "[Inferior 1 (Remote target) detached]"
if [ "$status" = 16 ]; then
    echo "PASS gdb_detach_runs_on"
else
    echo "FAIL gdb_detach_runs_on: rvx exited $status, want 16"
fi

# A dynamic program: gdb finds ld.so and libc through the auxv and the
# dynamic linker's r_debug (plain memory reads) and the sysroot.
SYSROOT=/usr/riscv64-linux-gnu
if [ ! -e "$SYSROOT/lib/libc.so.6" ]; then
    echo "FAIL gdb_dynamic: no riscv64 sysroot at $SYSROOT"
elif ! riscv64-linux-gnu-gcc -g -O0 -o "$OUT/gdbdyn" tests/tools/gdbprog.c; then
    echo "FAIL gdb_dynamic: cannot build"
else
    start_rvx 0 gdbdyn
    run_gdb gdbdyn "$OUT/gdb-dyn.out" -ex "set sysroot $SYSROOT" -ex 'break compute' \
        -ex continue -ex bt -ex 'info sharedlibrary' -ex delete -ex continue
    wait_rvx
    status=$?
    expect gdb_dynamic "$OUT/gdb-dyn.out" "Breakpoint 1, compute (x=0) at tests/tools/gdbprog.c:7" \
        "in main () at tests/tools/gdbprog.c:16" "$SYSROOT/lib/libc.so.6" "exited with code 020]"
fi

# A signal that is not a fault: gdb stops before delivery; "continue"
# delivers it (the handler runs), "signal 0" drops it, "signal SIGUSR2"
# delivers SIGUSR2 instead (as SI_USER).
start_rvx 0 gdbsig
run_gdb gdbsig "$OUT/gdb-sig.out" -ex 'handle SIGUSR1 stop print' -ex continue \
    -ex 'break on_usr1' -ex continue -ex 'print usr1' -ex delete -ex continue \
    -ex 'signal 0' -ex 'signal SIGUSR2'
wait_rvx
status=$?
expect gdb_signal_deliver "$OUT/gdb-sig.out" "Program received signal SIGUSR1" \
    "Breakpoint 1, on_usr1 (sig=10)" '$1 = 0' "exited with code 0165]"
if [ "$status" = 117 ]; then
    echo "PASS gdb_signal_zero_or_other"
else
    echo "FAIL gdb_signal_zero_or_other: rvx exited $status, want 117 (see $OUT/gdb-sig.out)"
fi
