#!/bin/sh
# Real software as tests (make check-real): busybox, bash, coreutils,
# python3.13 (a script and a set of CPython's own regression tests),
# lua5.4, sqlite3, perl and the compression tools, all Debian trixie
# riscv64 builds (tests/real/packages.pin, fetched and cached by
# fetch-sysroot.sh), run under $RVX -L <root> with checked output:
# expected/<test> holds what the host's native tools print for the same
# script (uname -m and the like aside), and checksums are the host's.
# Two sizes: make check runs the quick one (a short list of CPython
# tests; this suite also runs again under --interp and --jit-threshold 0
# from tests/jit); with RVX_REAL_FULL=1 (make check-real) CPython's list
# is longer and every test runs a second time under qemu-riscv64 -L
# <root> for timing (reported, not judged: without binfmt_misc QEMU runs
# an exec'd program as a host binary, so tests that exec riscv64
# programs differ there).
# The rvx runs log syscalls and what rvx does not implement (-d
# strace,unimp); the syscalls that returned ENOSYS and the ioctls rvx
# refused with ENOTTY are listed at the end.
# Environment: RVX (default ./rvx), BUILD (default build/rel),
# RVX_REAL_CACHE (default build/real-root), RVX_REAL_FULL (default 0),
# RVX_REAL_ARGS adds rvx options (e.g. --interp).
cd "$(dirname "$0")/../.." || exit 2
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
CACHE="${RVX_REAL_CACHE:-build/real-root}"
SRC="$PWD/tests/real"
QEMU=qemu-riscv64
FULL="${RVX_REAL_FULL:-0}"
LIMIT=300 # seconds for one program (a busy machine is slow)
[ "$FULL" = 1 ] && LIMIT=900
[ "$FULL" = 1 ] || QEMU=

case "$RVX" in /*) ;; *) RVX="$PWD/$RVX" ;; esac
case "$CACHE" in /*) ;; *) CACHE="$PWD/$CACHE" ;; esac
ROOT="$CACHE/root"

mkdir -p "$BUILD"
FETCHLOG="$BUILD/real-fetch.log"
{ RVX_REAL_CACHE="$CACHE" tests/real/fetch-sysroot.sh; echo "exit $?"; } 2>&1 |
    tee "$FETCHLOG" | grep -v '^exit '
if [ "$(tail -1 "$FETCHLOG")" != "exit 0" ]; then
    echo "FAIL real-sysroot: cannot build the riscv64 Debian root: $(tail -2 "$FETCHLOG" | head -1)"
    exit 1
fi
if [ ! -x "$RVX" ]; then
    echo "FAIL real-rvx: $RVX is missing (run make)"
    exit 1
fi
command -v "$QEMU" >/dev/null 2>&1 || QEMU=

WORK=$(mktemp -d /tmp/rvx-real.XXXXXX) || exit 2
trap 'rm -rf "$WORK"' EXIT
LOGS="$WORK/logs"
mkdir -p "$LOGS"
HOST_UID=$(id -u)

# g PROG ARGS...: runs the sysroot's /usr/bin/PROG under $RUN.
g() {
    p=$1
    shift
    env -i PATH=/usr/bin:/bin HOME="$PWD" LC_ALL=C TZ=UTC HOST_UID="$HOST_UID" \
        timeout "$LIMIT" $RUN "$ROOT/usr/bin/$p" "$@"
}

hsum() { sha256sum | cut -d' ' -f1; }

# Tests: t_NAME runs in a fresh directory holding copies of the inputs
# and prints its output, compared with expected/NAME when that exists;
# otherwise the function checks for itself and prints "ok" last.
t_busybox() { g busybox sh busybox.sh; }
t_bash() { g bash bash.sh; }
t_coreutils() { g bash coreutils.sh; }
t_python() { g python3.13 python.py; }
t_lua() { g lua5.4 lua.lua; }
t_perl() { g perl perl.pl; }
t_sqlite() { g sqlite3 :memory: ".read sqlite.sql"; }

# CPython's own regression tests, run in one process (-j0 would spawn
# workers): modules that pass on riscv64 hardware and finish quickly.
PYTESTS="test_re test_string test_bisect test_heapq test_struct
test_binascii test_base64 test_textwrap test_csv test_operator test_zlib"
[ "$FULL" = 1 ] && PYTESTS="$PYTESTS test_json test_math test_collections
test_functools test_hashlib test_fractions test_difflib test_lzma
test_itertools test_enum test_statistics test_bz2"
t_python_regrtest() {
    g python3.13 -m test -q $PYTESTS > out 2>&1
    rc=$?
    grep -E '^(Result|Total tests|== Tests result)' out | tail -2
    [ $rc = 0 ] && grep -q 'SUCCESS' out && echo ok || { tail -30 out; echo "exit $rc"; }
}

# compress_test TOOL EXT: the guest compresses and decompresses; the host
# decompresses the guest's file and the guest the host's (when the host
# has TOOL); every copy of the data must hash as the original.
compress_test() {
    tool=$1 ext=$2
    seq 1 100000 > data
    want=$(hsum < data)
    g "$tool" -c data > "data.$ext" || { echo "$tool -c failed"; return; }
    [ "$(g "$tool" -dc "data.$ext" | hsum)" = "$want" ] || { echo "guest round trip differs"; return; }
    if command -v "$tool" >/dev/null 2>&1; then
        [ "$("$tool" -dc "data.$ext" | hsum)" = "$want" ] || { echo "host cannot read the guest's .$ext"; return; }
        "$tool" -c data > "host.$ext"
        [ "$(g "$tool" -dc "host.$ext" | hsum)" = "$want" ] || { echo "guest cannot read the host's .$ext"; return; }
    fi
    [ "$(g sha256sum data | cut -d' ' -f1)" = "$want" ] || { echo "sha256sum differs"; return; }
    echo ok
}
t_gzip() { compress_test gzip gz; }
t_xz() { compress_test xz xz; }
t_bzip2() { compress_test bzip2 bz2; }
t_zstd() { compress_test zstd zst; }

TESTS="busybox bash coreutils python python_regrtest lua perl sqlite gzip xz bzip2 zstd"

# run_test NAME OUT: runs t_NAME in its own directory under $RUN; writes
# its output to OUT and "WALL CPU" (seconds; CPU = user + system time of
# everything it ran, which a busy machine does not inflate) to OUT.time.
run_test() {
    dir="$WORK/$(basename "$2").d"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$SRC"/*.sh "$SRC"/*.py "$SRC"/*.lua "$SRC"/*.pl "$SRC"/*.sql "$dir"/
    t0=$(date +%s.%N)
    (cd "$dir" && ulimit -c 0 && "t_$1" > "$2" 2>&1; times > "$2.cpu")
    t1=$(date +%s.%N)
    c=$(sed -n 2p "$2.cpu" | tr 'ms' '  ' | awk '{ printf "%.2f", $1 * 60 + $2 + $3 * 60 + $4 }')
    echo "$t0 $t1 $c" | awk '{ printf "%.2f %s\n", $2 - $1, $3 }' > "$2.time"
}

# judge NAME OUT: empty when OUT is right, else why not.
judge() {
    if [ -f "$SRC/expected/$1" ]; then
        diff "$SRC/expected/$1" "$2" > "$2.diff" 2>&1 ||
            echo "output differs: $(head -5 "$2.diff" | tr '\n' ' ' | cut -c1-200)"
    elif [ "$(tail -1 "$2")" != ok ]; then
        echo "$(tail -3 "$2" | tr '\n' ' ' | cut -c1-200)"
    fi
}

total_rvx=0 total_qemu=0 cpu_rvx=0 cpu_qemu=0
for t in $TESTS; do
    RUN="$RVX -L $ROOT $RVX_REAL_ARGS -d strace,unimp -D $LOGS/$t.strace"
    run_test "$t" "$WORK/$t.rvx"
    why=$(judge "$t" "$WORK/$t.rvx")
    read -r secs cpu < "$WORK/$t.rvx.time"
    total_rvx=$(echo "$total_rvx $secs" | awk '{ print $1 + $2 }')
    cpu_rvx=$(echo "$cpu_rvx $cpu" | awk '{ print $1 + $2 }')
    qinfo=
    if [ -n "$QEMU" ]; then
        RUN="$QEMU -L $ROOT"
        run_test "$t" "$WORK/$t.qemu"
        read -r qsecs qcpu < "$WORK/$t.qemu.time"
        total_qemu=$(echo "$total_qemu $qsecs" | awk '{ print $1 + $2 }')
        cpu_qemu=$(echo "$cpu_qemu $qcpu" | awk '{ print $1 + $2 }')
        qwhy=$(judge "$t" "$WORK/$t.qemu")
        qinfo=", qemu ${qsecs}s (cpu ${qcpu}s)${qwhy:+ (qemu output differs)}"
    fi
    if [ -z "$why" ]; then
        echo "PASS real-$t"
    else
        echo "FAIL real-$t: $why"
    fi
    echo "  time: rvx ${secs}s (cpu ${cpu}s)$qinfo"
done

echo "real: suite time rvx ${total_rvx}s (cpu ${cpu_rvx}s)${QEMU:+, qemu-riscv64 ${total_qemu}s (cpu ${cpu_qemu}s)}"
enosys=$(cat "$LOGS"/*.strace 2>/dev/null | grep 'ENOSYS' |
    sed 's/^\[pid [0-9]*\] //; s/(.*//' | sort | uniq -c | awk '{ printf " %s(%d)", $2, $1 }')
echo "real: syscalls that returned ENOSYS:${enosys:- none}"
ioctls=$(cat "$LOGS"/*.strace 2>/dev/null | grep '^rvx: ioctl 0x[0-9a-f]* on fd .* not supported' |
    awk '{ print $3 }' | sort | uniq -c | awk '{ printf " %s(%d)", $2, $1 }')
echo "real: ioctls rvx does not support (ENOTTY):${ioctls:- none}"
