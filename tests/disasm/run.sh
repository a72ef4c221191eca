#!/bin/sh
# Disassembler and decoder against binutils (riscv64-linux-gnu-objdump
# -M no-aliases), instruction by instruction:
#   prog_*       every instruction in .text of static riscv64 programs
#                (tests/disasm/prog.c + the static glibc they link)
#   rvc_all      all 49152 16-bit encodings
#   random32     random 32-bit words, objdump's default rv64gc view
#   random32_ext the same words with many other extensions enabled in
#                objdump (V, Zb*, Zk*, Zfh, Zicbo*, ...): rvx must call
#                theirs illegal
# compare.py classifies every instruction and lists the deliberate
# differences. Environment: BUILD (default build/rel); TEST_DISASM, a
# test_disasm binary to use instead of building $BUILD/unit/test_disasm.
cd "$(dirname "$0")/../.." || exit 2
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/disasm"
HERE=tests/disasm
TOOL="${TEST_DISASM:-$BUILD/unit/test_disasm}"
RANDOM_WORDS=400000

for t in riscv64-linux-gnu-gcc riscv64-linux-gnu-objdump riscv64-linux-gnu-objcopy \
         riscv64-linux-gnu-as python3; do
    if ! command -v "$t" >/dev/null 2>&1; then
        echo "FAIL disasm_prereq: $t not found"
        exit 0
    fi
done
mkdir -p "$OUT"
if [ -z "$TEST_DISASM" ] && ! make -s MODE="$(basename "$BUILD")" "$TOOL" >"$OUT/make.log" 2>&1; then
    echo "FAIL disasm_build: make $TOOL failed (see $OUT/make.log)"
    exit 0
fi
if "$TOOL" >"$OUT/self.log" 2>&1; then
    echo "PASS disasm_selfcheck"
else
    echo "FAIL disasm_selfcheck: $(grep FAIL "$OUT/self.log" | head -1)"
fi

objdump() { riscv64-linux-gnu-objdump -M no-aliases "$@"; }

# compare NAME RAWFILE BASE OBJDUMP_OUTPUT
compare() {
    "$TOOL" "$2" "$3" >"$OUT/$1.rvx" &&
        python3 "$HERE/compare.py" "$1" "$4" "$OUT/$1.rvx"
}

check_program() { # NAME GCC-FLAGS...
    name=$1; shift
    elf="$OUT/$name"
    if ! riscv64-linux-gnu-gcc -static "$@" -o "$elf" "$HERE/prog.c" -lm 2>"$OUT/$name.log"; then
        echo "FAIL $name: compile failed"
        return
    fi
    riscv64-linux-gnu-objcopy -O binary --only-section=.text "$elf" "$elf.text"
    base=$(objdump -h "$elf" | awk '$2 == ".text" { print $4 }')
    objdump -d -z -j .text "$elf" >"$elf.objdump"
    compare "$name" "$elf.text" "$base" "$elf.objdump"
}

check_program prog_O2_rv64gc -O2 -march=rv64gc
check_program prog_O0_rv64gc -O0 -march=rv64gc
check_program prog_Os_rv64g -Os -march=rv64g

start=$(date +%s)
python3 -c '
import struct, sys
sys.stdout.buffer.write(b"".join(struct.pack("<H", h) for h in range(65536) if h & 3 != 3))
' >"$OUT/rvc_all.bin"
objdump -b binary -m riscv:rv64 -D -z "$OUT/rvc_all.bin" >"$OUT/rvc_all.objdump"
compare rvc_all "$OUT/rvc_all.bin" 0 "$OUT/rvc_all.objdump"

python3 "$HERE/gen_random.py" src/cpu/insn.def "$OUT/random32.bin" "$RANDOM_WORDS" "${SEED:-1}"
objdump -b binary -m riscv:rv64 -D -z "$OUT/random32.bin" >"$OUT/random32.objdump"
compare random32 "$OUT/random32.bin" 0 "$OUT/random32.objdump"

# An ELF object whose arch attribute enables the extensions rvx lacks
# (objdump -b binary only knows rv64gc); stripped of the $d mapping
# symbol so objdump disassembles the words instead of dumping data.
ext=rv64gcv_zba_zbb_zbc_zbs_zbkb_zbkc_zbkx_zknd_zkne_zknh_zksed_zksh_zfh_zicbom_zicbop_zicboz_zihintpause_zawrs_svinval
printf '.attribute arch, "%s"\n.text\n.incbin "%s"\n' "$ext" "$OUT/random32.bin" >"$OUT/random32_ext.s"
if riscv64-linux-gnu-as -o "$OUT/random32_ext.o" "$OUT/random32_ext.s" &&
    riscv64-linux-gnu-objcopy --strip-all "$OUT/random32_ext.o"; then
    objdump -d -z "$OUT/random32_ext.o" >"$OUT/random32_ext.objdump"
    compare random32_ext "$OUT/random32.bin" 0 "$OUT/random32_ext.objdump"
else
    echo "FAIL random32_ext: could not assemble the extension object"
fi
elapsed=$(($(date +%s) - start))
if [ "$elapsed" -le 60 ]; then
    echo "PASS disasm_random_time: ${elapsed}s"
else
    echo "FAIL disasm_random_time: ${elapsed}s, over 60s"
fi
