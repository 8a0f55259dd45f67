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

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
