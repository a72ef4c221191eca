#!/bin/sh
# bench/run.sh: rvx against qemu-riscv64 and native code.
# Builds each bench/<name>.c twice into $BENCH_DIR (riscv64 static, and
# x86-64), runs it natively, under qemu-riscv64 and under rvx, checks that
# the three outputs (stdout and exit status) are identical, and prints a
# table of median wall times, the ratios rvx/native and rvx/qemu (lower is
# better; rvx/qemu < 1 means rvx is faster than qemu), their geometric
# means, and rvx's guest instructions per second (from `rvx --stats`).
#
# Usage: bench/run.sh [name...]        names of bench/*.c without .c, or
#                                      of bench/*.gen (a script that
#                                      writes the C source to stdout);
#                                      default: all of them
# Environment:
#   BENCH_RUNS     timed runs per benchmark and engine (default 3)
#   BENCH_TIMEOUT  seconds before one run is killed (default 120)
#   RVX            the rvx binary (default ./rvx)
#   RVX_FLAGS      options for every rvx run, e.g. --interp (default none)
#   QEMU           the qemu user-mode binary (default qemu-riscv64)
#   BENCH_DIR      build and output directory (default build/bench)
#   BENCH_TIMER    hyperfine (default when installed) or date
#   BENCH_STARTUP_RUNS  runs of the start-up table (default 200; 0: none;
#                  needs hyperfine)
# Each benchmark first runs once per engine untimed (the output check, and
# rvx --stats for the instruction count), then BENCH_RUNS timed runs.
# Exit status: 0 when every run finished with matching output, else 1.
cd "$(dirname "$0")/.." || exit 2

RUNS=${BENCH_RUNS:-3}
TMO=${BENCH_TIMEOUT:-120}
RVX=${RVX:-./rvx}
RVX_FLAGS=${RVX_FLAGS:-}
QEMU=${QEMU:-qemu-riscv64}
DIR=${BENCH_DIR:-build/bench}
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
HOSTCC=${HOSTCC:-gcc}
# No FMA contraction: the FP benchmarks must round identically everywhere.
BFLAGS="-O2 -ffp-contract=off -Wall -Wextra"
TIMER=${BENCH_TIMER:-}
if [ -z "$TIMER" ]; then
    if command -v hyperfine >/dev/null 2>&1; then TIMER="hyperfine"; else TIMER="date"; fi
fi

say() { printf '%s\n' "$*" >&2; }
# rvx_stat SED: the last value SED's script picks from the --stats lines
# of benchmark $n's check run under rvx, or "-".
rvx_stat() {
    v=$(sed -n "$1" "$DIR/out/$n.rvx.err" | tail -n 1)
    echo "${v:--}"
}

echo "reproduce: cd $(pwd) && BENCH_RUNS=$RUNS BENCH_TIMEOUT=$TMO RVX=$RVX${RVX_FLAGS:+ RVX_FLAGS=\"$RVX_FLAGS\"} QEMU=$QEMU${BENCH_TIMER:+ BENCH_TIMER=$BENCH_TIMER} bench/run.sh${*:+ $*}"
# What was measured, and how busy the machine was (other load skews times).
echo "host: $(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1), $(nproc) cpus, load $(cut -d ' ' -f 1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "rvx: $RVX built $(date -u -r "$RVX" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo '-'), source at git $(git rev-parse --short HEAD 2>/dev/null || echo '-') plus uncommitted changes if any, run as a copy ($DIR/rvx.snapshot); timer: $TIMER"

# ---- which benchmarks
if [ $# -gt 0 ]; then
    NAMES="$*"
    for n in $NAMES; do
        [ -f "bench/$n.c" ] || [ -f "bench/$n.gen" ] || { say "bench/run.sh: no benchmark bench/$n.c or .gen"; exit 2; }
    done
else
    NAMES=$(for f in bench/*.c bench/*.gen; do n=${f#bench/}; echo "${n%.*}"; done | sort)
fi

# ---- which engines can run
have_qemu=1; have_rvx=1; have_time=1
[ -x /usr/bin/time ] || { have_time=0; say "bench: no /usr/bin/time, peak RSS not measured"; }
command -v "$QEMU" >/dev/null 2>&1 || { have_qemu=0; say "bench: $QEMU not found, qemu column empty"; }
[ -x "$RVX" ] || { have_rvx=0; say "bench: $RVX not found or not executable, rvx column empty"; }
command -v "$RVCC" >/dev/null 2>&1 || { say "bench: $RVCC not found"; exit 2; }
mkdir -p "$DIR/rv64" "$DIR/x86" "$DIR/out" "$DIR/src" || exit 2
# Run a private copy, so a rebuild of ./rvx during the run cannot mix two
# builds into one table.
RVX_RUN=$DIR/rvx.snapshot
if [ $have_rvx = 1 ]; then
    cp "$RVX" "$RVX_RUN" || exit 2
fi

# ---- build
# Static x86 binaries when the host has a static libc, so start-up costs
# are alike on all three sides; dynamic otherwise.
XSTATIC=-static
echo 'int main(void){return 0;}' > "$DIR/out/probe.c"
$HOSTCC -static -o "$DIR/out/probe" "$DIR/out/probe.c" 2>/dev/null || XSTATIC=
# Always rebuilt (a few seconds): no stale binary can survive a flag
# change. A generated source (bench/<name>.gen) takes tens of seconds to
# compile, so its binaries are kept while the source and the command
# lines ($DIR/src/<name>.cmd) are unchanged.
# shellcheck disable=SC2086 # BFLAGS is a list of flags
build_one() {
    src=bench/$1.c
    if [ -f "bench/$1.gen" ]; then
        src=$DIR/src/$1.c
        sh "bench/$1.gen" > "$src.new" || return 1
        cmd="$RVCC -static $BFLAGS; $HOSTCC $XSTATIC $BFLAGS"
        if cmp -s "$src" "$src.new" && [ -x "$DIR/rv64/$1" ] && [ -x "$DIR/x86/$1" ] &&
            [ "$(cat "$DIR/src/$1.cmd" 2>/dev/null)" = "$cmd" ]; then
            rm -f "$src.new"
            return 0
        fi
        mv -f "$src.new" "$src" && rm -f "$DIR/src/$1.cmd" || return 1
    fi
    $RVCC -static $BFLAGS -o "$DIR/rv64/$1" "$src" -lm &&
        $HOSTCC $XSTATIC $BFLAGS -o "$DIR/x86/$1" "$src" -lm || return 1
    [ "$src" = "bench/$1.c" ] || echo "$cmd" > "$DIR/src/$1.cmd"
}
for n in $NAMES; do
    build_one "$n" || { say "bench: build of $n failed"; exit 2; }
done
echo "built: $RVCC -static $BFLAGS; $HOSTCC $XSTATIC $BFLAGS ($DIR)"

# ---- running
engine_cmd() { # engine name -> the command line
    case $1 in
    native) echo "$DIR/x86/$2" ;;
    qemu) echo "$QEMU $DIR/rv64/$2" ;;
    rvx) echo "$RVX_RUN $RVX_FLAGS $DIR/rv64/$2" ;;
    esac
}

# One untimed run; stdout+status to out/<name>.<engine>.out, stderr to .err.
# Prints ok, timeout or fail(<status>).
check_run() {
    cmd=$(engine_cmd "$1" "$2")
    [ "$1" = rvx ] && cmd="$RVX_RUN --stats $RVX_FLAGS $DIR/rv64/$2"
    out=$DIR/out/$2.$1
    rm -f "$out.rss"
    # shellcheck disable=SC2086
    if [ $have_time = 1 ]; then
        timeout -k 5 "$TMO" /usr/bin/time -f %M -o "$out.rss" $cmd > "$out.out" 2> "$out.err"
    else
        timeout -k 5 "$TMO" $cmd > "$out.out" 2> "$out.err"
    fi
    st=$?
    echo "exit status $st" >> "$out.out"
    if [ $st -eq 124 ] || [ $st -eq 137 ]; then echo timeout
    elif [ $st -ne 0 ]; then echo "fail($st)"
    else echo ok; fi
}

median() { sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) exit 1
    if (NR % 2) printf "%.4f\n", a[(NR + 1) / 2]
    else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# BENCH_RUNS timed runs; prints "<median wall s> <mean user+sys s>" (the
# CPU time only with hyperfine, else "-") or nothing when a run failed.
time_runs() {
    cmd="timeout -k 5 $TMO $(engine_cmd "$1" "$2")"
    if [ "$TIMER" = hyperfine ]; then
        json=$DIR/out/$2.$1.json
        hyperfine -N --runs "$RUNS" --output=null --export-json "$json" "$cmd" \
            > "$DIR/out/$2.$1.hyperfine" 2>&1 || return 1
        awk -F '[:,]' '/"(median|user|system)":/ { k = $1; gsub(/[" ]/, "", k); v[k] = $2 }
            END { printf "%.4f %.4f\n", v["median"], v["user"] + v["system"] }' "$json"
    else
        i=0
        while [ $i -lt "$RUNS" ]; do
            t0=$(date +%s.%N)
            # shellcheck disable=SC2086
            $cmd > /dev/null 2>&1 || return 1
            t1=$(date +%s.%N)
            awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
            i=$((i + 1))
        done | median | awk '{ print $1, "-" }'
    fi
}

RES=$DIR/out/results.tsv
: > "$RES"
bad=0
for n in $NAMES; do
    status=ok
    line=$n
    cpu=""
    ran="" # engines whose check run finished
    for e in native qemu rvx; do
        if { [ $e = qemu ] && [ $have_qemu = 0 ]; } || { [ $e = rvx ] && [ $have_rvx = 0 ]; }; then
            line="$line	n/a"
            cpu="$cpu	-"
            continue
        fi
        r=$(check_run $e "$n")
        if [ "$r" != ok ]; then
            say "bench: $n under $e: $r (stderr in $DIR/out/$n.$e.err)"
            line="$line	$r"
            cpu="$cpu	-"
            status=FAIL
            bad=1
            continue
        fi
        ran="$ran $e"
        tc=$(time_runs $e "$n")
        [ -n "$tc" ] || { tc="fail -"; status=FAIL; bad=1; say "bench: $n under $e: a timed run failed"; }
        line="$line	${tc% *}"
        cpu="$cpu	${tc#* }"
    done
    # The three outputs must be identical.
    for e in qemu rvx; do
        f=$DIR/out/$n.$e.out
        case "$ran" in *native*) ;; *) continue ;; esac
        case "$ran" in *$e*) ;; *) continue ;; esac
        if ! cmp -s "$DIR/out/$n.native.out" "$f"; then
            say "################################################################"
            say "bench: OUTPUT MISMATCH in $n: $e differs from native"
            diff "$DIR/out/$n.native.out" "$f" | head -n 10 >&2
            say "################################################################"
            status=WRONG
            bad=1
        fi
    done
    insns=-
    [ $have_rvx = 1 ] && insns=$(rvx_stat 's/.*rvx: stats: guest instructions \([0-9]*\).*/\1/p')
    # Peak RSS (KB, from the check run) per engine, and rvx's code bytes.
    rss=""
    for e in native qemu rvx; do
        r=$(tail -n 1 "$DIR/out/$n.$e.rss" 2>/dev/null)
        case "$r" in ''|*[!0-9]*) r=- ;; esac
        rss="$rss	$r"
    done
    code=-
    [ $have_rvx = 1 ] && code=$(rvx_stat 's/.*rvx: jit: translations [0-9]*, code bytes \([0-9]*\).*/\1/p')
    line="$line	$insns	$status$cpu$rss	$code"
    echo "$line" | awk -F '\t' '{ printf "bench: %s: native %s s, qemu %s s, rvx %s s, %s\n", $1, $2, $3, $4, $6 }' >&2
    echo "$line" >> "$RES"
done

# ---- the tables
# results.tsv: name, wall native/qemu/rvx, insns, status, cpu native/qemu/rvx,
# peak RSS KB native/qemu/rvx, rvx code bytes.
# TABLE prints one table from the three time columns starting at field c.
# shellcheck disable=SC2016 # an awk program, not shell
TABLE='
function num(x) { return x ~ /^[0-9.]+$/ && x + 0 > 0 }
function ratio(a, b) { return (num(a) && num(b)) ? sprintf("%.2f", a / b) : "-" }
BEGIN {
    fmt = "| %-10s | %9s | %9s | %9s | %10s | %8s | %11s | %10s | %-6s |\n"
    printf fmt, "benchmark", "native s", "qemu s", "rvx s", "rvx/native", "rvx/qemu", "qemu/native", "rvx MIPS", "status"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------", "----------:", "----------:", "----------:", "-----------:", "---------:", "------------:", "-----------:", "--------"
}
{
    nat = $c; qem = $(c + 1); rv = $(c + 2)
    mips = (num(rv) && $5 ~ /^[0-9]+$/) ? sprintf("%.0f", $5 / rv / 1e6) : "-"
    printf fmt, $1, nat, qem, rv, ratio(rv, nat), ratio(rv, qem), ratio(qem, nat), mips, $6
    if ($6 != "ok") next
    if (num(nat) && num(rv)) { ln += log(rv / nat); nn++ }
    if (num(qem) && num(rv)) { lq += log(rv / qem); nq++ }
    if (num(nat) && num(qem)) { lqn += log(qem / nat); nqn++ }
    if (num(rv) && $5 ~ /^[0-9]+$/) { ins += $5; secs += rv }
}
END {
    gn = nn ? sprintf("%.2f", exp(ln / nn)) : "-"
    gq = nq ? sprintf("%.2f", exp(lq / nq)) : "-"
    gqn = nqn ? sprintf("%.2f", exp(lqn / nqn)) : "-"
    gm = secs > 0 ? sprintf("%.0f", ins / secs / 1e6) : "-"
    printf fmt, "geomean", "", "", "", gn, gq, gqn, gm, ""
}'
echo
echo "median wall time of $RUNS runs (s); ratios: lower is better"
awk -F '\t' -v c=2 "$TABLE" "$RES"
if [ "$TIMER" = hyperfine ]; then
    echo
    echo "CPU time, user+sys, mean of $RUNS runs (s): less disturbed by other load"
    awk -F '\t' -v c=7 "$TABLE" "$RES"
fi
echo
echo "peak RSS (KB, /usr/bin/time %M of the check run); goal: rvx <= qemu + rvx code"
# shellcheck disable=SC2016 # an awk program, not shell
awk -F '\t' '
function num(x) { return x ~ /^[0-9]+$/ }
BEGIN {
    fmt = "| %-10s | %9s | %9s | %9s | %12s | %8s | %-4s |\n"
    printf fmt, "benchmark", "native KB", "qemu KB", "rvx KB", "rvx code KB", "rvx/qemu", "goal"
    printf "|%s|%s|%s|%s|%s|%s|%s|\n", "------------", "----------:", "----------:", "----------:", "-------------:", "---------:", "------"
}
{
    code = num($13) ? sprintf("%.0f", $13 / 1024) : "-"
    r = (num($11) && num($12) && $11 > 0) ? sprintf("%.2f", $12 / $11) : "-"
    goal = (num($11) && num($12)) ? (($12 <= $11 + (num($13) ? $13 / 1024 : 0)) ? "met" : "over") : "-"
    printf fmt, $1, $10, $11, $12, code, r, goal
}' "$RES"

# ---- start-up: a static hello-world, many runs (BENCH_STARTUP_RUNS)
SRUNS=${BENCH_STARTUP_RUNS:-200}
if [ "$SRUNS" -gt 0 ] && [ "$TIMER" = hyperfine ]; then
    if ! $RVCC -static -O2 -o "$DIR/rv64/start-hello" bench/start/hello.c ||
        ! $HOSTCC $XSTATIC -O2 -o "$DIR/x86/start-hello" bench/start/hello.c; then
        say "bench: build of bench/start/hello.c failed"
        exit 2
    fi
    echo
    echo "start-up: mean of $SRUNS runs (hyperfine -N --warmup 10), wall and user+sys (ms);"
    echo "hello = bench/start/hello.c (puts, static), demo = demo/hello (prints,"
    echo "then about 26M instructions of work); goal: rvx hello < 3 ms"
    fmt="| %-7s | %-6s | %8s | %12s | %8s |\n"
    # shellcheck disable=SC2059
    printf "$fmt" program engine "wall ms" "user+sys ms" "peak KB"
    echo "|---------|--------|---------:|-------------:|---------:|"
    for p in hello demo; do
        for e in native qemu rvx; do
            { [ $e = qemu ] && [ $have_qemu = 0 ]; } || { [ $e = rvx ] && [ $have_rvx = 0 ]; } && continue
            if [ $p = hello ]; then
                case $e in native) cmd=$DIR/x86/start-hello ;; qemu) cmd="$QEMU $DIR/rv64/start-hello" ;;
                rvx) cmd="$RVX_RUN $RVX_FLAGS $DIR/rv64/start-hello" ;; esac
            else
                [ $e = native ] && continue
                case $e in qemu) cmd="$QEMU demo/hello" ;; rvx) cmd="$RVX_RUN $RVX_FLAGS demo/hello" ;; esac
            fi
            json=$DIR/out/start-$p.$e.json
            hyperfine -N --warmup 10 --runs "$SRUNS" --output=null --export-json "$json" "$cmd" \
                > "$DIR/out/start-$p.$e.hyperfine" 2>&1 || { say "bench: start-up $p under $e failed"; bad=1; continue; }
            kb=-
            if [ $have_time = 1 ]; then
                # shellcheck disable=SC2086
                kb=$(/usr/bin/time -f %M $cmd 2>&1 >/dev/null | tail -n 1)
            fi
            awk -F '[:,]' -v p=$p -v e=$e -v kb="$kb" -v fmt="$fmt" '
                /"(mean|user|system)":/ { k = $1; gsub(/[" ]/, "", k); if (!(k in v)) v[k] = $2 }
                END { printf fmt, p, e, sprintf("%.2f", v["mean"] * 1000),
                      sprintf("%.2f", (v["user"] + v["system"]) * 1000), kb }' "$json"
        done
    done
fi

echo
echo "geometric means over the benchmarks marked ok; rvx MIPS = guest"
echo "instructions (rvx --stats) / rvx time / 1e6, and on the geomean row"
echo "total instructions / total rvx time."
[ $bad = 0 ] || echo "bench: SOME BENCHMARKS FAILED OR DISAGREED (status column)"
exit $bad
