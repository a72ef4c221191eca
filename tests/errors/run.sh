#!/bin/sh
# rvx's own failures other than bad program files (tests/bad has those):
# bad options and option arguments, an unopenable -D file, a guest
# address space that cannot be reserved (ulimit -v), an unsupported ELF
# header (big-endian, core file, bad e_phentsize). Each must print
# "rvx: <subject>: <reason>" as its first stderr line, nothing on
# stdout, and exit with the README's code (2 usage, 125 rvx failed,
# 126 cannot run); never a crash (status >= 128).
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/errors"
mkdir -p "$OUT"

if [ ! -x "$RVX" ]; then
    echo "FAIL errors: no rvx binary at $RVX"
    exit 0
fi

# check NAME CODE SUBJECT REASON: judges the last run (status in $st).
check() {
    name=$1 code=$2 subject=$3 reason=$4
    line=$(head -n 1 "$OUT/$name.err")
    if [ "$st" -ge 128 ]; then
        echo "FAIL $name: crashed (status $st): $line"
    elif [ "$st" -ne "$code" ]; then
        echo "FAIL $name: exit $st, expected $code: $line"
    elif [ -s "$OUT/$name.out" ]; then
        echo "FAIL $name: wrote to stdout"
    else
        case "$line" in
        "rvx: $subject: "*"$reason"*) echo "PASS $name" ;;
        *) echo "FAIL $name: message '$line', expected 'rvx: $subject: ...$reason...'" ;;
        esac
    fi
}

# expect NAME CODE SUBJECT REASON ARGS...: runs $RVX ARGS and checks.
expect() {
    name=$1 code=$2 subject=$3 reason=$4
    shift 4
    (ulimit -c 0; timeout 20 "$RVX" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null)
    st=$?
    check "$name" "$code" "$subject" "$reason"
}

prog=demo/hello
[ -f "$prog" ] || { echo "FAIL errors: $prog missing"; exit 0; }

expect unknown_option 2 --bogus "unknown option" --bogus "$prog"
expect missing_arg 2 --jit-threshold "needs an argument" --jit-threshold
expect threshold_abc 2 --jit-threshold "expected a number" --jit-threshold abc "$prog"
expect threshold_neg 2 --jit-threshold "expected a number" --jit-threshold -5 "$prog"
expect cache_zero 2 --code-cache-size "between 64K and 2G" --code-cache-size 0 "$prog"
expect cache_huge 2 --code-cache-size "between 64K and 2G" --code-cache-size 64G "$prog"
expect cache_unit 2 --code-cache-size "expected a size" --code-cache-size 64Q "$prog"
expect cache_overflow 2 --code-cache-size "expected a number" --code-cache-size 99999999999999G "$prog"
expect bad_log_channel 2 nochannel "unknown log channel" -d nochannel "$prog"
expect bad_env 2 NOEQUALS "expected VAR=VALUE" -E NOEQUALS "$prog"
expect bad_dfilter 2 xyz "expected START..END" -dfilter xyz "$prog"
expect bad_log_file 2 "$OUT/no/such/dir/log" "cannot open log file" -D "$OUT/no/such/dir/log" "$prog"

# No program at all: the usage on stderr, status 2.
(timeout 20 "$RVX" >"$OUT/noprog.out" 2>"$OUT/noprog.err" </dev/null)
st=$?
if [ "$st" -eq 2 ] && [ ! -s "$OUT/noprog.out" ] && grep -q '^usage: rvx' "$OUT/noprog.err"; then
    echo "PASS no_program"
else
    echo "FAIL no_program: status $st, expected 2 and the usage on stderr"
fi

# The 256 GiB guest reservation cannot fit under a 1 GB ulimit -v. An
# ASan build cannot even start there (its shadow memory needs terabytes
# of address space), so those cases are skipped for it.
asan=""
(ulimit -v 1000000; "$RVX" --version) >/dev/null 2>&1 || asan=1
for mode in "" --interp; do
    if [ -n "$asan" ]; then
        echo "SKIP ulimit_v${mode:+_interp}: ASan build"
        continue
    fi
    name=ulimit_v${mode:+_interp}
    (ulimit -v 1000000; ulimit -c 0; timeout 20 "$RVX" $mode "$prog" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null)
    st=$?
    check "$name" 125 "guest address space" "cannot reserve"
done

# Unsupported ELF headers, patched from the demo binary.
patch_byte() { printf "\\$(printf '%03o' "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
f="$OUT/bigendian"; cp "$prog" "$f"; patch_byte "$f" 5 2
expect big_endian 126 "$f" "big-endian" "$f"
f="$OUT/core"; cp "$prog" "$f"; patch_byte "$f" 16 4
expect core_file 126 "$f" "core file" "$f"
f="$OUT/etype"; cp "$prog" "$f"; patch_byte "$f" 16 9
expect odd_elf_type 126 "$f" "ELF type 9" "$f"
f="$OUT/phentsize"; cp "$prog" "$f"; patch_byte "$f" 54 32
expect bad_phentsize 126 "$f" "bad program header size" "$f"
f="$OUT/noexec.sh"; printf 'x\n' >"$f"; chmod 644 "$f"
expect not_elf_text 126 "$f" "not an ELF file" "$f"
