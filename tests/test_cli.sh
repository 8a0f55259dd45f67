#!/bin/sh
# test_cli.sh - the command line: exit codes, help, messages, determinism.
# usage: tests/test_cli.sh BEATSIM
bs=${1:-bin/beatsim}
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# expect CODE STDERR_SUBSTRING -- ARGS...: runs beatsim ARGS, checks the exit
# code and that stderr contains the substring (empty: stderr must be empty).
expect() {
    code=$1 msg=$2
    shift 3
    "$bs" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$code" ]; then
        echo "FAIL: beatsim $*: exit $got, expected $code"; fail=$((fail + 1)); return
    fi
    if [ -z "$msg" ]; then
        if [ -s "$tmp/err" ]; then
            echo "FAIL: beatsim $*: unexpected stderr: $(cat "$tmp/err")"; fail=$((fail + 1)); return
        fi
    elif ! grep -qF -- "$msg" "$tmp/err"; then
        echo "FAIL: beatsim $*: stderr lacks '$msg': $(cat "$tmp/err")"; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}

expect 0 "" -- --help
grep -q "^usage: beatsim COMMAND" "$tmp/out" || { echo "FAIL: --help text"; fail=$((fail + 1)); }
expect 0 "" -- --version
grep -q "^beatsim [0-9]" "$tmp/out" || { echo "FAIL: --version text"; fail=$((fail + 1)); }
expect 0 "" -- help mmc
expect 0 "" -- mmc --help
expect 2 "usage: beatsim COMMAND" --
expect 2 "beatsim: unknown command 'frobnicate'" -- frobnicate
expect 2 "beatsim: help: unknown command 'nope'" -- help nope
expect 2 "beatsim: mmc: unknown option '--bogus'" -- mmc --bogus
expect 2 "beatsim: --servers: expected a whole number from 1 to 100000, found 'x'" -- mmc --servers x
expect 2 "beatsim: --servers: expected a whole number from 1 to 100000, found '0'" -- mmc --servers 0
expect 2 "beatsim: --rho: expected a number > 0 and < 1, found '1.5'" -- mmc --rho 1.5
expect 2 "beatsim: --reps: expected a value after it, found nothing" -- mmc --reps
expect 2 "beatsim: --reps: expected a whole number from 2 to 1000000, found '-3'" -- mmc --reps -3

# a small run succeeds, prints the table, and is byte-identical when repeated
expect 0 "" -- mmc --servers 3 --rho 0.7 --reps 3 --length-min 20000 --seed 5
cp "$tmp/out" "$tmp/first"
grep -q "^wait_mean_min" "$tmp/first" || { echo "FAIL: mmc table lacks wait_mean_min"; fail=$((fail + 1)); }
expect 0 "" -- mmc --servers 3 --rho 0.7 --reps 3 --length-min 20000 --seed 5
cmp -s "$tmp/out" "$tmp/first" || { echo "FAIL: mmc output differs between identical runs"; fail=$((fail + 1)); }
expect 0 "" -- mmc --servers 3 --rho 0.7 --reps 3 --length-min 20000 --seed 6
cmp -s "$tmp/out" "$tmp/first" && { echo "FAIL: mmc output ignores --seed"; fail=$((fail + 1)); }

# ---- beatsim run -------------------------------------------------------------
expect 0 "" -- help run
expect 0 "" -- run --help
grep -q "^usage: beatsim run" "$tmp/out" || { echo "FAIL: run --help text"; fail=$((fail + 1)); }
expect 2 "beatsim: run: unknown option '--bogus'" -- run --bogus
expect 2 "beatsim: --reps: expected a whole number from 1 to 1000000, found '0'" -- run --reps 0
expect 2 "beatsim: --days: expected a number > 0" -- run --days -1
expect 2 "beatsim: run: expected one scenario file, found a second: 'b.cfg'" -- run a.cfg b.cfg
expect 2 "$tmp/none.cfg: cannot read the file" -- run "$tmp/none.cfg"
printf 'run = { days = -1.0; dayz = 3; };\n' >"$tmp/bad.cfg"
expect 2 "$tmp/bad.cfg:1: run.days: expected a number > 0" -- run "$tmp/bad.cfg" --out "$tmp/never"
grep -qF "$tmp/bad.cfg:1: run.dayz: unknown setting (did you mean days?)" "$tmp/err" \
    || { echo "FAIL: run reports only the first error"; fail=$((fail + 1)); }
[ -e "$tmp/never" ] && { echo "FAIL: bad scenario left a results folder"; fail=$((fail + 1)); }

# a short run writes a whole results folder, refuses to overwrite it without
# --force, and reproduces byte for byte
small="scenarios/validation/mmc.cfg --days 3 --reps 2 --seed 9 --quiet"
expect 0 "" -- run $small --out "$tmp/res"
for f in summary.csv replications.csv by_hour.csv by_beat.csv manifest; do
    [ -s "$tmp/res/$f" ] || { echo "FAIL: run did not write $f"; fail=$((fail + 1)); }
done
head -1 "$tmp/res/summary.csv" | grep -qx "variant,metric,mean,sd,ci95_low,ci95_high,n" \
    || { echo "FAIL: summary.csv header"; fail=$((fail + 1)); }
grep -q "^response time, mean" "$tmp/out" || { echo "FAIL: run summary table"; fail=$((fail + 1)); }
ls "$tmp" | grep -q '\.tmp\.' && { echo "FAIL: temporary folder left behind"; fail=$((fail + 1)); }
expect 2 "results folder exists; use --force" -- run $small --out "$tmp/res"
cp "$tmp/res/replications.csv" "$tmp/first.csv"
expect 0 "" -- run $small --out "$tmp/res" --force
cmp -s "$tmp/res/replications.csv" "$tmp/first.csv" \
    || { echo "FAIL: run output differs between identical runs"; fail=$((fail + 1)); }
expect 0 "" -- run scenarios/validation/mmc.cfg --days 3 --reps 2 --seed 10 --quiet --out "$tmp/res" --force
cmp -s "$tmp/res/replications.csv" "$tmp/first.csv" \
    && { echo "FAIL: run output ignores --seed"; fail=$((fail + 1)); }

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
