#!/bin/sh
# Stress: 64 threads on LR/SC, AMOs and a mutex (atomics.c); a signal
# storm from another process and thread, real-time signals all counted
# (sigstorm.c); signals a thread took when it exited handed on
# (threadexit.c); fork/vfork/exec loops (forkexec.c); allocation until
# ENOMEM (oom.c); stack overflow with and without a sigaltstack handler
# (stackoverflow.c); a SIGKILL mid-write losing nothing written
# (writer.c); then, with the smallest code cache (64K) and every block
# translated on first use (constant flushes): atomics, sigstorm, the
# translator's own programs (tests/jit/*.c) and the isa, fp, guest,
# signals, threads, syscalls, process and dynamic suites; the isa and
# guest suites again with a 192K cache (three segments: eviction).
# Guests are built into $BUILD/stress/.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/stress"
SRC=tests/stress
CC=riscv64-linux-gnu-gcc
mkdir -p "$OUT/tinycache"

if [ ! -x "$RVX" ]; then
    echo "FAIL stress: no rvx binary at $RVX"
    exit 0
fi
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
for p in atomics sigstorm threadexit forkexec oom stackoverflow writer; do
    if ! $CC -static -O2 -pthread -Wno-infinite-recursion -o "$OUT/$p" "$SRC/$p.c" \
        >"$OUT/$p.build.log" 2>&1; then
        echo "FAIL stress/$p: cannot build (see $OUT/$p.build.log)"
    fi
done

# okrun NAME SECONDS PROG ARGS...: passes when PROG exits 0 and every
# output line starts with "ok". PROG runs under $run (default $rvx).
okrun() {
    name=$1 secs=$2 prog=$3
    shift 3
    if [ ! -x "$OUT/$prog" ]; then
        echo "FAIL $name: not built"
        return
    fi
    (ulimit -c 0; timeout "$secs" "${run:-$rvx}" "$OUT/$prog" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null)
    st=$?
    bad=$(grep -v '^ok' "$OUT/$name.out" | head -n 1)
    if [ "$st" -ne 0 ]; then
        echo "FAIL $name: status $st: $(cat "$OUT/$name.out" "$OUT/$name.err" | head -n 1)"
    elif [ -n "$bad" ] || [ ! -s "$OUT/$name.out" ]; then
        echo "FAIL $name: ${bad:-no output}"
    else
        echo "PASS $name"
    fi
}

okrun atomics 60 atomics
okrun sigstorm 60 sigstorm
okrun threadexit 60 threadexit
okrun forkexec 60 forkexec
okrun oom 60 oom
okrun stack-altstack 30 stackoverflow altstack

# Stack overflow without a handler: the guest dies of SIGSEGV (139).
name=stack-overflow
# (the status through a file: the subshell, not this shell, sees the
# signal and its "Segmentation fault" notice goes to /dev/null)
(ulimit -c 0; timeout 30 "$rvx" "$OUT/stackoverflow" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null
 echo $? >"$OUT/$name.status") 2>/dev/null
st=$(cat "$OUT/$name.status")
if [ "$st" -eq 139 ] && grep -q '^rvx: guest SIGSEGV' "$OUT/$name.err"; then
    echo "PASS $name"
else
    echo "FAIL $name: status $st, expected 139: $(head -n 1 "$OUT/$name.err")"
fi

# SIGKILL mid-write: every record reported written is in the file.
name=kill-mid-write
if [ -x "$OUT/writer" ]; then
    data="$OUT/writer.data"
    rm -f "$data"
    "$rvx" "$OUT/writer" "$data" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null &
    pid=$!
    sleep 0.5
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
    last=$(tail -n 2 "$OUT/$name.out" | head -n 1)
    if [ -z "$last" ]; then
        echo "FAIL $name: the writer reported nothing: $(head -n 1 "$OUT/$name.err")"
    else
        bad=$(head -n $((last + 1)) "$data" | awk '{ if ($1 != "rec" || $2 + 0 != NR - 1 || length($0) != 63) { print NR; exit } } END { if (NR < '"$((last + 1))"') print "short" }')
        if [ -n "$bad" ]; then
            echo "FAIL $name: record $bad missing or wrong (last reported $last)"
        else
            echo "PASS $name"
        fi
    fi
else
    echo "FAIL $name: not built"
fi

# The smallest code cache rvx accepts (64K), translating every block at
# once: programs and suites must still pass (many flushes, with threads
# inside translated code, returns and chained jumps across them).
case $OUT in /*) w="$OUT/rvx-tinycache" ;; *) w="$PWD/$OUT/rvx-tinycache" ;; esac
printf '#!/bin/sh\nexec "%s" --code-cache-size 64K --jit-threshold 0 "$@"\n' "$rvx" >"$w"
chmod +x "$w"
run="$w" okrun tinycache/atomics 120 atomics
run="$w" okrun tinycache/sigstorm 120 sigstorm
for src in tests/jit/*.c; do
    name=$(basename "$src" .c)
    if ! $CC -static -O2 -o "$OUT/jit_$name" "$src" >"$OUT/jit_$name.build.log" 2>&1; then
        echo "FAIL tinycache/jit/$name: cannot build (see $OUT/jit_$name.build.log)"
    elif (ulimit -c 0; timeout 60 "$w" "$OUT/jit_$name" >"$OUT/jit_$name.out" 2>&1 </dev/null); then
        echo "PASS tinycache/jit/$name"
    else
        echo "FAIL tinycache/jit/$name: status $?: $(tail -c 200 "$OUT/jit_$name.out" | tr '\n' ' ')"
    fi
done
mkdir -p "$OUT/tiny"
ln -sfn ../../unit "$OUT/tiny/unit" # tests/fp replays through a unit binary
for s in isa fp guest signals threads syscalls process dynamic; do
    RVX="$w" BUILD="$OUT/tiny" sh "tests/$s/run.sh" 2>&1 |
        sed -n "s|^\(PASS\) |\1 tinycache/$s/|p; s|^\(FAIL\) |\1 tinycache/$s/|p"
done
# A small cache of three segments (192K): the oldest segment is evicted
# when it is full, with every block translated at once.
case $OUT in /*) ws="$OUT/rvx-smallcache" ;; *) ws="$PWD/$OUT/rvx-smallcache" ;; esac
printf '#!/bin/sh\nexec "%s" --code-cache-size 192K --jit-threshold 0 "$@"\n' "$rvx" >"$ws"
chmod +x "$ws"
for s in isa guest; do
    RVX="$ws" BUILD="$OUT/smallcache" sh "tests/$s/run.sh" 2>&1 |
        sed -n "s|^\(PASS\) |\1 smallcache/$s/|p; s|^\(FAIL\) |\1 smallcache/$s/|p"
done

# Regression: a return after a flush in the same dispatch jumped into
# the reused cache (the jalr table was stale) and looped forever; the
# random FP program (built above by tests/fp) hit it at its 48th line.
name=tinycache/return-after-flush
fprand="$OUT/tiny/fp/fprand"
if [ -x "$fprand" ]; then
    (ulimit -c 0; timeout 60 "$w" "$fprand" 300 >"$OUT/return-after-flush.out" 2>&1)
    st=$?
    "$rvx" --interp "$fprand" 300 >"$OUT/return-after-flush.want" 2>&1
    if [ "$st" -ne 0 ]; then
        echo "FAIL $name: status $st (124: still running after 60 s)"
    elif ! cmp -s "$OUT/return-after-flush.want" "$OUT/return-after-flush.out"; then
        echo "FAIL $name: output differs from --interp ($OUT/return-after-flush.out)"
    else
        echo "PASS $name"
    fi
else
    echo "FAIL $name: $fprand not built"
fi
