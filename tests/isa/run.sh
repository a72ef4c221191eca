#!/bin/sh
# ISA suite: self-checking RISC-V assembly, one file per group
# (rv64i, rv64m, rv64a, rvc, zicsr, zicntr, misc) plus faults.S.
# Each program is built with riscv64-linux-gnu-gcc -static -nostdlib into
# $BUILD/isa/ and run under $RVX (normal and --one-insn-per-block) and
# under qemu-riscv64 as an oracle for the expected constants: a program
# exits 0 when every check passes, else with the failing check's number.
# zicntr is not checked against qemu (its user-mode instret is host ticks).
# faults.S: each case must end with 128 + signal and rvx's message must
# name the faulting pc (the fault_<case> symbol).
# Prints "PASS isa/<name>" or "FAIL isa/<name>: <reason>" per test.
cd "$(dirname "$0")/../.." || exit 2
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/isa"
CC="riscv64-linux-gnu-gcc -march=rv64gc -mabi=lp64d -static -nostdlib -Wl,--no-relax"
QEMU=$(command -v qemu-riscv64)

if ! command -v riscv64-linux-gnu-gcc >/dev/null; then
    echo "FAIL isa: riscv64-linux-gnu-gcc not installed"
    exit 0
fi
if [ ! -x "$RVX" ]; then
    echo "FAIL isa: $RVX not built"
    exit 0
fi
[ -n "$QEMU" ] || echo "FAIL isa/qemu-oracle: qemu-riscv64 not installed"
mkdir -p "$OUT"

# run_one NAME BINARY [ARGS...]: prints the verdict for a self-checking test
run_one() {
    name=$1
    shift
    "$RVX" "$@" >"$OUT/$name.out" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL isa/$name: rvx exits $rc ($(head -c 200 "$OUT/$name.out" | tr '\n' ' '))"
        return
    fi
    "$RVX" --one-insn-per-block "$@" >"$OUT/$name.out1" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL isa/$name: rvx --one-insn-per-block exits $rc"
        return
    fi
    if [ -n "$QEMU" ] && [ "$name" != zicntr ]; then
        "$QEMU" "$@" >/dev/null 2>&1
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "FAIL isa/$name: qemu-riscv64 exits $rc (expected constants or qemu wrong)"
            return
        fi
    fi
    echo "PASS isa/$name"
}

for src in tests/isa/*.S; do
    name=$(basename "$src" .S)
    if ! $CC -o "$OUT/$name" "$src" 2>"$OUT/$name.log"; then
        echo "FAIL isa/$name: does not assemble ($(head -c 200 "$OUT/$name.log" | tr '\n' ' '))"
        continue
    fi
    [ "$name" = faults ] || run_one "$name" "$OUT/$name"
done

# Faults: case letter, expected exit status (128 + SIGSEGV 11, SIGTRAP 5,
# SIGILL 4, SIGBUS 7).
[ -x "$OUT/faults" ] || exit 0
for spec in l:139 s:139 h:139 x:139 e:133 c:133 i:132 w:132 u:132 r:132 m:135 n:135; do
    c=${spec%%:*}
    want=${spec#*:}
    pc=$(riscv64-linux-gnu-nm "$OUT/faults" | awk -v s="fault_$c" '$3 == s { print $1 }' |
         sed 's/^0*//')
    # The shell's own "Segmentation fault" notice goes to /dev/null.
    rc=$( ( "$RVX" "$OUT/faults" "$c" >/dev/null 2>"$OUT/faults-$c.err"; echo $? ) 2>/dev/null )
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL isa/faults-$c: rvx exits $rc, expected $want"
    elif ! grep -q "pc=0x$pc\b" "$OUT/faults-$c.err"; then
        echo "FAIL isa/faults-$c: message does not name pc 0x$pc: $(head -c 200 "$OUT/faults-$c.err")"
    elif [ -n "$QEMU" ] &&
         [ "$( ( "$QEMU" "$OUT/faults" "$c" >/dev/null 2>&1; echo $? ) 2>/dev/null )" -ne "$want" ]; then
        echo "FAIL isa/faults-$c: qemu-riscv64 does not exit $want"
    else
        echo "PASS isa/faults-$c"
    fi
done
