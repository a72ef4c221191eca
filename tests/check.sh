#!/bin/sh
# Runs every test suite (tests/*/run.sh) and prints one summary line,
# "N passed, N failed"; exits non-zero when anything failed.
# Each suite prints one line per test: "PASS <name>" or "FAIL <name>: why".
# Environment: RVX (the rvx binary, default ./rvx), BUILD (build dir),
# CHECK_SUITES (the run.sh files to run, default all), RVX_CHECK_ASAN=0
# (skip tests/asan, the whole suite again under ASan: quicker),
# CHECK_SUITE_TIMEOUT (seconds one suite may take, default 1500).
cd "$(dirname "$0")/.." || exit 2
export RVX="${RVX:-./rvx}" BUILD="${BUILD:-build/rel}"
tests/deps.sh || exit 2
log=$(mktemp)
limit=${CHECK_SUITE_TIMEOUT:-1500}
for suite in ${CHECK_SUITES:-tests/*/run.sh}; do
    echo "== $suite"
    # A hung suite must still end in a FAIL line and the summary.
    { timeout "$limit" sh "$suite" 2>&1; st=$?
      [ $st -eq 124 ] && echo "FAIL $suite: still running after $limit s, stopped"; } |
        tee -a "$log"
done
pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
if [ "$fail" -ne 0 ]; then
    echo "failed tests:"
    grep '^FAIL' "$log"
fi
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
