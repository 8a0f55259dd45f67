#!/bin/sh
# test_calls.sh - the per-call log calls.csv (output.calls, run --calls):
# its rows against the run's own metrics, its invariants, byte-identical
# output for any --jobs, and when it is (not) written.
# usage: tests/test_calls.sh BEATSIM
. "$(dirname "$0")/sh_checks.sh"

# A week after two days of warm-up, two variants (the second short of
# officers and pre-empting, so calls queue, are pre-empted and open at
# the end), three replications, a fixed seed.
cat >"$tmp/calls.cfg" <<'CFG'
run = { days = 7.0; warmup_days = 2.0; reps = 3; seed = 7L; };
variants = ( { name = "baseline"; },
             { name = "short"; set = [ "officers.[0].per = 20000.0", "dispatch.preempt = 2" ]; } );
output = { calls = true; };
CFG

"$bs" run "$tmp/calls.cfg" --no-plots --quiet --jobs 1 --out "$tmp/j1" >/dev/null 2>"$tmp/err" &&
    ok || bad "run --jobs 1: $(cat "$tmp/err")"
"$bs" run "$tmp/calls.cfg" --no-plots --quiet --jobs 2 --out "$tmp/j2" >/dev/null 2>"$tmp/err" &&
    ok || bad "run --jobs 2: $(cat "$tmp/err")"
c="$tmp/j1/calls.csv"
[ -f "$c" ] && ok || bad "output.calls = true wrote no calls.csv"
cmp -s "$c" "$tmp/j2/calls.csv" && ok || bad "calls.csv differs between --jobs 1 and --jobs 2"
grep -qx "file calls.csv" "$tmp/j1/manifest" && ok || bad "manifest does not list calls.csv"
[ ! -e "$tmp/j1/.calls" ] && [ -z "$(ls -d "$tmp"/j1.* 2>/dev/null)" ] && ok ||
    bad "spool files or a temporary folder left behind"
[ "$(head -1 "$c")" = "replication,variant,call,time,type,priority,beat,station,x,y,queued,dispatched,arrived,cleared,units,response,waited,cross_beat,cross_station" ] &&
    ok || bad "calls.csv header: $(head -1 "$c")"

# Every row: 19 fields; time <= queued/dispatched <= arrived <= cleared
# where present; response = arrived - time; waited = dispatched - time, 0
# when not queued; a queued call was queued at its arrival; cross flags
# 0/1 exactly when a unit was sent; units present exactly when arrived;
# call numbers 1..N once each per (variant, replication); rows in
# (variant, replication) order. Tolerances: the %.6f printing (5e-7 each).
awk -F, 'NR == 1 { next }
function num(s) { return s + 0 }
function fail(m) { print "row " NR ": " m ": " $0; bad++ }
{
    if (NF != 19) { fail("fields " NF); next }
    key = $2 SUBSEP $1
    if (key != last) { if (key in seen) fail("(variant, replication) not contiguous"); seen[key] = 1; last = key }
    if ((key, $3) in ids) fail("call number repeated"); ids[key, $3] = 1; n[key]++
    if ($3 > max[key]) max[key] = $3
    t = num($4); e = 2e-6
    if ($11 != "" && (num($11) < t - e || num($11) > t + e)) fail("queued is not the call time")
    if ($12 != "" && num($12) < t - e) fail("dispatched before the call")
    if ($13 != "" && ($12 == "" || num($13) < num($12) - e)) fail("arrived before dispatched")
    if ($14 != "" && ($13 == "" || num($14) < num($13) - e)) fail("cleared before arrived")
    if (($13 == "") != ($16 == "")) fail("response present without arrival or the reverse")
    if ($16 != "" && (num($16) - (num($13) - t) > e || (num($13) - t) - num($16) > e)) fail("response != arrived - time")
    if (($12 == "") != ($17 == "")) fail("waited present without dispatch or the reverse")
    if ($17 != "" && (num($17) - (num($12) - t) > e || (num($12) - t) - num($17) > e)) fail("waited != dispatched - time")
    if ($11 == "" && $17 != "" && num($17) != 0) fail("waited > 0 without queued")
    if (($15 == "") != ($13 == "")) fail("units present without arrival or the reverse")
    if (($18 == "") != ($12 == "") || ($19 == "") != ($12 == "")) fail("cross flags without dispatch or the reverse")
    if ($18 != "" && $18 != "0" && $18 != "1") fail("cross_beat not 0/1")
    if ($19 == "1" && $18 != "1") fail("cross-station but not cross-beat")
    if ($6 == 1 && $14 != "" && index($15, ";") == 0) two_missing++
    if (index($15, ";")) two++
}
END {
    for (k in n) if (max[k] != n[k]) { print "call numbers of " k " not 1.." n[k]; bad++ }
    if (two == 0) { print "no two-unit call in the log"; bad++ }
    if (two_missing > 0) { print two_missing " cleared priority-1 (two-unit) calls with one unit"; bad++ }
    exit bad > 0
}' "$c" >"$tmp/inv" && ok || bad "row invariants: $(head -5 "$tmp/inv")"

# Per (variant, replication), against replications.csv: the row count
# is incidents_count; mean response by priority is response_pK_mean_min
# (to 1e-6: the printing); the rows queued / calls_car_count is
# waited_share; the mean of cross_station over the rows with a unit sent
# is first_other_station_share, of 1 - cross_beat first_own_beat_share
# (to 1e-12: ratios of the same counts).
awk -F, 'FNR == 1 { next }
FILENAME ~ /replications/ {
    gsub(/"/, "", $1); m[$1 SUBSEP $2, $3] = $4; next }
{
    gsub(/"/, "", $2); k = $2 SUBSEP $1; keys[k] = 1; rows[k]++
    if ($16 != "") { rs[k, $6] += $16; rn[k, $6]++ }
    if ($11 != "") q[k]++
    if ($12 != "") { d[k]++; xs[k] += $19; ob[k] += 1 - $18 }
}
function off(a, b, tol) { d_ = a - b; if (d_ < 0) d_ = -d_; return d_ > tol }
END {
    for (k in keys) {
        if (rows[k] != m[k, "incidents_count"]) { print k ": rows " rows[k] " != incidents " m[k, "incidents_count"]; bad++ }
        for (p = 1; p <= 3; p++) {
            want = m[k, "response_p" p "_mean_min"]
            if (rn[k, p] == 0) { if (want != "") { print k ": no p" p " response rows"; bad++ }; continue }
            if (off(rs[k, p] / rn[k, p], want, 1e-6)) { print k ": p" p " mean " rs[k, p] / rn[k, p] " != " want; bad++ }
        }
        if (off(q[k] / m[k, "calls_car_count"], m[k, "waited_share"], 1e-12)) { print k ": waited_share " q[k] / m[k, "calls_car_count"] " != " m[k, "waited_share"]; bad++ }
        if (off(xs[k] / d[k], m[k, "first_other_station_share"], 1e-12)) { print k ": cross_station " xs[k] / d[k]; bad++ }
        if (off(ob[k] / d[k], m[k, "first_own_beat_share"], 1e-12)) { print k ": cross_beat " ob[k] / d[k]; bad++ }
        nk++
    }
    if (nk != 6) { print "expected 6 (variant, replication) pairs, found " nk; bad++ }
    exit bad > 0
}' "$tmp/j1/replications.csv" "$c" >"$tmp/cmp" && ok || bad "calls.csv against the metrics: $(head -5 "$tmp/cmp")"

# The summary's mean response per priority is the mean over the
# replications of the rows' means (to 1e-6).
awk -F, 'FNR == 1 { next }
FILENAME ~ /summary/ { gsub(/"/, "", $1); if ($1 == "baseline") s[$2] = $3; next }
$2 == "\"baseline\"" && $16 != "" { sum[$1, $6] += $16; cnt[$1, $6]++; reps[$1] = 1 }
END {
    for (p = 1; p <= 3; p++) {
        t = 0; n = 0
        for (r in reps) if (cnt[r, p]) { t += sum[r, p] / cnt[r, p]; n++ }
        d = t / n - s["response_p" p "_mean_min"]
        if (d < 0) d = -d
        if (d > 1e-6) { print "p" p ": " t / n " != " s["response_p" p "_mean_min"]; bad++ }
    }
    exit bad > 0
}' "$tmp/j1/summary.csv" "$c" >"$tmp/sum" && ok || bad "calls.csv against summary.csv: $(cat "$tmp/sum")"

# The short variant queues, pre-empts and ends with open calls, and
# rows without a car exist: each kind of row is there to be checked.
awk -F, '$2 == "\"short\"" && $11 != "" { q++ } $2 == "\"short\"" && $12 != "" && $14 == "" { o++ }
         NR > 1 && $12 == "" && $11 == "" { nocar++ }
         END { exit !(q > 0 && o > 0 && nocar > 0) }' "$c" && ok ||
    bad "expected queued, open and no-car rows in the log"

# Not written: output.calls = false, or neither the setting nor --calls.
sed 's/calls = true/calls = false/' "$tmp/calls.cfg" >"$tmp/off.cfg"
"$bs" run "$tmp/off.cfg" --no-plots --quiet --out "$tmp/off" >/dev/null 2>&1 &&
    [ -d "$tmp/off" ] && [ ! -e "$tmp/off/calls.csv" ] && ok || bad "output.calls = false wrote calls.csv"
printf 'run = { days = 2.0; warmup_days = 1.0; };\n' >"$tmp/plain.cfg"
"$bs" run "$tmp/plain.cfg" --no-plots --quiet --out "$tmp/plain" >/dev/null 2>&1 &&
    [ ! -e "$tmp/plain/calls.csv" ] && ok || bad "a run without --calls wrote calls.csv"
# --calls writes it, and resolved.cfg reruns with it.
"$bs" run "$tmp/plain.cfg" --calls --no-plots --quiet --out "$tmp/flag" >/dev/null 2>&1 &&
    [ -s "$tmp/flag/calls.csv" ] && ok || bad "--calls wrote no calls.csv"
"$bs" run "$tmp/flag/resolved.cfg" --no-plots --quiet --out "$tmp/again" >/dev/null 2>&1 &&
    cmp -s "$tmp/flag/calls.csv" "$tmp/again/calls.csv" && ok ||
    bad "resolved.cfg of a --calls run does not rerun to the same calls.csv"

# --force over an earlier results folder: the new calls.csv, nothing left.
"$bs" run "$tmp/plain.cfg" --calls --no-plots --quiet --force --seed 2 --out "$tmp/flag" \
    >/dev/null 2>&1 && ! cmp -s "$tmp/flag/calls.csv" "$tmp/again/calls.csv" &&
    [ -z "$(ls -d "$tmp"/flag.* 2>/dev/null)" ] && [ ! -e "$tmp/flag/.calls" ] && ok ||
    bad "--force with --calls: calls.csv not replaced, or spool left behind"

# output.calls_replications = 2 logs replications 0 and 1 of each variant
# only, the same rows as the full log.
sed 's/calls = true;/calls = true; calls_replications = 2;/' "$tmp/calls.cfg" >"$tmp/cap.cfg"
"$bs" run "$tmp/cap.cfg" --no-plots --quiet --jobs 2 --out "$tmp/cap" >/dev/null 2>&1 && ok ||
    bad "run with calls_replications"
awk -F, 'NR == 1 || $1 != 2' "$c" | cmp -s - "$tmp/cap/calls.csv" && ok ||
    bad "calls_replications = 2: not the rows of replications 0 and 1"

# Names that need quoting: a variant with a comma and a quote.
cat >"$tmp/quote.cfg" <<'CFG'
run = { days = 1.0; warmup_days = 0.0; };
variants = ( { name = "a, \"b\""; } );
CFG
"$bs" run "$tmp/quote.cfg" --calls --no-plots --quiet --out "$tmp/quote" >/dev/null 2>&1 &&
    sed -n 2p "$tmp/quote/calls.csv" | grep -q '^0,"a, ""b""",[0-9]*,[0-9.]*,' && ok ||
    bad "variant name not quoted in calls.csv: $(sed -n 2p "$tmp/quote/calls.csv")"

echo "test_calls.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
