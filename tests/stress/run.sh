#!/bin/sh
# Stress: 64 threads on LR/SC, AMOs and a mutex (atomics.c); a signal
# storm from another process and thread, real-time signals all counted
# (sigstorm.c); fork/vfork/exec loops (forkexec.c); allocation until
# ENOMEM (oom.c); stack overflow with and without a sigaltstack handler
# (stackoverflow.c); a SIGKILL mid-write losing nothing written
# (writer.c); the isa and guest suites with the smallest code cache.
# Guests are built into $BUILD/stress/.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
OUT="$BUILD/stress"
SRC=tests/stress
CC=riscv64-linux-gnu-gcc
mkdir -p "$OUT"

if [ ! -x "$RVX" ]; then
    echo "FAIL stress: no rvx binary at $RVX"
    exit 0
fi
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
for p in atomics sigstorm forkexec oom stackoverflow writer; do
    if ! $CC -static -O2 -pthread -Wno-infinite-recursion -o "$OUT/$p" "$SRC/$p.c" \
        >"$OUT/$p.build.log" 2>&1; then
        echo "FAIL stress/$p: cannot build (see $OUT/$p.build.log)"
    fi
done

# okrun NAME SECONDS PROG ARGS...: passes when PROG exits 0 and every
# output line starts with "ok".
okrun() {
    name=$1 secs=$2 prog=$3
    shift 3
    if [ ! -x "$OUT/$prog" ]; then
        echo "FAIL $name: not built"
        return
    fi
    (ulimit -c 0; timeout "$secs" "$rvx" "$OUT/$prog" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null)
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

# The smallest code cache rvx accepts (64K: one segment, so a full cache
# is flushed) and a small one of three segments (192K: the oldest segment
# is evicted), translating every block at once: the isa and guest suites
# must still pass (many flushes and evictions).
for size in 64K 192K; do
    tag=tinycache
    [ $size = 64K ] || tag=smallcache
    case $OUT in /*) w="$OUT/rvx-$tag" ;; *) w="$PWD/$OUT/rvx-$tag" ;; esac
    printf '#!/bin/sh\nexec "%s" --code-cache-size %s --jit-threshold 0 "$@"\n' "$rvx" "$size" >"$w"
    chmod +x "$w"
    for s in isa guest; do
        RVX="$w" BUILD="$OUT/$tag" sh "tests/$s/run.sh" 2>&1 |
            sed -n "s|^\(PASS\) |\1 $tag/$s/|p; s|^\(FAIL\) |\1 $tag/$s/|p"
    done
done
