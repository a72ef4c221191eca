#!/bin/sh
# Seeds the fuzz corpora under $1 (default $BUILD/fuzz/corpus):
#   elf/     real riscv64 programs (demo/hello, a static and a dynamic
#            program built here, guest programs the suites built under
#            $BUILD), sysroot libraries cut to 4 KiB, ld.so whole, and
#            header mutations (truncations, e_phoff/e_phnum/e_type
#            changes, a program with the interpreter appended)
#   decode/  the .text of the static program
#   jit/     the same code, 1 KiB pieces
#   syscall/ a few hand-made call lists
#   symtab/  small ELF files with symbol tables: the dynamic program,
#            its stripped copy (.dynsym only), an object file
# Idempotent: existing files are kept.
cd "$(dirname "$0")/../.." || exit 2
BUILD="${BUILD:-build/rel}"
out="${1:-$BUILD/fuzz/corpus}"
mkdir -p "$out/elf" "$out/decode" "$out/jit" "$out/syscall" "$out/symtab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'int main(void){return 0;}\n' > "$tmp/p.c"
if command -v riscv64-linux-gnu-gcc >/dev/null; then
    riscv64-linux-gnu-gcc -O2 -static -o "$tmp/static" "$tmp/p.c" 2>/dev/null
    riscv64-linux-gnu-gcc -O2 -o "$tmp/dynamic" "$tmp/p.c" 2>/dev/null
    riscv64-linux-gnu-gcc -O2 -static-pie -o "$tmp/spie" "$tmp/p.c" 2>/dev/null
fi
n=0
for f in demo/hello "$tmp/static" "$tmp/dynamic" "$tmp/spie" \
         $(find "$BUILD" -maxdepth 2 -type f -perm -u+x -size -200k 2>/dev/null | head -20); do
    [ -f "$f" ] || continue
    head -c 4 "$f" | grep -q ELF || continue
    file -b "$f" 2>/dev/null | grep -q RISC-V || continue
    n=$((n + 1))
    cp "$f" "$out/elf/prog$n"
    head -c 4096 "$f" > "$out/elf/prog$n.4k"
    head -c 100 "$f" > "$out/elf/prog$n.hdr"
done
for f in /usr/riscv64-linux-gnu/lib/*.so*; do
    [ -f "$f" ] || continue
    head -c 4096 "$f" > "$out/elf/lib.$(basename "$f").4k"
done
ld=/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1
[ -f "$ld" ] && cp "$ld" "$out/elf/ldso"
[ -f "$tmp/dynamic" ] && [ -f "$ld" ] && cat "$tmp/dynamic" "$ld" > "$out/elf/dynamic+ldso"
# Header mutations of the static program: one field each.
if [ -f "$tmp/static" ]; then
    python3 - "$tmp/static" "$out/elf" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()[:65536]
out = sys.argv[2]
def put(name, off, fmt, val):
    d = bytearray(data)
    struct.pack_into(fmt, d, off, val)
    open(f"{out}/mut.{name}", "wb").write(d)
put("phoff_big", 0x20, "<Q", 0xfffffffffffff000)
put("phoff_end", 0x20, "<Q", len(data) - 8)
put("phnum_max", 0x38, "<H", 0xffff)
put("phnum_0", 0x38, "<H", 0)
put("type_rel", 0x10, "<H", 1)
put("type_dyn", 0x10, "<H", 3)
put("entry_big", 0x18, "<Q", 1 << 62)
put("class32", 4, "<B", 1)
phoff = struct.unpack_from("<Q", data, 0x20)[0]
for k, (field, off, fmt, val) in enumerate([
        ("vaddr_big", 0x10, "<Q", 0xffffffffffff0000), ("memsz_huge", 0x28, "<Q", 1 << 60),
        ("filesz_big", 0x20, "<Q", 1 << 40), ("offset_big", 0x08, "<Q", 1 << 40),
        ("type_interp", 0x00, "<I", 3), ("vaddr_0", 0x10, "<Q", 0)]):
    put(f"ph.{field}", phoff + off, fmt, val)
PY
fi
# Code for the decoder and the translator.
if [ -f "$tmp/static" ] && command -v riscv64-linux-gnu-objcopy >/dev/null; then
    riscv64-linux-gnu-objcopy -O binary -j .text "$tmp/static" "$tmp/text"
    head -c 4096 "$tmp/text" > "$out/decode/text"
    for k in 0 1 2 3 4 5 6 7; do
        dd if="$tmp/text" of="$out/jit/text$k" bs=1024 skip=$((k * 7)) count=1 2>/dev/null
    done
fi
# Symbol tables (whole files: the tables sit at the end).
if [ -f "$tmp/dynamic" ]; then
    cp "$tmp/dynamic" "$out/symtab/dynamic"
    riscv64-linux-gnu-strip -o "$out/symtab/dynamic.stripped" "$tmp/dynamic" 2>/dev/null
    riscv64-linux-gnu-gcc -O2 -c -o "$out/symtab/object.o" "$tmp/p.c" 2>/dev/null
fi
# Syscall lists: getpid, getcwd, openat+read, pipe2+write+read, mmap.
printf '\x00\x00' > "$out/syscall/one"
printf '\x10\x03\x05\x20\x00\x01\x40\x00\x03\x07\x01' > "$out/syscall/two"
head -c 256 /dev/urandom > "$out/syscall/random" 2>/dev/null
echo "seeded $out: $(ls "$out/elf" | wc -l) elf, $(ls "$out/jit" | wc -l) jit"
