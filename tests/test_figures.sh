#!/bin/sh
# test_figures.sh - what the figures show, read from their SVG files and
# plot data (seeded runs, a few seconds in all):
#  - a one-station, one-beat city, listed in the scenario file and
#    generated, with one replication and a Chinese variant name: gnuplot
#    writes nothing to stderr and every figure has drawn content (an
#    element in a colour that is not grey, or an image);
#  - the cdf legend names the land types without stray quotes
#    (targets.dat in the quotes gnuplot's data reader takes);
#  - response_hour: 95 % intervals over replications in its data and bands
#    in the SVG; with one replication no band and the title says so;
#  - difference figures (map_diff, heatmap_diff) with two variants or more,
#    at most six panels, none with one variant;
#  - bands on daily and prevention (translucent fills in the SVG);
#  - the sweep figure: the setting's documented unit on the x axis, no
#    "baseline" key with a single series, the target line;
#  - Chinese text: the SVG holds the UTF-8 name and a font-family list with
#    a CJK font, which fontconfig resolves (fc-match) for the PNG terminal.
# usage: tests/test_figures.sh BEATSIM
. "$(dirname "$0")/sh_checks.sh"
command -v gnuplot >/dev/null || { echo "FAIL: gnuplot not installed"; exit 1; }

# drawn FILE: the SVG has an image or an element in a colour that is not
# grey (axes, grid and text are grey; data, bars and cells are coloured)
drawn() {
    grep -q '<image' "$1" && return 0
    grep -o "rgb([ 0-9]*,[ 0-9]*,[ 0-9]*)" "$1" | tr -d 'rgb() ' \
        | awk -F, '$1 != $2 || $2 != $3 { found = 1 } END { exit !found }'
}
# run NAME CFG ARGS...: a run whose stderr must stay empty
run() {
    n=$1 cfg=$2; shift 2
    "$bs" run "$cfg" --quiet --out "$tmp/$n" "$@" >/dev/null 2>"$tmp/$n.err" \
        && ok || bad "$n: run failed: $(cat "$tmp/$n.err")"
    [ -s "$tmp/$n.err" ] && bad "$n: gnuplot or beatsim wrote to stderr: $(cat "$tmp/$n.err")"
}
# figures NAME FIG...: each drawn, PNG and SVG
figures() {
    n=$1; shift
    for g in "$@"; do
        [ -s "$tmp/$n/figures/$g.png" ] && ok || bad "$n: figures/$g.png missing"
        if [ -s "$tmp/$n/figures/$g.svg" ]; then
            drawn "$tmp/$n/figures/$g.svg" && ok || bad "$n: figures/$g.svg has nothing drawn"
        else
            bad "$n: figures/$g.svg missing"
        fi
    done
}

# ---- a city of one station and one beat, listed in the file ----------------
cat >"$tmp/small.cfg" <<'CFG'
# One station, one beat; a second variant with a Chinese name.
name = "small_city";
run = { days = 10.0; warmup_days = 1.0; reps = 1; };
prevention = { enabled = true; };
city = {
  stations = ( { id = "S1"; x = 0.0; y = 0.0; } );
  beats = ( { id = "B1"; station = "S1"; land = "urban_residential";
              residents = 5000.0; area_km2 = 2.0; x = 0.0; y = 0.0; } );
};
variants = ( { name = "today"; },
             { name = "派出所"; set = [ "officers.[0].per = 500.0" ]; } );
CFG
run small "$tmp/small.cfg"
figures small hour response_hour cdf activity daily prevention heatmap map map_diff heatmap_diff
svg=$tmp/small/figures
grep -q '15 min: urban_residential' "$svg/cdf.svg" && ok || bad "cdf legend: $(grep -o '[0-9]* min: [^<]*' "$svg/cdf.svg")"
grep -q "'urban_residential" "$svg/cdf.svg" && bad "cdf legend has stray quotes"
grep -q '^15 "urban_residential"$' "$tmp/small/plotdata/targets.dat" && ok || bad "targets.dat: $(cat "$tmp/small/plotdata/targets.dat")"
grep -q '1 replication: no intervals' "$svg/response_hour.svg" && ok || bad "response_hour: one replication not said"
grep -q 'fill-opacity' "$svg/response_hour.svg" && bad "response_hour: a band from one replication"
# Chinese text
grep -q '派出所' "$svg/hour.svg" && ok || bad "hour.svg lacks the Chinese variant name"
grep -q 'font-family="[^"]*WenQuanYi Micro Hei' "$svg/hour.svg" && ok || bad "SVG font-family has no CJK font"
if command -v fc-match >/dev/null; then
    fc-match 'WenQuanYi Micro Hei' | grep -qi 'wqy\|WenQuanYi' && ok \
        || bad "fontconfig does not find WenQuanYi Micro Hei (fonts-wqy-microhei): $(fc-match 'WenQuanYi Micro Hei')"
fi

# ---- one beat, generated ----------------------------------------------------
cat >"$tmp/syn.cfg" <<'CFG'
name = "one_beat";
run = { days = 5.0; warmup_days = 1.0; reps = 1; };
city = { synthetic = { residents = 5000.0; stations = 1; rural_share = 0.0;
                       urban_beat_residents = 5000.0; }; };
CFG
run syn "$tmp/syn.cfg"
figures syn hour response_hour cdf activity daily heatmap map
[ -e "$tmp/syn/figures/map_diff.svg" ] && bad "one variant: map_diff drawn"
[ -e "$tmp/syn/figures/heatmap_diff.svg" ] && bad "one variant: heatmap_diff drawn"
grep -q '^nmapdiff = 0$' "$tmp/syn/plotdata/meta.gp" && ok || bad "one variant: nmapdiff not 0"

# ---- a sweep of eight values in the default city, two replications ---------
cat >"$tmp/sweep.cfg" <<'CFG'
# A sweep of the response officers' ratio.
name = "sweep_test";
run = { days = 14.0; warmup_days = 1.0; reps = 2; };
prevention = { enabled = true; };
sweep = { setting = "officers.[0].per";
          values = [ 8000.0, 7000.0, 6000.0, 5500.0, 5000.0, 4500.0, 4000.0, 3000.0 ]; };
CFG
run sweep "$tmp/sweep.cfg"
figures sweep response_hour daily prevention sweep map_diff heatmap_diff
svg=$tmp/sweep/figures pd=$tmp/sweep/plotdata
grep -q 'officers.\[0\].per (residents (households) per officer)' "$svg/sweep.svg" && ok \
    || bad "sweep x label lacks the documented unit"
grep -q 'value of the swept setting' "$svg/sweep.svg" && bad "sweep x label is the raw setting"
grep -q '>baseline<' "$svg/sweep.svg" && bad "sweep key names a 'baseline' series"
grep -q 'priority-1 target 15 min' "$svg/sweep.svg" && ok || bad "sweep: no target line"
grep -q '^nmapdiff = 6$' "$pd/meta.gp" && ok || bad "eight variants: not six map panels: $(grep nmapdiff "$pd/meta.gp")"
grep -q '^nheatdiff = 6$' "$pd/meta.gp" && ok || bad "eight variants: not six heat map panels"
# intervals: hour 20 has calls in both replications, a finite low < high
awk '/^20 / && $3 == $3 + 0 && $4 == $4 + 0 && $3 < $4 { f = 1 } END { exit !f }' \
    "$pd/response_hour.dat" && ok || bad "response_hour.dat: no interval at 20:00"
# daily: the band of the 7-day mean from day 6 on; prevention: of the state
awk '!/^#/ && $1 == 10 && $8 < $9 { f = 1 } END { exit !f }' "$pd/daily.dat" && ok \
    || bad "daily.dat: no band on day 10"
awk '!/^#/ && $1 == 10 && $9 <= $10 && $11 < $12 { f = 1 } END { exit !f }' "$pd/prevention.dat" \
    && ok || bad "prevention.dat: no band on day 10"
for g in response_hour daily prevention; do
    grep -q 'fill-opacity' "$svg/$g.svg" && ok || bad "$g.svg: no translucent band"
done

echo "figures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
