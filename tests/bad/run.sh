#!/bin/sh
# Programs rvx must refuse cleanly: each case must print exactly one
# "rvx: <subject>: <reason>" line on stderr, nothing on stdout, and exit
# with the documented code (127 not found, 126 cannot be run); never a
# crash (status >= 128). The bad inputs are generated here, into
# $BUILD/bad/, from a static riscv64 program patched with dd.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/bad"
CC=riscv64-linux-gnu-gcc

mkdir -p "$OUT"

# put_le FILE OFFSET BYTES VALUE: writes VALUE little-endian over BYTES bytes.
put_le() {
    file=$1 off=$2 n=$3 val=$4 i=0 esc=""
    while [ $i -lt "$n" ]; do
        esc="$esc\\$(printf '%03o' $((val & 255)))"
        val=$((val >> 8)) i=$((i + 1))
    done
    printf "$esc" | dd of="$file" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

# get_le FILE OFFSET BYTES: reads a little-endian value.
get_le() {
    od -An -tu1 -j "$2" -N "$3" "$1" | awk '{for (i = NF; i >= 1; i--) v = v * 256 + $i} END {printf "%d", v}'
}

# expect NAME CODE REASON SUBJECT ARGS...: runs $RVX ARGS and checks.
expect() {
    name=$1 code=$2 reason=$3 subject=$4
    shift 4
    (ulimit -c 0; timeout 20 "$RVX" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null)
    st=$?
    lines=$(wc -l <"$OUT/$name.err")
    line=$(head -n 1 "$OUT/$name.err")
    if [ "$st" -ge 128 ]; then
        echo "FAIL $name: crashed (status $st): $line"
    elif [ "$st" -ne "$code" ]; then
        echo "FAIL $name: exit $st, expected $code: $line"
    elif [ "$lines" -ne 1 ] || [ -s "$OUT/$name.out" ]; then
        echo "FAIL $name: expected one stderr line and no stdout, got $lines lines"
    else
        case "$line" in
        "rvx: $subject: "*"$reason"*) echo "PASS $name" ;;
        *) echo "FAIL $name: message '$line', expected 'rvx: $subject: ...$reason...'" ;;
        esac
    fi
}

if [ ! -x "$RVX" ]; then
    echo "FAIL bad: no rvx binary at $RVX"
    exit 0
fi

# Inputs that need no cross compiler.
printf 'just some text\n' >"$OUT/notelf.txt"
: >"$OUT/empty"
expect not_elf 126 "not an ELF file" "$OUT/notelf.txt" "$OUT/notelf.txt"
expect empty_file 126 "not an ELF file" "$OUT/empty" "$OUT/empty"
expect missing 127 "No such file or directory" "$OUT/no-such-program" "$OUT/no-such-program"
expect directory 126 "Is a directory" "$OUT" "$OUT"
if [ -f /bin/true ]; then
    expect x86_64_elf 126 "not a riscv64 ELF (machine x86-64)" /bin/true /bin/true
else
    echo "FAIL x86_64_elf: /bin/true missing"
fi

ok="$OUT/ok"
printf 'int main(void) { return 0; }\n' >"$OUT/ok.c"
if ! $CC -static -O2 -o "$ok" "$OUT/ok.c" >"$OUT/ok.build.log" 2>&1; then
    for t in truncated truncated_header bad_phoff bad_phnum filesz_gt_memsz misaligned_segment \
             overlapping_segments huge_segment outside_space elf32 relocatable dynamic; do
        echo "FAIL $t: cannot build with $CC (see $OUT/ok.build.log)"
    done
    exit 0
fi

# mutate NAME: a fresh copy of the good program to patch.
mutate() { cp "$ok" "$OUT/$1" && echo "$OUT/$1"; }

f="$OUT/truncated"; head -c 3000 "$ok" >"$f"
expect truncated 126 "truncated file" "$f" "$f"
f="$OUT/truncated_header"; head -c 40 "$ok" >"$f"
expect truncated_header 126 "truncated file" "$f" "$f"

f=$(mutate bad_phoff); put_le "$f" 32 8 $((0x7fffff00))
expect bad_phoff 126 "program headers out of range" "$f" "$f"
f=$(mutate bad_phnum); put_le "$f" 56 2 0
expect bad_phnum 126 "bad number of program headers" "$f" "$f"

# The first two PT_LOAD program headers, to patch their fields.
phoff=$(get_le "$ok" 32 8)
phnum=$(get_le "$ok" 56 2)
i=0 load="" load2=""
while [ $i -lt "$phnum" ]; do
    if [ "$(get_le "$ok" $((phoff + i * 56)) 4)" -eq 1 ]; then
        if [ -z "$load" ]; then load=$((phoff + i * 56)); else load2=$((phoff + i * 56)); break; fi
    fi
    i=$((i + 1))
done
if [ -z "$load2" ]; then
    echo "FAIL phdr_cases: $ok has fewer than two PT_LOADs"
else
    # fields: p_offset +8, p_vaddr +16, p_filesz +32, p_memsz +40
    off1=$(get_le "$ok" $((load + 8)) 8)
    vaddr1=$(get_le "$ok" $((load + 16)) 8)
    memsz1=$(get_le "$ok" $((load + 40)) 8)
    vaddr2=$(get_le "$ok" $((load2 + 16)) 8)
    f=$(mutate filesz_gt_memsz); put_le "$f" $((load + 32)) 8 $((memsz1 + 16))
    expect filesz_gt_memsz 126 "larger than memory size" "$f" "$f"
    f=$(mutate misaligned_segment); put_le "$f" $((load + 16)) 8 $((vaddr1 + 8))
    expect misaligned_segment 126 "misaligned" "$f" "$f"
    f=$(mutate huge_segment); put_le "$f" $((load + 40)) 8 $((1 << 62))
    expect huge_segment 126 "absurd size" "$f" "$f"
    # the second PT_LOAD moved into the first one (same file offset)
    f=$(mutate overlapping_segments)
    put_le "$f" $((load2 + 8)) 8 "$off1"
    put_le "$f" $((load2 + 16)) 8 $((vaddr1 + 0x1000))
    expect overlapping_segments 126 "overlaps" "$f" "$f"
    # the last PT_LOAD beyond the Sv39 space (1 TiB)
    f=$(mutate outside_space); put_le "$f" $((load2 + 16)) 8 $(((1 << 40) + (vaddr2 & 4095)))
    expect outside_space 126 "outside the guest address space" "$f" "$f"
fi

f=$(mutate elf32); put_le "$f" 4 1 1
expect elf32 126 "not a riscv64 ELF (32-bit" "$f" "$f"
f="$OUT/reloc.o"; $CC -c -o "$f" "$OUT/ok.c" 2>/dev/null
expect relocatable 126 "not an executable (relocatable object)" "$f" "$f"

f="$OUT/dynamic"
if $CC -O2 -o "$f" "$OUT/ok.c" >"$OUT/dynamic.build.log" 2>&1; then
    # a sysroot without the interpreter (the host has none either)
    mkdir -p "$OUT/emptyroot"
    expect no_interpreter 127 "interpreter /lib/ld-linux-riscv64-lp64d.so.1 not found" "$f" \
        -L "$OUT/emptyroot" "$f"
    # an interpreter that is not an ELF file
    mkdir -p "$OUT/badroot/lib"
    cp "$OUT/notelf.txt" "$OUT/badroot/lib/ld-linux-riscv64-lp64d.so.1"
    expect bad_interpreter 126 "not an ELF file" "$f: interpreter /lib/ld-linux-riscv64-lp64d.so.1" \
        -L "$OUT/badroot" "$f"
    expect bad_sysroot 2 "sysroot: No such file or directory" "$OUT/no-such-root" \
        -L "$OUT/no-such-root" "$f"
else
    echo "FAIL dynamic: cannot build a dynamic program with $CC (see $OUT/dynamic.build.log)"
fi
