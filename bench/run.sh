#!/bin/sh
# bench/run.sh: rvx against qemu-riscv64 and native code.
# Builds each bench/<name>.c twice into $BENCH_DIR (riscv64 static, and
# x86-64), runs it natively, under qemu-riscv64 and under rvx, checks that
# the three outputs (stdout and exit status) are identical, and prints a
# table of median wall times, the ratios rvx/native and rvx/qemu (lower is
# better; rvx/qemu < 1 means rvx is faster than qemu), their geometric
# means, and rvx's guest instructions per second (from `rvx --stats`).
#
# Usage: bench/run.sh [name...]        names of bench/*.c without .c;
#                                      default: all of them
# Environment:
#   BENCH_RUNS     timed runs per benchmark and engine (default 3)
#   BENCH_TIMEOUT  seconds before one run is killed (default 120)
#   RVX            the rvx binary (default ./rvx)
#   QEMU           the qemu user-mode binary (default qemu-riscv64)
#   BENCH_DIR      build and output directory (default build/bench)
#   BENCH_TIMER    hyperfine (default when installed) or date
# Each benchmark first runs once per engine untimed (the output check, and
# rvx --stats for the instruction count), then BENCH_RUNS timed runs.
# Exit status: 0 when every run finished with matching output, else 1.
cd "$(dirname "$0")/.." || exit 2

RUNS=${BENCH_RUNS:-3}
TMO=${BENCH_TIMEOUT:-120}
RVX=${RVX:-./rvx}
QEMU=${QEMU:-qemu-riscv64}
DIR=${BENCH_DIR:-build/bench}
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
HOSTCC=${HOSTCC:-gcc}
# No FMA contraction: the FP benchmarks must round identically everywhere.
BFLAGS="-O2 -ffp-contract=off -Wall -Wextra"
TIMER=${BENCH_TIMER:-}
if [ -z "$TIMER" ]; then
    if command -v hyperfine >/dev/null 2>&1; then TIMER=hyperfine; else TIMER=date; fi
fi

say() { printf '%s\n' "$*" >&2; }

echo "reproduce: cd $(pwd) && BENCH_RUNS=$RUNS BENCH_TIMEOUT=$TMO RVX=$RVX QEMU=$QEMU bench/run.sh $*"

# ---- which benchmarks
if [ $# -gt 0 ]; then
    NAMES="$*"
    for n in $NAMES; do
        [ -f "bench/$n.c" ] || { say "bench/run.sh: no benchmark bench/$n.c"; exit 2; }
    done
else
    NAMES=$(for f in bench/*.c; do basename "$f" .c; done)
fi

# ---- which engines can run
have_qemu=1; have_rvx=1
command -v "$QEMU" >/dev/null 2>&1 || { have_qemu=0; say "bench: $QEMU not found, qemu column empty"; }
[ -x "$RVX" ] || { have_rvx=0; say "bench: $RVX not found or not executable, rvx column empty"; }
command -v "$RVCC" >/dev/null 2>&1 || { say "bench: $RVCC not found"; exit 2; }

# ---- build
mkdir -p "$DIR/rv64" "$DIR/x86" "$DIR/out" || exit 2
# Static x86 binaries when the host has a static libc, so start-up costs
# are alike on all three sides; dynamic otherwise.
XSTATIC=-static
echo 'int main(void){return 0;}' > "$DIR/out/probe.c"
$HOSTCC -static -o "$DIR/out/probe" "$DIR/out/probe.c" 2>/dev/null || XSTATIC=
build_one() {
    src=bench/$1.c
    if [ ! "$DIR/rv64/$1" -nt "$src" ] || [ ! "$DIR/rv64/$1" -nt bench/run.sh ]; then
        $RVCC -static $BFLAGS -o "$DIR/rv64/$1" "$src" -lm || return 1
    fi
    if [ ! "$DIR/x86/$1" -nt "$src" ] || [ ! "$DIR/x86/$1" -nt bench/run.sh ]; then
        $HOSTCC $XSTATIC $BFLAGS -o "$DIR/x86/$1" "$src" -lm || return 1
    fi
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
    rvx) echo "$RVX $DIR/rv64/$2" ;;
    esac
}

# One untimed run; stdout+status to out/<name>.<engine>.out, stderr to .err.
# Prints ok, timeout or fail(<status>).
check_run() {
    cmd=$(engine_cmd "$1" "$2")
    [ "$1" = rvx ] && cmd="$RVX --stats $DIR/rv64/$2"
    out=$DIR/out/$2.$1
    # shellcheck disable=SC2086
    timeout -k 5 "$TMO" $cmd > "$out.out" 2> "$out.err"
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

# BENCH_RUNS timed runs; prints the median wall time in seconds or nothing.
time_runs() {
    cmd="timeout -k 5 $TMO $(engine_cmd "$1" "$2")"
    if [ "$TIMER" = hyperfine ]; then
        json=$DIR/out/$2.$1.json
        hyperfine -N --runs "$RUNS" --output=null --export-json "$json" "$cmd" \
            > "$DIR/out/$2.$1.hyperfine" 2>&1 || return 1
        sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$json" | head -n 1 | awk '{ printf "%.4f\n", $1 }'
    else
        i=0
        while [ $i -lt "$RUNS" ]; do
            t0=$(date +%s.%N)
            # shellcheck disable=SC2086
            $cmd > /dev/null 2>&1 || return 1
            t1=$(date +%s.%N)
            awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
            i=$((i + 1))
        done | median
    fi
}

RES=$DIR/out/results.tsv
: > "$RES"
bad=0
for n in $NAMES; do
    status=ok
    line=$n
    ran="" # engines whose check run finished
    for e in native qemu rvx; do
        if { [ $e = qemu ] && [ $have_qemu = 0 ]; } || { [ $e = rvx ] && [ $have_rvx = 0 ]; }; then
            line="$line	n/a"
            continue
        fi
        r=$(check_run $e "$n")
        if [ "$r" != ok ]; then
            say "bench: $n under $e: $r (stderr in $DIR/out/$n.$e.err)"
            line="$line	$r"
            status=FAIL
            bad=1
            continue
        fi
        ran="$ran $e"
        t=$(time_runs $e "$n")
        [ -n "$t" ] || { t=fail; status=FAIL; bad=1; say "bench: $n under $e: a timed run failed"; }
        line="$line	$t"
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
    if [ $have_rvx = 1 ]; then
        insns=$(sed -n 's/.*rvx: stats: guest instructions \([0-9]*\).*/\1/p' "$DIR/out/$n.rvx.err" | tail -n 1)
        [ -n "$insns" ] || insns=-
    fi
    line="$line	$insns	$status"
    say "bench: $(echo "$line" | tr '\t' ' ')"
    echo "$line" >> "$RES"
done

# ---- the table
echo
echo "median wall time of $RUNS runs (s); ratios: lower is better"
awk -F '\t' '
function num(x) { return x ~ /^[0-9.]+$/ && x + 0 > 0 }
function ratio(a, b) { return (num(a) && num(b)) ? sprintf("%.2f", a / b) : "-" }
BEGIN {
    fmt = "| %-10s | %9s | %9s | %9s | %10s | %8s | %11s | %10s | %-6s |\n"
    printf fmt, "benchmark", "native s", "qemu s", "rvx s", "rvx/native", "rvx/qemu", "qemu/native", "rvx MIPS", "status"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------", "----------:", "----------:", "----------:", "-----------:", "---------:", "------------:", "-----------:", "--------"
}
{
    mips = (num($4) && $5 ~ /^[0-9]+$/) ? sprintf("%.0f", $5 / $4 / 1e6) : "-"
    printf fmt, $1, $2, $3, $4, ratio($4, $2), ratio($4, $3), ratio($3, $2), mips, $6
    if ($6 != "ok") next
    if (num($2) && num($4)) { ln += log($4 / $2); nn++ }
    if (num($3) && num($4)) { lq += log($4 / $3); nq++ }
    if (num($2) && num($3)) { lqn += log($3 / $2); nqn++ }
    if (num($4) && $5 ~ /^[0-9]+$/) { ins += $5; secs += $4 }
}
END {
    gn = nn ? sprintf("%.2f", exp(ln / nn)) : "-"
    gq = nq ? sprintf("%.2f", exp(lq / nq)) : "-"
    gqn = nqn ? sprintf("%.2f", exp(lqn / nqn)) : "-"
    gm = secs > 0 ? sprintf("%.0f", ins / secs / 1e6) : "-"
    printf fmt, "geomean", "", "", "", gn, gq, gqn, gm, ""
    print ""
    print "geometric means over the benchmarks marked ok; rvx MIPS = guest"
    print "instructions (rvx --stats) / rvx median time / 1e6; the geomean row"
    print "gives total instructions / total rvx time."
}' "$RES"
[ $bad = 0 ] || echo "bench: SOME BENCHMARKS FAILED OR DISAGREED (status column)"
exit $bad
