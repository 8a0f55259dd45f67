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

# beatsim staff and analytic: the M/M/10 scenario needs 11 officers for
# P(wait) <= 0.5 (Erlang C 0.41 at 11, 0.67 at 10); the plan reruns as
# is; the same bytes on 1 and 2 threads; bad targets are refused.
expect 0 "" -- help staff
expect 0 "" -- analytic --help
expect 2 "beatsim: --targets: target 1: expected a target MEASURE=VALUE[@block|@station] with MEASURE one of pNN_pK (NN 1..99, K 1..3), mean_pK, pwait, util, gap, found \"speed\"" -- staff scenarios/validation/mmc.cfg --targets speed=3
expect 2 "beatsim: --targets: target 1: expected a share > 0 and < 1 for pwait (no number of officers makes waiting impossible), found 1" -- staff scenarios/validation/mmc.cfg --targets pwait=1
expect 2 "staffing.targets: expected at least one target (in the scenario or --targets), found none" -- staff scenarios/validation/mmc.cfg --out "$tmp/st0"
# staff_twice NAME ARGS...: beatsim staff ARGS on 1 and 2 threads into
# $tmp/NAME1 and $tmp/NAME2, each to succeed; same_files NAME FILES...: the
# two folders' FILES byte-identical.
staff_twice() {
    name=$1
    shift
    for j in 1 2; do
        "$bs" staff "$@" --out "$tmp/$name$j" --jobs $j --quiet >"$tmp/$name$j.txt" 2>&1
        [ $? -eq 0 ] && pass=$((pass + 1)) || { echo "FAIL: staff $* --jobs $j: $(cat "$tmp/$name$j.txt")"; fail=$((fail + 1)); }
    done
}
same_files() {
    name=$1
    shift
    for f in "$@"; do
        cmp -s "$tmp/${name}1/$f" "$tmp/${name}2/$f" && pass=$((pass + 1)) || { echo "FAIL: staff ($name) $f differs between 1 and 2 threads"; fail=$((fail + 1)); }
    done
}
staff_twice staff scenarios/validation/mmc.cfg --set run.days=60 --set "staffing.blocks_h=[0]" --reps 4 --targets pwait=0.5
if grep -q '^S1,all,0,24,10,11,11,1$' "$tmp/staff1/staffing.csv"; then pass=$((pass + 1)); else
    echo "FAIL: staff: expected 11 officers (Erlang C) in staffing.csv:"; cat "$tmp/staff1/staffing.csv"; fail=$((fail + 1)); fi
same_files staff staffing.csv targets.csv analytic.csv plan.cfg
expect 0 "" -- run "$tmp/staff1/plan.cfg" --days 5 --no-plots --quiet --out "$tmp/staffrun"
# budget mode: 60 officers at 40 h a week less absences are 12 on duty
# in the one block, all of them in the plan (Erlang C's wait falls with
# every one); the same bytes on 1 and 2 threads; bad budgets are refused,
# a budget that cannot keep up says so (exit 3, the folder written).
staff_twice budget scenarios/validation/mmc.cfg --set run.days=60 --set "staffing.blocks_h=[0]" --reps 4 --budget 60
if grep -q '^S1,all,0,24,168,3024,10,12,12,' "$tmp/budget1/budget.csv"; then pass=$((pass + 1)); else
    echo "FAIL: staff --budget: expected 12 officers in budget.csv:"; cat "$tmp/budget1/budget.csv"; fail=$((fail + 1)); fi
same_files budget budget.csv staffing.csv analytic.csv plan.cfg
expect 2 "beatsim: --budget: expected a headcount from 1 to 10000000, +N or -N officers more or fewer than today's, or 'today', found '0'" -- staff scenarios/validation/mmc.cfg --budget 0
expect 2 "beatsim: --budget: expected a headcount from 1 to 10000000, +N or -N officers more or fewer than today's, or 'today', found '+1.5'" -- staff scenarios/validation/mmc.cfg --budget +1.5
expect 2 "scenarios/validation/mmc.cfg: staffing.budget: expected at least 5 officers (staffing.min_on_duty = 1 on duty in 1 station at every hour is 168 officer-hours a week, at 34.91 h a week each after absences), found 4" -- staff scenarios/validation/mmc.cfg --budget 4 --out "$tmp/b0"
expect 3 "beatsim: staff: scenarios/validation/mmc.cfg: a budget of 12 officers cannot keep up with the calls (the simulation's backlog outgrew every plan tried); raise the budget" -- staff scenarios/validation/mmc.cfg --set run.days=30 --set "staffing.blocks_h=[0]" --reps 2 --budget +2 --out "$tmp/b1" --quiet
[ -f "$tmp/b1/budget.csv" ] && pass=$((pass + 1)) || { echo "FAIL: staff --budget too small: no budget.csv"; fail=$((fail + 1)); }
expect 0 "" -- analytic scenarios/validation/mmc.cfg --no-sim
grep -q '^station,day,start_h,end_h,car_calls_per_h,planned_on_duty,units,' "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: analytic header"; fail=$((fail + 1)); }
# A sensitivity analysis end to end: with the calls the same at every
# design point (common random numbers, no prevention) the factors have no
# effect on the calls (mu* exactly 0); the dispatch delay none on the
# officers; the delay adds to every priority-1 response one for one, so
# its effect over its 3-minute range is about 3 minutes (3.08 here; the
# queue adds a little); the same bytes on 1 and 2 threads and from
# resolved.cfg.
cat > "$tmp/sa.cfg" <<'EOF2'
run = { days = 10.0; warmup_days = 1.0; reps = 2; };
city = { synthetic = { residents = 100000.0; stations = 2; }; };
prevention = { enabled = false; };
sensitivity = {
  method = "morris";
  samples = 4;
  factors = (
    { setting = "dispatch.delay_min"; min = 1.0; max = 4.0; },
    { setting = "officers.[0].per"; min = 2000.0; max = 6000.0; distribution = "loguniform"; whole = true; }
  );
  outputs = [ "incidents_count", "officers_count", "response_p1_mean_min" ];
};
EOF2
for j in 1 2; do
    expect 0 "" -- run "$tmp/sa.cfg" --jobs $j --no-plots --quiet --out "$tmp/sa$j"
done
for f in sensitivity.csv sensitivity_points.csv; do
    cmp -s "$tmp/sa1/$f" "$tmp/sa2/$f" && pass=$((pass + 1)) || { echo "FAIL: sensitivity $f differs between 1 and 2 threads"; fail=$((fail + 1)); }
done
expect 0 "" -- run "$tmp/sa1/resolved.cfg" --no-plots --quiet --out "$tmp/sa3"
cmp -s "$tmp/sa1/sensitivity.csv" "$tmp/sa3/sensitivity.csv" && pass=$((pass + 1)) || { echo "FAIL: sensitivity.csv differs when rerun from resolved.cfg"; fail=$((fail + 1)); }
sa_check() { # OUTPUT SETTING INDEX AWK-CONDITION-ON-$5
    if awk -F, -v o="$1" -v s="\"$2\"" -v i="$3" '$2 == o && $3 == s && $4 == i { found = 1; if (!('"$4"')) bad = 1 } END { exit !(found && !bad) }' "$tmp/sa1/sensitivity.csv"; then
        pass=$((pass + 1))
    else
        echo "FAIL: sensitivity.csv: $1 / $2 / $3 not $4:"; cat "$tmp/sa1/sensitivity.csv"; fail=$((fail + 1))
    fi
}
sa_check incidents_count dispatch.delay_min mu_star '$5 == 0'
sa_check incidents_count "officers.[0].per" mu_star '$5 == 0'
sa_check officers_count dispatch.delay_min mu_star '$5 == 0'
sa_check officers_count "officers.[0].per" mu_star '$5 > 10'
sa_check response_p1_mean_min dispatch.delay_min mu '$5 > 2.8 && $5 < 3.6'
# with compare each point runs again with the delay at 5 minutes: the
# difference of priority 1's response then falls by the delay's effect
# (mu -3.08 over its range), the calls' difference is 0 everywhere, and
# resolved.cfg keeps the comparison
sed 's/^  outputs = .*$/  outputs = [ "incidents_count", "response_p1_mean_min" ];\n  compare = [ "dispatch.delay_min=5" ];/' "$tmp/sa.cfg" > "$tmp/sacmp.cfg"
expect 0 "" -- run "$tmp/sacmp.cfg" --no-plots --quiet --out "$tmp/sac"
sa_cmp() {
    awk -F, -v o="$1" -v s="\"$2\"" -v i="$3" '$2 == o && $3 == s && $4 == i { found = 1; if (!('"$4"')) bad = 1 } END { exit !(found && !bad) }' "$tmp/sac/sensitivity.csv" \
        && pass=$((pass + 1)) || { echo "FAIL: compare: $1 / $2 / $3 not $4:"; cat "$tmp/sac/sensitivity.csv"; fail=$((fail + 1)); }
}
sa_cmp incidents_count_difference dispatch.delay_min mu_star '$5 == 0'
sa_cmp response_p1_mean_min_difference dispatch.delay_min mu '$5 < -2.8 && $5 > -3.6'
[ "$(wc -l < "$tmp/sac/sensitivity_points.csv")" -eq 13 ] && grep -q '^"point 01",1,6000,.*,0,' "$tmp/sac/sensitivity_points.csv" \
    && pass=$((pass + 1)) || { echo "FAIL: compare: sensitivity_points.csv"; cat "$tmp/sac/sensitivity_points.csv"; fail=$((fail + 1)); }
expect 0 "" -- check "$tmp/sacmp.cfg"
grep -Eq ': ok: 24 variants x 2 replications; 2 stations, [0-9]+ beats; officers: [0-9]+ to [0-9]+( \+ [0-9]+ auxiliary)? over the 24 variants$' "$tmp/out" \
    && pass=$((pass + 1)) || { echo "FAIL: check of 24 variants: $(cat "$tmp/out")"; fail=$((fail + 1)); }
expect 0 "" -- run "$tmp/sac/resolved.cfg" --no-plots --quiet --out "$tmp/sac2"
cmp -s "$tmp/sac/sensitivity.csv" "$tmp/sac2/sensitivity.csv" && pass=$((pass + 1)) || { echo "FAIL: compare: resolved.cfg reruns differently"; fail=$((fail + 1)); }
head -1 "$tmp/sa1/sensitivity_points.csv" | grep -q '^variant,"dispatch.delay_min","officers.\[0\].per",incidents_count,officers_count,response_p1_mean_min$' && pass=$((pass + 1)) || { echo "FAIL: sensitivity_points.csv header"; fail=$((fail + 1)); }
[ "$(wc -l < "$tmp/sa1/sensitivity_points.csv")" -eq 13 ] && pass=$((pass + 1)) || { echo "FAIL: sensitivity_points.csv: expected 12 points"; fail=$((fail + 1)); }

# analytic --causes: a row a step, the same bytes on 1 and 2 threads;
# run --causes writes causes.csv and the report's table
expect 2 "beatsim: analytic: --causes: expected a simulation, found --no-sim too" -- analytic scenarios/validation/mmc.cfg --causes --no-sim
expect 0 "" -- analytic scenarios/validation/mmc.cfg --causes --set run.days=20 --reps 2 --jobs 1 --quiet
cp "$tmp/out" "$tmp/causes1"
[ "$(wc -l <"$tmp/causes1")" -eq 11 ] && head -1 "$tmp/causes1" | grep -q '^step,off,cells,unstable_cells,car_calls_week,overloaded,p_wait_sim,' && tail -1 "$tmp/causes1" | grep -q '^9,service,6,0,' \
    && pass=$((pass + 1)) || { echo "FAIL: analytic --causes table: $(cat "$tmp/causes1")"; fail=$((fail + 1)); }
expect 0 "" -- analytic scenarios/validation/mmc.cfg --causes --set run.days=20 --reps 2 --jobs 2 --quiet
cmp -s "$tmp/out" "$tmp/causes1" && pass=$((pass + 1)) || { echo "FAIL: analytic --causes differs between 1 and 2 threads"; fail=$((fail + 1)); }
expect 2 "beatsim: analytic: --causes: expected one of --causes and --hypercube, found both" -- analytic scenarios/validation/mmc.cfg --causes --hypercube
expect 2 "beatsim: analytic: --max-units: expected --hypercube with it, found none" -- analytic scenarios/validation/mmc.cfg --max-units 4
expect 2 "beatsim: --max-units: expected a whole number from 1 to 16, found '17'" -- analytic scenarios/validation/mmc.cfg --hypercube --max-units 17
expect 0 "" -- analytic scenarios/validation/mmc.cfg --hypercube --no-sim
head -1 "$tmp/out" | grep -q '^station,day,start_h,end_h,status,units,beat_units,car_calls_per_h,p_wait,cross_share,own_beat_share,' && grep -q '^S1,all,0,4,solved,10,0,18,0.668732,0,,0.9,0.9,0.9,$' "$tmp/out" \
    && pass=$((pass + 1)) || { echo "FAIL: analytic --hypercube: $(cat "$tmp/out")"; fail=$((fail + 1)); }
expect 0 "" -- analytic scenarios/validation/mmc.cfg --hypercube --max-units 9 --no-sim
grep -q '^S1,all,0,4,too_many,10,0,18,,,,,,,$' "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: analytic --hypercube --max-units: $(cat "$tmp/out")"; fail=$((fail + 1)); }
expect 0 "" -- run scenarios/validation/mmc.cfg --hypercube --days 20 --no-plots --quiet --out "$tmp/rh"
grep -q '^S1,all,0,4,solved,10,0,18,0.668732,0,,0.9,0.9,0.9,,' "$tmp/rh/hypercube.csv" && grep -q "Larson's hypercube model of each station" "$tmp/rh/report.html" && grep -q "^file hypercube.csv" "$tmp/rh/manifest" \
    && pass=$((pass + 1)) || { echo "FAIL: run --hypercube: hypercube.csv or its table"; fail=$((fail + 1)); }
expect 0 "" -- run scenarios/validation/mmc.cfg --causes --days 20 --set staffing.reps=2 --no-plots --quiet --out "$tmp/rc"
cmp -s "$tmp/rc/causes.csv" "$tmp/causes1" && grep -q "Why the two differ" "$tmp/rc/report.html" && grep -q "^file causes.csv" "$tmp/rc/manifest" \
    && pass=$((pass + 1)) || { echo "FAIL: run --causes: causes.csv or its table"; fail=$((fail + 1)); }

# errors writing standard output are reported (exit 1), a closed pipe is not
if [ -w /dev/full ]; then
    "$bs" --help >/dev/full 2>"$tmp/err"; got=$?
    [ $got -eq 1 ] && grep -qx "beatsim: standard output: No space left on device" "$tmp/err" \
        && pass=$((pass + 1)) || { echo "FAIL: --help >/dev/full: exit $got, $(cat "$tmp/err")"; fail=$((fail + 1)); }
    "$bs" run scenarios/validation/mmc.cfg --days 1 --no-plots --quiet --out "$tmp/full" >/dev/full 2>"$tmp/err"; got=$?
    [ $got -eq 1 ] && grep -qx "beatsim: standard output: No space left on device" "$tmp/err" && [ -f "$tmp/full/summary.csv" ] \
        && pass=$((pass + 1)) || { echo "FAIL: run >/dev/full: exit $got, $(cat "$tmp/err")"; fail=$((fail + 1)); }
fi
"$bs" --help 2>"$tmp/err" | head -1 >/dev/null
[ -s "$tmp/err" ] && { echo "FAIL: a closed pipe gave a message: $(cat "$tmp/err")"; fail=$((fail + 1)); }

# numbers on the command line: decimal only, the ranges the messages give
expect 2 "beatsim: --days: expected a number > 0 and <= 100000, found '0x10'" -- run --days 0x10
expect 2 "beatsim: --days: expected a number > 0 and <= 100000, found ' 5'" -- run --days ' 5'
expect 2 "beatsim: --days: expected a number > 0 and <= 100000, found '100000.5'" -- run --days 100000.5
expect 0 "" -- check scenarios/default.cfg --set run.days=100000
expect 2 "beatsim: --seed: expected a whole number from 0 to 9223372036854775807, found '0x10'" -- run --seed 0x10
expect 2 "beatsim: --reps: expected a whole number from 1 to 1000000, found ' 5'" -- run --reps ' 5'
expect 2 "beatsim: mmc: --warmup-min and --length-min: expected at most 1e+09 customers" -- mmc --length-min 1e300
# text the user gave is shown on one line, cut, without control characters
tab=$(printf '\t') esc=$(printf '\033') nl='
'
expect 2 "--set: run.days: expected a value in scenario-file syntax (e.g. 3000, 0.5, \"text\", true, [1.0, 2.0]), found 1?;2" -- check scenarios/default.cfg --set "run.days=1$tab;2"
expect 2 "--set: run.d?[31mays: expected a name" -- check scenarios/default.cfg --set "run.d$esc[31mays=3"
expect 2 "beatsim: --set: expected PATH=VALUE, found 'run.days?3'" -- check scenarios/default.cfg --set "run.days${nl}3"
expect 2 "beatsim: run: unknown option '--x?[2J'" -- run "--x$esc[2J"
long=$(awk 'BEGIN { for (i = 0; i < 60000; i++) printf "x" }')
expect 2 "found xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." -- check scenarios/default.cfg --set "run.days=$long"
for f in "$tmp/err"; do
    if [ "$(wc -l <"$f")" -ne 1 ] || [ "$(wc -c <"$f")" -gt 400 ] || grep -q "$esc" "$f"; then
        echo "FAIL: a long value is not cut: $(wc -c <"$f") bytes"; fail=$((fail + 1))
    fi
done

# ---- beatsim run -------------------------------------------------------------
expect 0 "" -- help run
expect 0 "" -- help plot
expect 0 "" -- help check
expect 2 "beatsim: plot: expected a results folder, found nothing" -- plot
expect 2 "beatsim: plot: unknown option '--bogus'" -- plot --bogus
expect 0 "" -- run --help
grep -q "^usage: beatsim run" "$tmp/out" || { echo "FAIL: run --help text"; fail=$((fail + 1)); }
# an overloaded city stops with a message (not a queue growing without
# bound), exit 2, no results
expect 2 "overloaded: " -- run --quiet --no-plots --out "$tmp/over" --days 60 \
    --set 'incidents.types.[4].rate_per_1000_year=3000' --set 'officers.[0].per=1e9' \
    --set 'officers.[2].per=1e9'
[ -e "$tmp/over" ] && { echo "FAIL: an overloaded run left results"; fail=$((fail + 1)); }
expect 2 "beatsim: run: unknown option '--bogus'" -- run --bogus
expect 2 "beatsim: --reps: expected a whole number from 1 to 1000000, found '0'" -- run --reps 0
expect 2 "beatsim: --days: expected a number > 0 and <= 100000, found '-1'" -- run --days -1
expect 2 "beatsim: run: expected one scenario file, found a second: 'b.cfg'" -- run a.cfg b.cfg
expect 2 "$tmp/none.cfg: cannot read the file" -- run "$tmp/none.cfg"
# a folder as the scenario file: the reason is given
expect 2 "$tmp: cannot read the file: Is a directory" -- check "$tmp"
# a 2 MB line (libconfig's scanner takes seconds on it, quadratic in the
# token) is refused at once; a 20 MB file too
awk 'BEGIN { printf "name = \""; for (i = 0; i < 32768; i++) printf "%s", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "\";" }' >"$tmp/long.cfg"
expect 2 "$tmp/long.cfg:1: expected lines of at most 65536 characters, found 2097162" -- check "$tmp/long.cfg"
awk 'BEGIN { for (i = 0; i < 330000; i++) print "# xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }' >"$tmp/huge.cfg"
expect 2 "$tmp/huge.cfg: expected a scenario file of at most 16777216 bytes, found more" -- check "$tmp/huge.cfg"
rm -f "$tmp/long.cfg" "$tmp/huge.cfg"
printf 'run = { days = -1.0; dayz = 3; };\n' >"$tmp/bad.cfg"
expect 2 "$tmp/bad.cfg:1: run.days: expected a number > 0" -- run "$tmp/bad.cfg" --out "$tmp/never"
grep -qF "$tmp/bad.cfg:1: run.dayz: unknown setting (did you mean days?)" "$tmp/err" \
    || { echo "FAIL: run reports only the first error"; fail=$((fail + 1)); }
[ -e "$tmp/never" ] && { echo "FAIL: bad scenario left a results folder"; fail=$((fail + 1)); }

# a short run writes a whole results folder, refuses to overwrite it without
# --force, and reproduces byte for byte
small="scenarios/validation/mmc.cfg --days 3 --reps 2 --seed 9 --quiet"
expect 0 "" -- run --no-plots $small --out "$tmp/res"
for f in summary.csv replications.csv by_hour.csv by_beat.csv by_officer.csv manifest; do
    [ -s "$tmp/res/$f" ] || { echo "FAIL: run did not write $f"; fail=$((fail + 1)); }
done
head -1 "$tmp/res/summary.csv" | grep -qx "variant,metric,mean,sd,ci95_low,ci95_high,n" \
    || { echo "FAIL: summary.csv header"; fail=$((fail + 1)); }
grep -q "^response time, mean" "$tmp/out" || { echo "FAIL: run summary table"; fail=$((fail + 1)); }
ls "$tmp" | grep -q '\.tmp\.' && { echo "FAIL: temporary folder left behind"; fail=$((fail + 1)); }
expect 2 "results folder exists; use --force" -- run $small --out "$tmp/res"
cp "$tmp/res/replications.csv" "$tmp/first.csv"
expect 0 "" -- run --no-plots $small --out "$tmp/res" --force
cmp -s "$tmp/res/replications.csv" "$tmp/first.csv" \
    || { echo "FAIL: run output differs between identical runs"; fail=$((fail + 1)); }
expect 0 "" -- run --no-plots scenarios/validation/mmc.cfg --days 3 --reps 2 --seed 10 --quiet --out "$tmp/res" --force
cmp -s "$tmp/res/replications.csv" "$tmp/first.csv" \
    && { echo "FAIL: run output ignores --seed"; fail=$((fail + 1)); }

# Ctrl-C and SIGTERM stop a replication in progress (a warm-up of 100 years
# takes about a minute): exit 130 within seconds, no results, the message
# of a stop during the runs.
for sig in INT TERM; do
    "$bs" run --set run.warmup_days=36500 --days 1 --no-plots --quiet --jobs 1 \
        --out "$tmp/stopped" >/dev/null 2>"$tmp/stop.err" &
    pid=$!
    sleep 1
    kill -$sig $pid
    n=0
    while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    if kill -0 $pid 2>/dev/null; then
        echo "FAIL: SIG$sig did not stop a replication within 10 s"; fail=$((fail + 1))
        kill -KILL $pid
        wait $pid
    else
        wait $pid
        got=$?
        if [ $got -eq 130 ] && grep -qx "beatsim: run: interrupted after 0 of 1 runs; no results written" "$tmp/stop.err" &&
            ! [ -e "$tmp/stopped" ]; then
            pass=$((pass + 1))
        else
            echo "FAIL: SIG$sig: exit $got, $(cat "$tmp/stop.err")"; fail=$((fail + 1))
        fi
    fi
done

# ---- experiments: variants, --jobs, resolved.cfg ----------------------------
# (runs here skip the figures; tests/test_report.sh checks them and the
# page in a browser)
cat >"$tmp/exp.cfg" <<'CFG'
name = "exp";
run = { days = 4.0; warmup_days = 1.0; reps = 3; };
variants = ( { name = "base"; },
             { name = "preempt"; set = [ "dispatch.preempt = true" ]; } );
sweep = { setting = "officers.[0].per"; values = [ 5000.0, 3000.0 ]; };
CFG
expect 0 "" -- run --no-plots "$tmp/exp.cfg" --jobs 1 --quiet --out "$tmp/e1"
grep -q "^response time, mean" "$tmp/out" || { echo "FAIL: experiment summary"; fail=$((fail + 1)); }
expect 0 "" -- run --no-plots "$tmp/exp.cfg" --jobs 2 --quiet --out "$tmp/e2"
for f in summary.csv differences.csv replications.csv by_hour.csv by_beat.csv by_officer.csv daily.csv resolved.cfg; do
    cmp -s "$tmp/e1/$f" "$tmp/e2/$f" || { echo "FAIL: $f differs between --jobs 1 and 2"; fail=$((fail + 1)); }
done
# four variants (2 x 2 sweep values), differences against the baseline only
n=$(cut -d, -f1 "$tmp/e1/summary.csv" | sort -u | grep -c '"')
[ "$n" -eq 4 ] || { echo "FAIL: expected 4 variants in summary.csv, found $n"; fail=$((fail + 1)); }
grep -q '^"preempt/officers.\[0\].per=3000","base/officers.\[0\].per=5000",response_mean_min,' \
    "$tmp/e1/differences.csv" || { echo "FAIL: differences.csv rows"; fail=$((fail + 1)); }
# the resolved file reruns to the same results
expect 0 "" -- run --no-plots "$tmp/e1/resolved.cfg" --jobs 2 --quiet --out "$tmp/e3"
for f in summary.csv differences.csv replications.csv daily.csv; do
    cmp -s "$tmp/e1/$f" "$tmp/e3/$f" || { echo "FAIL: resolved.cfg rerun: $f differs"; fail=$((fail + 1)); }
done
# (its first line names the file it was resolved from)
tail -n +2 "$tmp/e3/resolved.cfg" >"$tmp/e3.body"
tail -n +2 "$tmp/e1/resolved.cfg" | cmp -s - "$tmp/e3.body" \
    || { echo "FAIL: resolved.cfg does not resolve to itself"; fail=$((fail + 1)); }
grep -q "^scenario_hash " "$tmp/e1/manifest" || { echo "FAIL: manifest lacks scenario_hash"; fail=$((fail + 1)); }
# a full-factorial grid (a list of sweeps): every combination, the last
# sweep fastest, each swept setting's value in its own column of the three
# files, and a cell's results those of one run with its two overrides
cat >"$tmp/grid.cfg" <<'CFG'
name = "grid";
run = { days = 3.0; warmup_days = 1.0; reps = 2; };
sweep = ( { setting = "dispatch.delay_min"; values = [ 1.0, 4.0 ]; },
          { setting = "officers.[0].per"; from = 3000.0; to = 5000.0; step = 1000.0; },
          { setting = "name"; values = [ "a, \"b\"" ]; } );
CFG
expect 0 "" -- run --no-plots "$tmp/grid.cfg" --jobs 2 --quiet --out "$tmp/g1"
head -1 "$tmp/g1/summary.csv" | grep -qx "variant,metric,mean,sd,ci95_low,ci95_high,n,dispatch.delay_min,officers.\[0\].per,name" \
    && head -1 "$tmp/g1/differences.csv" | grep -qx "variant,baseline,metric,mean_difference,sd,ci95_low,ci95_high,n,dispatch.delay_min,officers.\[0\].per,name" \
    && head -1 "$tmp/g1/replications.csv" | grep -qx "variant,replication,metric,value,dispatch.delay_min,officers.\[0\].per,name" \
    && pass=$((pass + 1)) || { echo "FAIL: grid: design columns in the headers"; fail=$((fail + 1)); }
got=$(grep ',response_mean_min,' "$tmp/g1/summary.csv" | sed 's/^"\(.*\)",response_mean_min,.*,\([^,]*\),\([^,]*\),\("a, ""b"""\)$/\2 \3|\1/' | tr '\n' ';')
# (the variant's name as CSV text: its quotes doubled)
want='1 3000|dispatch.delay_min=1, officers.[0].per=3000, name=""a, \""b\"""";1 4000|dispatch.delay_min=1, officers.[0].per=4000, name=""a, \""b\"""";1 5000|dispatch.delay_min=1, officers.[0].per=5000, name=""a, \""b\"""";4 3000|dispatch.delay_min=4, officers.[0].per=3000, name=""a, \""b\"""";4 4000|dispatch.delay_min=4, officers.[0].per=4000, name=""a, \""b\"""";4 5000|dispatch.delay_min=4, officers.[0].per=5000, name=""a, \""b\"""";'
[ "$got" = "$want" ] && pass=$((pass + 1)) || { echo "FAIL: grid: variants and columns: $got"; fail=$((fail + 1)); }
printf 'name = "grid";\nrun = { days = 3.0; warmup_days = 1.0; reps = 2; };\n' >"$tmp/cell.cfg"
expect 0 "" -- run --no-plots "$tmp/cell.cfg" --set dispatch.delay_min=4 --set "officers.[0].per=4000" \
    --set 'name="a, \"b\""' --quiet --out "$tmp/g2"
grep '^"dispatch.delay_min=4, officers.\[0\].per=4000,' "$tmp/g1/replications.csv" \
    | sed 's/^"\([^"]\|""\)*",//' | cut -d, -f1-3 >"$tmp/g1.cell"
tail -n +2 "$tmp/g2/replications.csv" | cut -d, -f2-4 >"$tmp/g2.cell"
[ -s "$tmp/g1.cell" ] && cmp -s "$tmp/g1.cell" "$tmp/g2.cell" && pass=$((pass + 1)) \
    || { echo "FAIL: grid: a cell differs from the run with its overrides"; fail=$((fail + 1)); }
expect 0 "" -- run --no-plots "$tmp/g1/resolved.cfg" --jobs 1 --quiet --out "$tmp/g3"
for f in summary.csv differences.csv replications.csv; do
    cmp -s "$tmp/g1/$f" "$tmp/g3/$f" || { echo "FAIL: grid: resolved.cfg rerun: $f differs"; fail=$((fail + 1)); }
done
# the built-in scenario and its file are the same scenario
expect 0 "" -- run --no-plots --days 2 --reps 2 --quiet --out "$tmp/d1"
expect 0 "" -- run --no-plots scenarios/default.cfg --days 2 --reps 2 --quiet --out "$tmp/d2"
cmp -s "$tmp/d1/replications.csv" "$tmp/d2/replications.csv" \
    || { echo "FAIL: built-in and scenarios/default.cfg differ"; fail=$((fail + 1)); }
# --force replaces only results folders
mkdir -p "$tmp/notres" && echo keep >"$tmp/notres/notes.txt"
expect 2 "exists and is not a beatsim results folder" -- run --days 1 --quiet --out "$tmp/notres" --force
[ -f "$tmp/notres/notes.txt" ] || { echo "FAIL: --force removed a foreign folder"; fail=$((fail + 1)); }
expect 0 "" -- run --no-plots --days 1 --quiet --out "$tmp/d1/" --force
ls "$tmp" | grep -q '\.\(tmp\|old\)\.' && { echo "FAIL: temporary folders left"; fail=$((fail + 1)); }
# --force deletes only the files beatsim wrote (its manifest lists them):
# the user's files, in the folder, in a folder of theirs or in plotdata/,
# move into the new results
grep -q "^file summary.csv$" "$tmp/d1/manifest" && grep -q "^file plotdata/meta.gp$" "$tmp/d1/manifest" \
    && pass=$((pass + 1)) || { echo "FAIL: the manifest lists no files"; fail=$((fail + 1)); }
echo mine >"$tmp/d1/notes.txt"
mkdir "$tmp/d1/mine" && echo mine >"$tmp/d1/mine/data.txt"
echo mine >"$tmp/d1/plotdata/my.dat"
cp "$tmp/d1/summary.csv" "$tmp/d1.summary"
expect 0 "" -- run --no-plots --days 2 --quiet --out "$tmp/d1" --force
for f in notes.txt mine/data.txt plotdata/my.dat; do
    [ "$(cat "$tmp/d1/$f" 2>/dev/null)" = mine ] && pass=$((pass + 1)) \
        || { echo "FAIL: --force lost the user's $f"; fail=$((fail + 1)); }
done
cmp -s "$tmp/d1/summary.csv" "$tmp/d1.summary" && { echo "FAIL: --force did not replace summary.csv"; fail=$((fail + 1)); }
grep -q "^file notes.txt$" "$tmp/d1/manifest" && { echo "FAIL: the manifest lists the user's file"; fail=$((fail + 1)); }
ls "$tmp" | grep -q '\.\(tmp\|old\)\.' && { echo "FAIL: temporary folders left"; fail=$((fail + 1)); }
# a manifest starting "beatsim " with a summary.csv is not enough
mkdir "$tmp/lookalike" && echo "beatsim 0.1.0" >"$tmp/lookalike/manifest" && echo keep >"$tmp/lookalike/summary.csv"
expect 2 "lookalike: exists and is not a beatsim results folder" -- run --days 1 --quiet --out "$tmp/lookalike" --force
[ "$(cat "$tmp/lookalike/summary.csv")" = keep ] && pass=$((pass + 1)) || { echo "FAIL: --force replaced a look-alike"; fail=$((fail + 1)); }
# a plain file as --out is not called a results folder
echo x >"$tmp/plain"
expect 2 "beatsim: $tmp/plain: exists and is a file, not a results folder; choose another --out" -- run --days 1 --quiet --out "$tmp/plain"
expect 2 "beatsim: $tmp/plain: exists and is a file, not a results folder; choose another --out" -- run --days 1 --quiet --out "$tmp/plain" --force
# an --out that cannot be written is found before anything runs
expect 2 "beatsim: /proc/beatsim-results: cannot write results there:" -- run --days 1 --quiet --out /proc/beatsim-results
grep -q "calls per day" "$tmp/out" && { echo "FAIL: ran before finding --out unwritable"; fail=$((fail + 1)); }
expect 2 "beatsim: $tmp/plain/sub: cannot write results there: Not a directory" -- run --days 1 --quiet --out "$tmp/plain/sub"
# temporary folders of runs that were killed (a process that is gone): a
# .tmp one is removed, an .old one (the results being replaced, perhaps
# with the user's files) named
mkdir "$tmp/k.tmp.999999999" "$tmp/k.old.999999998" && echo x >"$tmp/k.tmp.999999999/summary.csv" \
    && echo mine >"$tmp/k.old.999999998/notes.txt"
expect 0 "beatsim: removed $tmp/k.tmp.999999999, left unfinished by a run that was killed" -- run --no-plots --days 1 --quiet --out "$tmp/k"
grep -qF "beatsim: warning: $tmp/k.old.999999998: the results folder a killed run was replacing; not removed" "$tmp/err" \
    && [ ! -e "$tmp/k.tmp.999999999" ] && [ -f "$tmp/k.old.999999998/notes.txt" ] && pass=$((pass + 1)) \
    || { echo "FAIL: stale temporary folders: $(cat "$tmp/err")"; fail=$((fail + 1)); }
rm -rf "$tmp/k.old.999999998"

# ---- the scorecard: counterfactual runs, scorecard.csv, scorecard_beats.csv --
sc="--days 30 --reps 2 --quiet --no-plots --set city.synthetic.residents=100000"
sc="$sc --set city.synthetic.stations=4 --set prevention.enabled=true"
expect 0 "" -- run $sc --set prevention.scorecard.counterfactual=true --out "$tmp/sc"
# the headers are the ones docs/outputs.md gives ("`NAME`: `variant, ...`"
# or the first such line under "### NAME")
doc_header() {
    sed -n -e "s/^\`$1\`: \`\(variant, [^\`]*\)\`\$/\1/p" \
        -e "/^### $1\$/,/^###/s/^\`\(variant, [^\`]*\)\`\$/\1/p" docs/outputs.md |
        head -1 | sed 's/, /,/g'
}
for f in scorecard.csv scorecard_beats.csv daily.csv; do
    want=$(doc_header "$f")
    [ -n "$want" ] && head -1 "$tmp/sc/$f" | grep -qxF "$want" && pass=$((pass + 1)) \
        || { echo "FAIL: $f header differs from docs/outputs.md: $(head -1 "$tmp/sc/$f")"; fail=$((fail + 1)); }
done
# prevented: a number in every row (4 stations, 18 beats)
for f in scorecard.csv scorecard_beats.csv; do
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "prevented") c = i; next }
             c && $c ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ { n++ }
             END { exit !(c && n > 0 && n == NR - 1) }' "$tmp/sc/$f" \
        && pass=$((pass + 1)) || { echo "FAIL: $f: prevented is not a number in every row"; fail=$((fail + 1)); }
done
# without the counterfactual: the same runs (common random numbers), the
# counterfactual kept out of the other files, prevented empty
expect 0 "" -- run $sc --out "$tmp/sc0"
cmp -s "$tmp/sc/replications.csv" "$tmp/sc0/replications.csv" \
    || { echo "FAIL: the counterfactual changed replications.csv"; fail=$((fail + 1)); }
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "prevented") c = i; next }
         $c != "" { bad = 1 } END { exit !(c && !bad) }' "$tmp/sc0/scorecard.csv" \
    && pass=$((pass + 1)) || { echo "FAIL: prevented filled without a counterfactual"; fail=$((fail + 1)); }
# the scores of the stations average 100 (every indicator defined)
awk -F, 'NR > 1 { s += $NF; n++ } END { exit !(n > 0 && s / n > 99.999 && s / n < 100.001) }' \
    "$tmp/sc/scorecard.csv" && pass=$((pass + 1)) \
    || { echo "FAIL: station scores do not average 100"; fail=$((fail + 1)); }

# every file of the library reruns from its resolved.cfg to the same
# results (derived settings and overrides into lists included)
for f in scenarios/*.cfg scenarios/validation/*.cfg; do
    n=$(basename "$f" .cfg)
    "$bs" run "$f" --days 2 --reps 2 --no-plots --quiet --out "$tmp/lib_$n" >/dev/null 2>&1 &&
    "$bs" run "$tmp/lib_$n/resolved.cfg" --no-plots --quiet --out "$tmp/lib2_$n" >/dev/null 2>&1 &&
    cmp -s "$tmp/lib_$n/replications.csv" "$tmp/lib2_$n/replications.csv" &&
    cmp -s "$tmp/lib_$n/differences.csv" "$tmp/lib2_$n/differences.csv" \
        && pass=$((pass + 1)) || { echo "FAIL: $f: resolved.cfg does not rerun to the same results"; fail=$((fail + 1)); }
done

# every file of the scenario library passes the check
for f in scenarios/*.cfg scenarios/validation/*.cfg; do
    expect 0 "" -- check "$f"
    grep -q ": ok: " "$tmp/out" || { echo "FAIL: check $f printed no ok line"; fail=$((fail + 1)); }
done

# ---- a city from map layers (city.boundaries, tests/data) ------------------
map=$(dirname "$0")/data/city_map.cfg
expect 0 "" -- run --no-plots "$map" --jobs 1 --quiet --out "$tmp/m1"
expect 0 "" -- run --no-plots "$map" --jobs 2 --quiet --out "$tmp/m2"
for f in summary.csv replications.csv by_hour.csv by_beat.csv by_officer.csv daily.csv resolved.cfg \
         plotdata/map_shapes.dat plotdata/map_rings.dat; do
    cmp -s "$tmp/m1/$f" "$tmp/m2/$f" || { echo "FAIL: map layer: $f differs between --jobs 1 and 2"; fail=$((fail + 1)); }
done
# the beats' areas from the geometry (UTM's scale: within 0.1 %)
awk -F, 'NR > 1 && $2 == 0 { a[$3] = $9 }
    END { split("A1 1 A2 1 B1 1 B2 1 L 3 H 3 M 2", w, " ");
          for (i = 1; i < 14; i += 2) { d = a[w[i]] / w[i + 1] - 1; if (d < -0.001 || d > 0.001) exit 1 } }' \
    "$tmp/m1/by_beat.csv" && pass=$((pass + 1)) || { echo "FAIL: map layer: beat areas"; fail=$((fail + 1)); }
# the resolved file names the layers and reruns to the same results
expect 0 "" -- run --no-plots "$tmp/m1/resolved.cfg" --jobs 2 --quiet --out "$tmp/m3"
cmp -s "$tmp/m1/summary.csv" "$tmp/m3/summary.csv" && pass=$((pass + 1)) \
    || { echo "FAIL: map layer: resolved.cfg reruns differently"; fail=$((fail + 1)); }
# stations from a CSV of longitudes and latitudes (read as WGS 84)
printf 'id,lon,lat\nS1,10.005,50.005\n' >"$tmp/st.csv"
printf 'city = { boundaries = "%s"; stations = "%s"; };\n' \
    "$(cd "$(dirname "$0")/data/bad" && pwd)/ok.geojson" "$tmp/st.csv" >"$tmp/csv.cfg"
expect 0 "" -- check "$tmp/csv.cfg"
grep -q "1 stations, 2 beats" "$tmp/out" && pass=$((pass + 1)) \
    || { echo "FAIL: map layer: stations from a CSV"; fail=$((fail + 1)); }
# the same layers as a GeoPackage and a shapefile (made with ogr2ogr, gdal-bin)
if command -v ogr2ogr >/dev/null 2>&1; then
    d=$(dirname "$0")/data
    ogr2ogr -f GPKG "$tmp/beats.gpkg" "$d/beats.geojson" -nln beats &&
        ogr2ogr -f GPKG "$tmp/stations.gpkg" "$d/stations.geojson" -nln stations &&
        ogr2ogr -f "ESRI Shapefile" "$tmp/beats.shp" "$d/beats.geojson" 2>/dev/null
    sed "s|beats.geojson|$tmp/beats.gpkg|; s|stations.geojson|$tmp/stations.gpkg|" "$map" >"$tmp/gpkg.cfg"
    expect 0 "" -- run --no-plots "$tmp/gpkg.cfg" --quiet --out "$tmp/mg"
    cmp -s "$tmp/m1/by_beat.csv" "$tmp/mg/by_beat.csv" && pass=$((pass + 1)) \
        || { echo "FAIL: map layer: the GeoPackage gives other results"; fail=$((fail + 1)); }
    # a shapefile cuts field names to 10 characters: key_persons is key_person
    sed "s|beats.geojson|$tmp/beats.shp|; s|stations.geojson|$tmp/stations.gpkg|" "$map" |
        sed 's|^};$|  layer = { migrant_share_field = "migrant_sh"; key_persons_field = "key_person"; };\n};|' >"$tmp/shp.cfg"
    expect 0 "" -- run --no-plots "$tmp/shp.cfg" --quiet --out "$tmp/ms"
    cmp -s "$tmp/m1/by_beat.csv" "$tmp/ms/by_beat.csv" && pass=$((pass + 1)) \
        || { echo "FAIL: map layer: the shapefile gives other results"; fail=$((fail + 1)); }
fi

# ---- the bad-input table (tests/bad_input.table) ----------------------------
table=$(dirname "$0")/bad_input.table
awk -v dir="$tmp/cases" '
    /^### / { n++; d = dir "/" n; system("mkdir -p " d); out = d "/name";
              print substr($0, 5) > out; close(out); part = ""; next }
    n == 0 { next }
    /^args: / { print substr($0, 7) > (d "/args"); close(d "/args"); next }
    /^exit: / { print substr($0, 7) > (d "/exit"); close(d "/exit"); next }
    /^--- file$/ { part = d "/file"; printf "" > part; next }
    /^--- stderr$/ { close(part); part = d "/stderr"; printf "" > part; next }
    part != "" { print > part }
' "$table"
for d in "$tmp"/cases/*; do
    name=$(cat "$d/name")
    f="$d/s.cfg"
    # @DATA@: the map layers of tests/data; @DIR@: the case's folder
    data=$(cd "$(dirname "$0")/data" && pwd)
    sed "s|@DATA@|$data|g" "$d/file" >"$f"
    # drop the blank line that separates cases from the expected stderr
    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$d/stderr" |
        sed "s|FILE|$f|g; s|@DATA@|$data|g; s|@DIR@|$d|g" >"$d/want"
    args=$(sed "s|FILE|$f|g" "$d/args")
    # shellcheck disable=SC2086
    "$bs" $args >/dev/null 2>"$d/got"
    got=$?
    if [ "$got" -ne "$(cat "$d/exit")" ]; then
        echo "FAIL: table '$name': exit $got, expected $(cat "$d/exit")"; fail=$((fail + 1))
    elif ! cmp -s "$d/got" "$d/want"; then
        echo "FAIL: table '$name': stderr differs:"; diff "$d/want" "$d/got"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done

# The proactive measures show in the summary and report.html only when the
# layer is on.
"$bs" run scenarios/validation/mmc.cfg --days 3 --no-plots --quiet --out "$tmp/off" \
    >"$tmp/off.txt" 2>/dev/null
"$bs" run --days 10 --set city.synthetic.residents=100000 --set city.synthetic.stations=4 \
    --no-plots --quiet --out "$tmp/on" >"$tmp/on.txt" 2>/dev/null
if grep -q "active offenders" "$tmp/off.txt" "$tmp/off/report.html"; then
    echo "FAIL: proactive rows shown with prevention off"; fail=$((fail + 1))
else pass=$((pass + 1)); fi
if grep -q "active offenders" "$tmp/on.txt" && grep -q "active offenders" "$tmp/on/report.html"; then
    pass=$((pass + 1))
else echo "FAIL: proactive rows missing with prevention on"; fail=$((fail + 1)); fi
# ... and when any variant has it on, even if the baseline has not.
cat >"$tmp/mixed.cfg" <<'CFG'
city = { synthetic = { residents = 100000.0; stations = 4; }; };
run = { days = 10.0; };
baseline = "off";
variants = ( { name = "off"; set = [ "prevention.enabled = false" ]; }, { name = "on"; } );
CFG
"$bs" run "$tmp/mixed.cfg" --reps 2 --no-plots --quiet --out "$tmp/mixed" >"$tmp/mixed.txt" 2>/dev/null
if grep -q "active offenders" "$tmp/mixed.txt" && grep -q "active offenders" "$tmp/mixed/report.html"; then
    pass=$((pass + 1))
else echo "FAIL: proactive rows missing when only a variant has the layer"; fail=$((fail + 1)); fi

# ---- beatsim fit: a log generated from known settings, fitted, then run ----
sh "$(dirname "$0")/fit_example_log.sh" >"$tmp/fit_log.csv"
mkdir -p "$tmp/fit"
if "$bs" fit "$tmp/fit_log.csv" --out "$tmp/fit/fitted.cfg" >"$tmp/fit.txt" 2>&1 &&
   [ -s "$tmp/fit/fitted.cfg" ] && [ -s "$tmp/fit/fit.csv" ] &&
   grep -q "9501 calls fitted over 56 days, 0 bad rows" "$tmp/fit.txt"; then
    pass=$((pass + 1))
else echo "FAIL: fit of the example log"; cat "$tmp/fit.txt"; fail=$((fail + 1)); fi
# the library's fitted fragment is what fit writes now (but for the log's path)
if sed 1d "$tmp/fit/fitted.cfg" | cmp -s - "$(sed 1d scenarios/common/fitted_example.cfg | { cat >"$tmp/fit/lib.cfg"; echo "$tmp/fit/lib.cfg"; })"; then
    pass=$((pass + 1))
else echo "FAIL: scenarios/common/fitted_example.cfg is not what beatsim fit writes"; fail=$((fail + 1)); fi
# every block of fit.csv ends with its chi-square row
# (3 types x hour_of_week, hour, weekday, beat; the days; no month: times in minutes)
if awk -F, 'NR > 1 && $3 == "chi2" { n++ } END { exit !(n == 3 * 4 + 1) }' "$tmp/fit/fit.csv"; then
    pass=$((pass + 1))
else echo "FAIL: fit.csv has not one chi2 row per block"; fail=$((fail + 1)); fi
printf '@include "fitted.cfg"\nrun = { days = 2.0; warmup_days = 0.0; };\n' >"$tmp/fit/s.cfg"
if "$bs" run "$tmp/fit/s.cfg" --no-plots --quiet --out "$tmp/fit/run" >"$tmp/fit/run.txt" 2>&1 &&
   [ -s "$tmp/fit/run/replications.csv" ] && grep -q "disorder" "$tmp/fit/run/resolved.cfg"; then
    pass=$((pass + 1))
else echo "FAIL: run of a scenario including a fitted fragment"; fail=$((fail + 1)); fi
# bad rows: counted with their first physical lines; --strict writes nothing
printf 'time,type,beat\n10,a,B1\n"x\n",a,B1\n20,,B1\n30,a,B1\n' >"$tmp/fit/bad.csv"
"$bs" fit "$tmp/fit/bad.csv" --out "$tmp/fit/bad.cfg" >"$tmp/fit/bad.txt" 2>&1
if grep -q "time not read  *1  (lines 3)" "$tmp/fit/bad.txt" &&
   grep -q "empty call type  *1  (lines 5)" "$tmp/fit/bad.txt"; then
    pass=$((pass + 1))
else echo "FAIL: fit's bad-row summary"; cat "$tmp/fit/bad.txt"; fail=$((fail + 1)); fi
rm -f "$tmp/fit/bad.cfg" "$tmp/fit/fit.csv"
"$bs" fit "$tmp/fit/bad.csv" --strict --out "$tmp/fit/bad.cfg" >/dev/null 2>&1
if [ $? -eq 2 ] && [ ! -e "$tmp/fit/bad.cfg" ] && [ ! -e "$tmp/fit/fit.csv" ] &&
   [ -z "$(ls "$tmp/fit" | grep tmp)" ]; then
    pass=$((pass + 1))
else echo "FAIL: fit --strict wrote something or did not exit 2"; fail=$((fail + 1)); fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
