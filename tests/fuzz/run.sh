#!/bin/sh
# run.sh - runs the libFuzzer targets at once, each for SECONDS, and prints
# their figures (executions, corpus, coverage) and any crash.
# usage: tests/fuzz/run.sh BUILD SECONDS TARGET...   (from the top of the
# repository; make fuzz calls it)
set -u
build=${1:?usage: run.sh BUILD SECONDS TARGET...}
secs=${2:?usage: run.sh BUILD SECONDS TARGET...}
shift 2
mkdir -p "$build/crashes"
pids=""
for t in "$@"; do
    mkdir -p "$build/corpus/$t" "tests/fuzz/regressions/$t"
    "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=60 -rss_limit_mb=2048 \
        -max_len=65536 -dict="$build/fuzz-seeds/$t.dict" -print_final_stats=1 \
        -artifact_prefix="$build/crashes/$t-" \
        "$build/corpus/$t" "$build/fuzz-seeds/$t" "tests/fuzz/regressions/$t" \
        >"$build/fuzz_$t.log" 2>&1 &
    pids="$pids $!"
done
status=0
set -- "$@"
for pid in $pids; do
    wait "$pid" || status=1
done
for t in "$@"; do
    echo "== fuzz_$t ($secs s): $build/fuzz_$t.log"
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
        "$build/fuzz_$t.log"
    grep -E '^#[0-9]+ *(DONE|pulse)' "$build/fuzz_$t.log" | tail -1
    grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written' "$build/fuzz_$t.log" | head -5
done
ls "$build/crashes" | grep -q . && { echo "fuzz: crashers in $build/crashes/"; status=1; }
exit $status
