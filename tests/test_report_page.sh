#!/bin/sh
# test_report_page.sh - what a reader sees first: the terminal summary and
# report.html lead with the scenario's question and headline measures, the
# page fits a 1400 px window with many variants (headless Chromium measures
# it), links every file, shows the scorecard when it was computed, and
# prints numbers without noise digits or impossible intervals.
# usage: tests/test_report_page.sh BEATSIM
bs=${1:-bin/beatsim}
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

browser=$(command -v chromium || command -v chromium-browser)
[ -n "$browser" ] || { echo "FAIL: chromium not installed (make test installs it)"; exit 1; }

# the page's own measurements (its load handler writes them to <body>)
# at a 1400 x 900 window
body_of() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile" --virtual-time-budget=5000 --window-size=1400,900 \
        --dump-dom "file://$1" 2>/dev/null | grep -o '<body[^>]*>' | head -1
}
attr() { echo "$1" | sed -n "s/.* $2=\"\([^\"]*\)\".*/\1/p"; }

# Seven variants with long and Chinese names, a question, measures chosen
# by the scenario, and a figure to lead with.
cat >"$tmp/wide.cfg" <<'CFG'
# Seven variants for the page test.
name = "page_test";
run = { days = 6.0; warmup_days = 1.0; reps = 3; };
report = {
  question = "Which desk share keeps priority-1 calls fastest?";
  measures = [ "response_p1_mean_min", "waited_share", "utilisation_share",
               "desk_share", "first_other_station_share", "coverage_gap_share",
               "overtime_hours" ];
  figures = [ "activity" ];
};
variants = (
  { name = "baseline with a rather long name for a variant"; },
  { name = "派出所 案头工作少"; set = [ "officers.[0].desk_share=0.10" ]; },
  { name = "desk share forty percent for every response officer";
    set = [ "officers.[0].desk_share=0.40" ]; },
  { name = "d15"; set = [ "officers.[0].desk_share=0.15" ]; },
  { name = "d20"; set = [ "officers.[0].desk_share=0.20" ]; },
  { name = "d30"; set = [ "officers.[0].desk_share=0.30" ]; },
  { name = "d35"; set = [ "officers.[0].desk_share=0.35" ]; }
);
CFG
"$bs" run "$tmp/wide.cfg" --quiet --out "$tmp/w" >"$tmp/out" 2>"$tmp/err" \
    && ok || bad "run failed: $(cat "$tmp/err")"

# the terminal leads with the question and the headline
# (lines 1-3: what runs, 4: blank)
sed -n 5p "$tmp/out" | grep -qx "Which desk share keeps priority-1 calls fastest?" \
    && ok || bad "terminal: question not first: $(sed -n 1,6p "$tmp/out")"
sed -n 6p "$tmp/out" | grep -q "^headline" && ok || bad "terminal: no headline after the question"
sed -n 8p "$tmp/out" | grep -qx "response time, priority 1, mean (min)" \
    && ok || bad "terminal: first headline measure: $(sed -n 8p "$tmp/out")"
grep -q "^on-duty time: desk (%)" "$tmp/out" && ok || bad "terminal: desk_share measure missing"
# no exponents, no "-0", no interval below 0 for a share
grep -Eq '[0-9]e[-+][0-9]' "$tmp/out" && bad "terminal: exponent notation: $(grep -E '[0-9]e[-+][0-9]' "$tmp/out" | head -2)"
grep -Eq '(^|[^0-9.])-0(\.0*)?([^0-9.]|$)' "$tmp/out" && bad "terminal: a -0"
# a variant's own interval (the first in brackets) of a share never
# reaches below 0 (its difference from the baseline may)
grep -A7 "^calls that waited for a unit (%)" "$tmp/out" | sed -n 's/^[^[]*\[\([^]]*\)\].*/\1/p' \
    | grep -q '^-' && bad "terminal: a share's interval below 0" || ok

# the page: question and headline in the first screen, no overflow at
# 1400 px, figures led by the scenario's choice, every file linked
body=$(body_of "$tmp/w/report.html")
[ "$(attr "$body" data-errors)" = no ] && ok || bad "page errors: $body"
[ "$(attr "$body" data-overflow)" = no ] && ok \
    || bad "page wider than 1400 px: $(attr "$body" data-overflow) px"
top=$(attr "$body" data-headline-top)
[ -n "$top" ] && [ "$top" != none ] && [ "$top" -lt 500 ] && ok \
    || bad "headline not near the top of the first screen (top $top px)"
grep -q '<p class="q">Which desk share keeps priority-1 calls fastest?</p>' "$tmp/w/report.html" \
    && ok || bad "page: question missing"
grep -q '派出所 案头工作少' "$tmp/w/report.html" && ok || bad "page: Chinese variant name missing"
for f in summary.csv differences.csv replications.csv by_hour.csv by_beat.csv by_officer.csv \
         daily.csv scorecard.csv resolved.cfg manifest; do
    grep -q "<a href=\"$f\">" "$tmp/w/report.html" && ok || bad "page: no link to $f"
done
first_fig=$(grep -o '<figure id="fig-[a-z_]*"' "$tmp/w/report.html" | head -1)
[ "$first_fig" = '<figure id="fig-activity"' ] && ok || bad "page: first figure $first_fig, expected activity"
# the headline comes before the figures, the full table after them
h=$(grep -n 'id="headline"' "$tmp/w/report.html" | cut -d: -f1)
g=$(grep -n 'id="figures"' "$tmp/w/report.html" | cut -d: -f1)
m=$(grep -n 'id="measures"' "$tmp/w/report.html" | cut -d: -f1)
[ "$h" -lt "$g" ] && [ "$g" -lt "$m" ] && ok || bad "page order: headline $h, figures $g, measures $m"
# what was run is generated from the settings, not the file's comment
grep -q '7 variants x 3 replications of 6 days' "$tmp/w/report.html" && ok \
    || bad "page: summary of what was run missing"
# a CJK font is named for the page
grep -q "WenQuanYi Micro Hei" "$tmp/w/report.html" && ok || bad "page: no CJK font named"

# a scenario without a report section gets the default headline; a
# constant prints without an interval
printf 'run = { days = 4.0; warmup_days = 1.0; reps = 3; };\n' >"$tmp/plain.cfg"
"$bs" run "$tmp/plain.cfg" --quiet --no-plots --out "$tmp/d" >"$tmp/dout" 2>"$tmp/err" \
    && ok || bad "default run failed: $(cat "$tmp/err")"
grep -q "^headline" "$tmp/dout" && ok || bad "default: no headline"
grep -Eq '^officers +440$' "$tmp/dout" && ok || bad "default: constant officers printed with an interval: $(grep '^officers ' "$tmp/dout")"

# the scorecard is in the page when its counterfactual ran
cat >"$tmp/sc.cfg" <<'CFG'
name = "score_test";
run = { days = 5.0; warmup_days = 1.0; reps = 2; };
prevention = { scorecard = { counterfactual = true; }; };
CFG
"$bs" run "$tmp/sc.cfg" --quiet --no-plots --out "$tmp/s" >/dev/null 2>"$tmp/err" \
    && ok || bad "scorecard run failed: $(cat "$tmp/err")"
grep -q 'id="scorecard"' "$tmp/s/report.html" && grep -q 'prevented by prevention work' "$tmp/s/report.html" \
    && ok || bad "page: scorecard missing though computed"
grep -q 'id="scorecard"' "$tmp/d/report.html" && bad "page: scorecard shown though not computed"

# bad report sections: one message naming the file, line and setting, exit 2
printf 'report = { measures = [ "response_p1_mean" ]; };\n' >"$tmp/b1.cfg"
"$bs" check "$tmp/b1.cfg" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "b1.cfg:1: report.measures.\[0\]: expected the name of a measure" "$tmp/err" \
    && grep -q 'response_p1_mean_min' "$tmp/err" && ok || bad "unknown measure: rc $rc, $(cat "$tmp/err")"
printf 'report = { figures = [ "maps" ]; };\n' >"$tmp/b2.cfg"
"$bs" check "$tmp/b2.cfg" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "b2.cfg:1: report.figures.\[0\]: expected" "$tmp/err" \
    && grep -q '"map"' "$tmp/err" && ok || bad "unknown figure: rc $rc, $(cat "$tmp/err")"
printf 'report = { question = 3; };\n' >"$tmp/b3.cfg"
"$bs" check "$tmp/b3.cfg" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "b3.cfg:1: report.question" "$tmp/err" && ok || bad "question not text: rc $rc, $(cat "$tmp/err")"

# a city that is one point (validation/mmc.cfg: one beat of area 0):
# figures drawn without a gnuplot warning, the beat on the map; a
# near-constant measure printed without noise digits
"$bs" run scenarios/validation/mmc.cfg --reps 2 --days 3 --quiet --out "$tmp/pt" >"$tmp/ptout" 2>"$tmp/err" \
    && ok || bad "point city run failed: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && bad "point city: stderr: $(cat "$tmp/err")"
grep -q "<use xlink:href='#gpPt6' transform" "$tmp/pt/figures/map.svg" && ok \
    || bad "point city: the beat is not on the map"
grep -Eq '^officers on duty, mean +10$' "$tmp/ptout" && ok \
    || bad "point city: $(grep '^officers on duty' "$tmp/ptout")"
grep -q '^1 station, 1 beat, ' "$tmp/ptout" && ok || bad "point city: plural of one: $(sed -n 2p "$tmp/ptout")"

# a sensitivity analysis leads with its section: the terminal with its
# table (factors by mu*, the delay first), the page with one table and
# one drawn figure per output, before the headline, within the window,
# and without a gnuplot warning
cat >"$tmp/sa.cfg" <<'CFG'
name = "sa_page";
run = { days = 6.0; warmup_days = 1.0; reps = 2; };
city = { synthetic = { residents = 100000.0; stations = 2; }; };
sensitivity = {
  method = "morris";
  samples = 3;
  factors = (
    { setting = "dispatch.delay_min"; min = 1.0; max = 6.0; },
    { setting = "officers.[0].desk_share"; min = 0.1; max = 0.4; }
  );
  outputs = [ "response_p1_mean_min", "waited_share" ];
};
CFG
"$bs" run "$tmp/sa.cfg" --quiet --out "$tmp/sa" >"$tmp/saout" 2>"$tmp/err" \
    && ok || bad "sensitivity run failed: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && bad "sensitivity run: stderr: $(cat "$tmp/err")"
sed -n 5p "$tmp/saout" | grep -q "^sensitivity analysis: Morris" && ok \
    || bad "terminal: sensitivity not first: $(sed -n 1,8p "$tmp/saout")"
grep -A2 '^response time, priority 1, mean (min)$' "$tmp/saout" | sed -n 3p | grep -q '^  dispatch.delay_min ' \
    && ok || bad "terminal: the delay does not lead priority 1's response: $(cat "$tmp/saout")"
grep -q '<h2 id="sensitivity">' "$tmp/sa/report.html" && ok || bad "page: no sensitivity section"
[ "$(grep -c '<caption>' "$tmp/sa/report.html")" -eq 2 ] && ok || bad "page: expected 2 sensitivity tables"
awk '/id="sensitivity"/ { s = NR } /id="headline"/ { h = NR } END { exit !(s && h && s < h) }' \
    "$tmp/sa/report.html" && ok || bad "page: sensitivity not before the headline"
sb=$(body_of "$tmp/sa/report.html")
[ "$(attr "$sb" data-errors)" = no ] && ok || bad "sensitivity page: script errors: $sb"
[ "$(attr "$sb" data-overflow)" = no ] && ok || bad "sensitivity page: wider than the window: $sb"
grep -q 'id="fig-sensitivity"' "$tmp/sa/report.html" && grep -q 'id="fig-sensitivity_waited_share"' \
    "$tmp/sa/report.html" && ok || bad "page: the sensitivity figures are missing"
nf=$(attr "$sb" data-figures); nd=$(attr "$sb" data-figures-drawn)
[ -n "$nf" ] && [ "$nf" = "$nd" ] && ok || bad "sensitivity page: $nd of $nf figures drawn"

echo "report page: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
