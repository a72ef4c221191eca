#!/bin/sh
# Differential suite: runs the guest programs (tests/guest, built by its
# run.sh) and any tests/isa and tests/fp binaries already built under
# $BUILD, each under qemu-riscv64 and under $RVX, in the same fixed
# environment and with the same options (tests/guest/<name>.cmd), and
# requires identical stdout and exit status. QEMU is an oracle, not the
# reference: where it and Linux legitimately differ, the test is listed
# in SKIP with the reason.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/qemu"
GUEST_ENV="PATH=/usr/bin:/bin HOME=/ LC_ALL=C TMPDIR=${TMPDIR:-/tmp} RVXT_A=alpha RVXT_GONE=gone"
# Sanitizer builds (make check-asan) need their options to reach rvx.
[ -n "$ASAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "$UBSAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV UBSAN_OPTIONS=$UBSAN_OPTIONS"

# suite/name:reason. Tests whose output legitimately differs under QEMU 7.2.
SKIP="
isa/zicntr:QEMU user mode reads host ticks for instret; rvx counts instructions exactly
guest/riscv_calls:QEMU 7.2 has no riscv_hwprobe and does not check riscv_flush_icache flags
guest/kernel_exact:QEMU keeps SIGKILL/SIGSTOP in a recorded sa_mask and answers unknown ioctls with ENOSYS; Linux removes them and says ENOTTY
"

skip_reason() {
    echo "$SKIP" | sed -n "s|^$1:||p"
}

cmd_field() {
    [ -f "tests/guest/$1.cmd" ] && sed -n "s/^$2=//p" "tests/guest/$1.cmd"
}

# run_one RUNNER DIR NAME OUTFILE: stdout plus a final exit=N line.
run_one() {
    runner=$1 dir=$2 name=$3 out=$4
    opts=$(cmd_field "$name" opts)
    args=$(cmd_field "$name" args)
    (
        ulimit -c 0
        cd "$dir" || exit 99
        eval "set -- $opts ./$name $args"
        env -i $GUEST_ENV timeout 120 $runner "$@"
        rc=$?
        exit $rc
    ) >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
}

if ! command -v qemu-riscv64 >/dev/null 2>&1; then
    echo "FAIL qemu: qemu-riscv64 not installed"
    exit 0
fi
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
if [ ! -x "$rvx" ]; then
    echo "FAIL qemu: $RVX not built"
    exit 0
fi
mkdir -p "$OUT"
# Build the guest programs (prints FAIL lines only for build failures).
sh tests/guest/run.sh --build-only

for dir in "$BUILD/guest" "$BUILD/isa" "$BUILD/fp"; do
    [ -d "$dir" ] || continue
    suite=$(basename "$dir")
    absdir=$(cd "$dir" && pwd)
    for bin in "$dir"/*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        # Only riscv ELF executables.
        case $(od -An -tx1 -j18 -N2 "$bin" 2>/dev/null | tr -d ' ') in
        f300) ;;
        *) continue ;;
        esac
        name=$(basename "$bin")
        why=$(skip_reason "$suite/$name")
        if [ -n "$why" ]; then
            echo "SKIP $suite/$name: $why"
            continue
        fi
        run_one qemu-riscv64 "$absdir" "$name" "$OUT/$suite-$name.qemu"
        run_one "$rvx" "$absdir" "$name" "$OUT/$suite-$name.rvx"
        if cmp -s "$OUT/$suite-$name.qemu" "$OUT/$suite-$name.rvx"; then
            echo "PASS $suite/$name"
        else
            echo "FAIL $suite/$name: differs from qemu: diff $OUT/$suite-$name.qemu $OUT/$suite-$name.rvx"
        fi
    done
done
