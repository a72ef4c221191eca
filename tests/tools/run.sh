#!/bin/sh
# Tools (issue 5): --strace format (compared with the host's strace on
# the same program built for x86-64), the -d channels and -dfilter, the
# QEMU_* environment aliases, the gdb stub (tests/tools/gdb.sh), the
# binfmt_misc line (parsed the kernel's way and matched against ELF
# headers), make install and make static, and the man page against
# --help. Guest programs are built into $BUILD/tools/.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/tools
OUT="$BUILD/tools"
mkdir -p "$OUT"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# build NAME CFLAGS...: the riscv64 program $OUT/NAME from $SRC/NAME.c.
build() {
    name=$1
    shift
    [ -x "$OUT/$name" ] && [ "$OUT/$name" -nt "$SRC/$name.c" ] && return 0
    riscv64-linux-gnu-gcc -static "$@" -o "$OUT/$name" "$SRC/$name.c" \
        >"$OUT/$name.build.log" 2>&1
}

for p in straceprog crash unimp; do
    build $p -O1 -g || fail "build_$p" "see $OUT/$p.build.log"
done
cc -O1 -o "$OUT/binfmt_match" "$SRC/binfmt_match.c" 2>"$OUT/binfmt_match.build.log" ||
    fail build_binfmt_match "see $OUT/binfmt_match.build.log"

# --- strace --------------------------------------------------------------

# norm: the part of a trace from the program's own first call on, with
# alignment padding, addresses (6+ hex digits) and the temp path
# normalised, and riscv64's *at forms where glibc x86-64 calls the old
# ones.
norm() {
    sed -n '/"\/etc\/passwd"/,$p' "$1" |
        sed -e 's/)  *= /) = /' -e 's/0x[0-9a-f]\{6,\}/ADDR/g' -e "s|$2|TMP|g" \
            -e 's/^unlink("TMP")/unlinkat(AT_FDCWD, "TMP", 0)/'
}

tmp="$OUT/strace-tmp.$$"
"$RVX" --interp --strace -D "$OUT/strace.rvx" "$OUT/straceprog" "$tmp" </dev/null
st=$?
norm "$OUT/strace.rvx" "$tmp" >"$OUT/strace.rvx.norm"
cat >"$OUT/strace.expected" <<'EOT'
openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
close(3) = 0
openat(AT_FDCWD, "/nonexistent/rvx-test", O_RDONLY) = -1 ENOENT (No such file or directory)
openat(AT_FDCWD, "TMP", O_WRONLY|O_CREAT|O_TRUNC, 0640) = 3
write(3, "line\n\t\"quoted\"\1", 15) = 15
fcntl(3, F_SETFD, FD_CLOEXEC) = 0
fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)
fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0
fcntl(3, F_GETFL) = 0x8c01 (flags O_WRONLY|O_APPEND|O_NONBLOCK|O_LARGEFILE)
close(3) = 0
unlinkat(AT_FDCWD, "TMP", 0) = 0
mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = ADDR
mprotect(ADDR, 4096, PROT_NONE) = 0
munmap(ADDR, 8192) = 0
clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0
lseek(0, 0, SEEK_CUR) = 0
faccessat2(AT_FDCWD, "/", R_OK|X_OK, 0) = 0
exit_group(3) = ?
+++ exited with 3 +++
EOT
if [ $st != 3 ]; then
    fail strace_format "exit status $st, want 3"
elif ! diff -u "$OUT/strace.expected" "$OUT/strace.rvx.norm" >"$OUT/strace.diff"; then
    fail strace_format "see $OUT/strace.diff"
else
    pass strace_format
fi

# The oracle: the host's strace on the same source built for the host.
if ! command -v strace >/dev/null 2>&1; then
    fail strace_vs_host "strace not installed"
elif ! cc -O1 -o "$OUT/straceprog.host" "$SRC/straceprog.c" 2>/dev/null; then
    fail strace_vs_host "cannot build the host program"
elif ! strace -o "$OUT/strace.host" "$OUT/straceprog.host" "$tmp" </dev/null 2>/dev/null &&
    [ ! -s "$OUT/strace.host" ]; then
    fail strace_vs_host "host strace does not run here (ptrace?)"
else
    norm "$OUT/strace.host" "$tmp" >"$OUT/strace.host.norm"
    if diff -u "$OUT/strace.host.norm" "$OUT/strace.rvx.norm" >"$OUT/strace-host.diff"; then
        pass strace_vs_host
    else
        fail strace_vs_host "see $OUT/strace-host.diff"
    fi
fi

# RVX_STRACE=1 and QEMU_STRACE=1 trace to stderr.
for var in RVX_STRACE QEMU_STRACE; do
    env $var=1 "$RVX" "$OUT/straceprog" "$tmp" </dev/null >/dev/null 2>"$OUT/strace.$var"
    if grep -qx '+++ exited with 3 +++' "$OUT/strace.$var" &&
        grep -q '^openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = ' "$OUT/strace.$var"; then
        pass "strace_env_$var"
    else
        fail "strace_env_$var" "no trace on stderr (see $OUT/strace.$var)"
    fi
done

# A fault the program does not catch: the signal line, then killed by.
"$RVX" --strace "$OUT/crash" >/dev/null 2>"$OUT/strace.crash"
st=$?
if [ $st = 139 ] &&
    grep -qx -- '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---' \
        "$OUT/strace.crash" &&
    grep -qx '+++ killed by SIGSEGV +++' "$OUT/strace.crash"; then
    pass strace_signal
else
    fail strace_signal "status $st (see $OUT/strace.crash)"
fi

# --- -d channels ------------------------------------------------------------

# -dfilter START+LEN on main: every in_asm and exec line inside it.
range=$(riscv64-linux-gnu-nm -S "$OUT/straceprog" | awk '$4 == "main" {print "0x"$1"+0x"$2}')
"$RVX" --interp -d in_asm,exec,cpu -dfilter "$range" -D "$OUT/dfilter.log" \
    "$OUT/straceprog" "$tmp" </dev/null >/dev/null 2>&1
lo=$(printf '%d' "${range%%+*}")
hi=$((lo + $(printf '%d' "${range#*+}")))
bad=$(sed -n 's/^\(IN: block\|exec\) 0x\([0-9a-f]*\).*/\2/p' "$OUT/dfilter.log" |
    while read -r a; do
        a=$(printf '%d' "0x$a")
        [ "$a" -ge "$lo" ] && [ "$a" -lt "$hi" ] || echo "$a"
    done)
if [ -z "$range" ]; then
    fail dfilter "no main symbol"
elif [ -n "$bad" ]; then
    fail dfilter "pcs outside $range: $(echo $bad | head -c 80)"
elif ! grep -q '^IN: block' "$OUT/dfilter.log" || ! grep -q '^exec ' "$OUT/dfilter.log" ||
    ! grep -q '^pc   ' "$OUT/dfilter.log" || ! grep -q '^  0x.*: ' "$OUT/dfilter.log"; then
    fail dfilter "in_asm, exec or cpu output missing (see $OUT/dfilter.log)"
else
    pass dfilter
fi

# -d out_asm: one record per translation (as many as --stats counts),
# each a whole x86-64 instruction stream that objdump decodes without a
# "(bad)" and that starts with the translation's interrupt check.
"$RVX" --jit-threshold 0 --stats -d out_asm -D "$OUT/out_asm.log" \
    "$OUT/straceprog" "$tmp" </dev/null >/dev/null 2>"$OUT/out_asm.stats"
ntb=$(sed -n 's/^rvx: jit: translations \([0-9]*\),.*/\1/p' "$OUT/out_asm.stats")
nrec=$(grep -c '^OUT: guest 0x' "$OUT/out_asm.log")
if ! command -v objdump >/dev/null 2>&1; then
    fail out_asm "objdump not installed"
elif ! scripts/out_asm.sh "$OUT/out_asm.log" >"$OUT/out_asm.dis"; then
    fail out_asm "scripts/out_asm.sh failed"
else
    firsts=$(awk '/^OUT:/ {getline; print}' "$OUT/out_asm.dis" | grep -vc 'cmpl   \$0x0,0x[0-9a-f]*(%rbp)')
    if [ -z "$ntb" ] || [ "$ntb" != "$nrec" ]; then
        fail out_asm "$nrec records for ${ntb:-?} translations (see $OUT/out_asm.log)"
    elif grep -q '(bad)' "$OUT/out_asm.dis"; then
        fail out_asm "objdump found bad bytes (see $OUT/out_asm.dis)"
    elif [ "$firsts" != 0 ]; then
        fail out_asm "$firsts records do not start with the interrupt check (see $OUT/out_asm.dis)"
    else
        pass out_asm
    fi
fi

if "$RVX" -dfilter 0x10..0x1 "$OUT/straceprog" >/dev/null 2>&1; then
    fail dfilter_bad "an empty range was accepted"
else
    pass dfilter_bad
fi

# -d unimp names an unimplemented instruction; QEMU_LOG works as RVX_LOG.
QEMU_LOG=int,unimp,guest_errors "$RVX" --interp "$OUT/unimp" >/dev/null 2>"$OUT/unimp.log"
st=$?
if [ $st = 132 ] && grep -q 'unimplemented instruction 0x0000000b at pc 0x' "$OUT/unimp.log"; then
    pass d_unimp_qemu_log
else
    fail d_unimp_qemu_log "status $st (see $OUT/unimp.log)"
fi

RVX_LOG=page "$RVX" "$OUT/straceprog" "$tmp" </dev/null >/dev/null 2>"$OUT/page.log"
if [ -s "$OUT/page.log" ] && ! grep -q '^openat' "$OUT/page.log"; then
    pass d_page
else
    fail d_page "no mapping log (see $OUT/page.log)"
fi

# --profile=FILE: the hot function first, with most of the instructions.
build profprog -O1 || fail build_profprog "see $OUT/profprog.build.log"
rm -f "$OUT/profile.txt"
"$RVX" --profile="$OUT/profile.txt" "$OUT/profprog"
st=$?
first=$(sed -n '3p' "$OUT/profile.txt" 2>/dev/null)
case "$first" in
*" hot") pct=${first%%.*}
    if [ $st = 0 ] && [ "$pct" -ge 90 ]; then
        pass profile
    else
        fail profile "status $st, first line '$first'"
    fi ;;
*) fail profile "first line '$first' (see $OUT/profile.txt)" ;;
esac

# --profile of a dynamic program: functions of libc.so.6 (its dynamic
# symbols: the sysroot's libc is stripped) named with the library, the
# program's own without; the counts add up to the total.
if riscv64-linux-gnu-gcc -O1 -o "$OUT/profdyn" "$SRC/profdyn.c" >"$OUT/profdyn.build.log" 2>&1
then
    "$RVX" --profile="$OUT/profdyn.txt" "$OUT/profdyn"
    st=$?
    first=$(sed -n '3p' "$OUT/profdyn.txt" 2>/dev/null)
    if [ $st != 0 ]; then
        fail profile_shared "status $st"
    elif ! echo "$first" | grep -q ' random (libc.so.6)$' ||
        ! grep -q ' random_r (libc.so.6)$' "$OUT/profdyn.txt" ||
        ! grep -q ' cmp_int$' "$OUT/profdyn.txt"; then
        fail profile_shared "want random (libc.so.6) first, random_r, cmp_int (see $OUT/profdyn.txt)"
    else
        pass profile_shared
    fi
else
    fail profile_shared "cannot build (see $OUT/profdyn.build.log)"
fi

# A stripped library: its local functions are named from the separate
# debug file that .gnu_debuglink names (here in .debug/ beside it), as
# gdb finds it; without that file, only as the library.
dbg="$OUT/dbg"
rm -rf "$dbg"
mkdir -p "$dbg/.debug"
if riscv64-linux-gnu-gcc -O1 -g -shared -fPIC -o "$dbg/libproflib.so" "$SRC/proflib.c" &&
    riscv64-linux-gnu-objcopy --only-keep-debug "$dbg/libproflib.so" \
        "$dbg/.debug/libproflib.so.debug" &&
    riscv64-linux-gnu-objcopy --strip-all \
        --add-gnu-debuglink="$dbg/.debug/libproflib.so.debug" "$dbg/libproflib.so" &&
    riscv64-linux-gnu-gcc -O1 -o "$dbg/profdbg" "$SRC/profdbg.c" -L"$dbg" -lproflib \
        -Wl,-rpath,'$ORIGIN'; then
    "$RVX" --profile="$dbg/with.txt" "$dbg/profdbg"
    st=$?
    mv "$dbg/.debug" "$dbg/.debug-off"
    "$RVX" --profile="$dbg/without.txt" "$dbg/profdbg"
    if [ $st != 0 ] || ! sed -n 3p "$dbg/with.txt" | grep -q ' lib_inner (libproflib.so)$'; then
        fail profile_debuglink "status $st; lib_inner not first (see $dbg/with.txt)"
    elif grep -q lib_inner "$dbg/without.txt" ||
        ! grep -q '(libproflib.so, outside its function symbols)' "$dbg/without.txt"; then
        fail profile_debuglink "without the debug file (see $dbg/without.txt)"
    else
        pass profile_debuglink
    fi
else
    fail profile_debuglink "cannot build the stripped library"
fi

# A fork child writes FILE.PID (its counts, which began as a copy of
# the parent's); the parent's FILE does not name what only the child ran.
build profork -O1 || fail build_profork "see $OUT/profork.build.log"
rm -f "$OUT/profork.txt"*
"$RVX" --profile="$OUT/profork.txt" "$OUT/profork"
st=$?
kid=$(ls "$OUT/profork.txt".* 2>/dev/null | head -1)
if [ $st != 0 ] || [ -z "$kid" ]; then
    fail profile_fork "status $st, no $OUT/profork.txt.PID"
elif ! grep -q ' child_work$' "$kid" || grep -q child_work "$OUT/profork.txt"; then
    fail profile_fork "child_work should be in $kid only"
else
    pass profile_fork
fi

# --profile=folded:FILE: stacks through each caller, recursion nested,
# counts as the flat profile's (the same instructions, by stack).
build stackprog -O1 || fail build_stackprog "see $OUT/stackprog.build.log"
"$RVX" --profile=folded:"$OUT/folded.txt" "$OUT/stackprog"
st=$?
"$RVX" --profile="$OUT/stackflat.txt" "$OUT/stackprog"
total=$(sed -n 's/^rvx: profile: \([0-9]*\) guest instructions$/\1/p' "$OUT/stackflat.txt")
sum=$(awk '{ s += $NF } END { print s }' "$OUT/folded.txt" 2>/dev/null)
w=$(sed -n 's/.*;main;work;leaf \([0-9]*\)$/\1/p' "$OUT/folded.txt")
o=$(sed -n 's/.*;main;other;leaf \([0-9]*\)$/\1/p' "$OUT/folded.txt")
if [ $st != 0 ] || [ -z "$w" ] || [ -z "$o" ]; then
    fail profile_folded "status $st; no main;work;leaf or main;other;leaf (see $OUT/folded.txt)"
elif [ $(((w + o / 2) / o)) != 3 ]; then
    fail profile_folded "work;leaf $w is not about 3 x other;leaf $o"
elif ! grep -q ';main;down;down;down;down;leaf [0-9]*$' "$OUT/folded.txt"; then
    fail profile_folded "recursion not nested (see $OUT/folded.txt)"
elif [ "$sum" != "$total" ]; then
    fail profile_folded "folded counts add to $sum, flat profile total $total"
else
    pass profile_folded
fi
# No file name: a usage error before the program runs.
"$RVX" --profile=folded: "$OUT/stackprog" >/dev/null 2>"$OUT/folded-bad.err"
st=$?
if [ $st = 2 ] && grep -q '^rvx: --profile=folded:: needs a file name' "$OUT/folded-bad.err"; then
    pass profile_folded_no_file
else
    fail profile_folded_no_file "status $st (see $OUT/folded-bad.err)"
fi
# Threads: each has its own stack, from the function it starts in.
build forkprog -O1 -pthread || fail build_forkprog "see $OUT/forkprog.build.log"
"$RVX" --profile=folded:"$OUT/folded-threads.txt" "$OUT/forkprog"
if grep -q '^start_thread;thread_main;__getpid [0-9]*$' "$OUT/folded-threads.txt"; then
    pass profile_folded_threads
else
    fail profile_folded_threads "no start_thread;thread_main;__getpid (see $OUT/folded-threads.txt)"
fi

# --- gdb ---------------------------------------------------------------------
RVX="$RVX" BUILD="$BUILD" sh "$SRC/gdb.sh"

# --- binfmt_misc ----------------------------------------------------------------
want=':rvx-riscv64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/local/bin/rvx:F'
line=$("$RVX" --binfmt=/usr/local/bin/rvx)
if [ "$line" = "$want" ]; then
    pass binfmt_line
else
    fail binfmt_line "got $line"
fi
# Default interpreter: this rvx's own absolute path ($RVX may be a
# wrapper script, as in the jit suite, so ask the binary itself).
self=$("$RVX" --binfmt | cut -d: -f7)
case "$self" in
/*) if [ -x "$self" ] && "$self" --version | grep -q '^rvx '; then
        pass binfmt_default_path
    else
        fail binfmt_default_path "interpreter $self is not rvx"
    fi ;;
*) fail binfmt_default_path "interpreter '$self' is not absolute" ;;
esac
# An ET_DYN (static-pie or dynamic) header: e_type (offset 16) = 3.
cp "$OUT/straceprog" "$OUT/pie" && printf '\003' | dd of="$OUT/pie" bs=1 seek=16 conv=notrunc 2>/dev/null
m=$(echo "$line" | "$OUT/binfmt_match" demo/hello "$OUT/straceprog" "$OUT/pie" /bin/true \
    "$OUT/straceprog.host" 2>&1 | tr '\n' ' ')
if [ "$m" = "match demo/hello match $OUT/straceprog match $OUT/pie nomatch /bin/true nomatch $OUT/straceprog.host " ]; then
    pass binfmt_matches_riscv64_only
else
    fail binfmt_matches_riscv64_only "$m"
fi
if "$RVX" --binfmt=relative/rvx >/dev/null 2>&1; then
    fail binfmt_relative "a relative interpreter path was accepted"
else
    pass binfmt_relative
fi

# --- make install, make static ------------------------------------------------
dest="$OUT/destdir"
rm -rf "$dest"
if make -s install DESTDIR="$(pwd)/$dest" PREFIX=/usr >"$OUT/install.log" 2>&1 &&
    [ -x "$dest/usr/bin/rvx" ] && [ -f "$dest/usr/share/man/man1/rvx.1" ] &&
    [ "$(find "$dest" -type f | wc -l)" = 2 ] &&
    "$dest/usr/bin/rvx" demo/hello >/dev/null; then
    pass make_install
else
    fail make_install "see $OUT/install.log and $dest"
fi
if make -s static >"$OUT/static.log" 2>&1 && [ -x rvx-static ] &&
    ! ldd rvx-static >/dev/null 2>&1 && ./rvx-static demo/hello | grep -q 'Hello from riscv64'; then
    pass make_static
else
    fail make_static "see $OUT/static.log"
fi

# --- documentation: the man page and --help list the same options ----------
help_opts() {
    "$RVX" --help | sed -n 's/^  \(-[^ ,]*\(, -[^ ,]*\)*\).*/\1/p' | tr ',' '\n' |
        sed -e 's/^ *//' -e 's/\[.*//' -e 's/=.*//' | sort -u
}
man_opts() {
    sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' rvx.1 | sed -n '/^\.TP/{n;p}' |
        sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g' | tr ' ,' '\n\n' |
        grep '^-' | sed -e 's/\[.*//' -e 's/=.*//' | sort -u
}
help_opts >"$OUT/opts.help"
man_opts >"$OUT/opts.man"
if [ ! -s "$OUT/opts.help" ] || [ ! -s "$OUT/opts.man" ]; then
    fail help_vs_man "no options parsed"
elif diff "$OUT/opts.help" "$OUT/opts.man" >"$OUT/opts.diff"; then
    pass help_vs_man
else
    fail help_vs_man "differ: $(tr '\n' ' ' <"$OUT/opts.diff")"
fi
rm -f "$tmp"

# --- strace across processes and threads --------------------------------
"$RVX" --strace -D "$OUT/fork.strace" "$OUT/forkprog" &
parent=$!
wait $parent
st=$?
f="$OUT/fork.strace"
child=$(sed -n 's/^clone(.*SIGCHLD.*) = \([0-9][0-9]*\)$/\1/p' "$f")
tid=$(sed -n 's/^\[pid *[0-9]*\] clone(.*CLONE_THREAD.*) = \([0-9][0-9]*\)$/\1/p' "$f")
if [ $st != 0 ] || [ -z "$child" ]; then
    fail strace_fork "status $st, no bare clone line with the child's pid (see $f)"
elif grep -q '^\(\[pid *[0-9]*\] \)\{0,1\}clone(.*) = 0$' "$f"; then
    fail strace_fork "the child's return from clone is shown (see $f)"
elif ! grep -q "^\[pid $child\] execve(\"$OUT/forkprog\", 0x[0-9a-f]*, 0x[0-9a-f]*) = 0$" "$f"
then
    fail strace_fork "no [pid $child] execve(...) = 0 line (see $f)"
elif ! grep -q "^\[pid $child\] getppid() = $parent$" "$f" ||
    ! grep -q "^\[pid $child\] +++ exited with 3 +++$" "$f" ||
    ! grep -q "^\[pid $parent\] wait4($child, " "$f" ||
    ! grep -q "^\[pid $parent\] +++ exited with 0 +++$" "$f"; then
    fail strace_fork "child or parent lines without their [pid N] (see $f)"
elif [ -z "$tid" ] || ! grep -q "^\[pid $tid\] getpid() = $parent$" "$f" ||
    ! grep -q "^\[pid $tid\] exit(0) = ?$" "$f"; then
    fail strace_fork "the thread's getpid or exit line lacks [pid TID] (see $f)"
else
    pass strace_fork
fi

# --- -perfmap and -jitdump -------------------------------------------------
# perfprog waits on stdin after its hot loop, so rvx's code cache mapping
# can be read from the host's /proc before the checker runs.
build perfprog -O1 -g || fail build_perfprog "see $OUT/perfprog.build.log"
fifo="$OUT/perf.fifo.$$"
rm -f "$fifo"
mkfifo "$fifo"
"$RVX" -perfmap -jitdump "$OUT/perfprog" <"$fifo" >"$OUT/perf.out" &
pid=$!
exec 3>"$fifo"
i=0
while ! grep -q " fib+" "/tmp/perf-$pid.map" 2>/dev/null && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
done
# the executable view of the cache: shared anonymous memory
range=$(awk '$2 ~ /^r-x/ && $6 == "/dev/zero" { print $1 }' "/proc/$pid/maps" | head -1)
exec 3>&-
wait $pid
st=$?
if [ $st != 0 ] || [ "$(cat "$OUT/perf.out")" != 46368 ]; then
    fail perfmap_jitdump "perfprog exited $st, printed $(cat "$OUT/perf.out")"
elif [ -z "$range" ]; then
    fail perfmap_jitdump "no code cache mapping found in /proc/$pid/maps"
elif ! python3 "$SRC/jitdump_check.py" "/tmp/jit-$pid.dump" "/tmp/perf-$pid.map" $pid \
    "${range%-*}" "${range#*-}" fib >"$OUT/jitdump.check" 2>&1; then
    fail perfmap_jitdump "$(cat "$OUT/jitdump.check")"
else
    pass perfmap_jitdump
fi
rm -f "$fifo" "/tmp/perf-$pid.map" "/tmp/jit-$pid.dump"

# Linux perf itself on the two files: samples in translated code are
# named by guest function, through the perf map directly and through
# perf inject --jit. perf's build-id cache goes under $OUT.
perf() { command perf --buildid-dir "$OUT/perf-debug" "$@"; }
if ! command -v perf >/dev/null 2>&1; then
    fail perf_names_guest_code "perf not installed"
elif ! perf record -q -k 1 -o "$OUT/perf.data" "$RVX" -perfmap -jitdump "$OUT/perfprog" 32 \
    </dev/null >"$OUT/perf.rec.out" 2>&1; then
    fail perf_names_guest_code "perf record failed (see $OUT/perf.rec.out)"
else
    pid=$(perf report -i "$OUT/perf.data" --stdio --sort pid 2>/dev/null |
        sed -n 's/.* \([0-9][0-9]*\):.*/\1/p' | head -1)
    perf report -i "$OUT/perf.data" --stdio --sort sym 2>/dev/null >"$OUT/perf.map.report"
    perf inject --jit -i "$OUT/perf.data" -o "$OUT/perf.jit.data" >/dev/null 2>&1
    perf report -i "$OUT/perf.jit.data" --stdio --sort dso,sym 2>/dev/null >"$OUT/perf.jit.report"
    top_map=$(grep -v '^#' "$OUT/perf.map.report" | grep -m1 .)
    top_jit=$(grep -v '^#' "$OUT/perf.jit.report" | grep -m1 .)
    case "$top_map|$top_jit" in
    *"] fib+0x"*"|"*jitted-*"] fib+0x"*) pass perf_names_guest_code ;;
    *) fail perf_names_guest_code "top samples '$top_map' / '$top_jit' (see $OUT/perf.*.report)" ;;
    esac
    rm -f "/tmp/perf-$pid.map" "/tmp/jit-$pid.dump" "/tmp/jitted-$pid"-*.so "$OUT/perf.data" \
        "$OUT/perf.jit.data"
fi
