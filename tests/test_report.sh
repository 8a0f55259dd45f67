#!/bin/sh
# test_report.sh - report.html in a real browser: runs a small experiment
# with figures, renders its report.html in headless Chromium and checks
# that the page loaded without a script error and that every figure is
# present and drawn with a non-empty size (the page's own load handler
# counts them into attributes of <body>, which --dump-dom shows).
# Also checks the figure files and that `beatsim plot` redraws them.
# usage: tests/test_report.sh BEATSIM
. "$(dirname "$0")/sh_checks.sh"

browser=$(command -v chromium || command -v chromium-browser)
[ -n "$browser" ] || { echo "FAIL: chromium not installed (make test installs it)"; exit 1; }
command -v gnuplot >/dev/null || { echo "FAIL: gnuplot not installed"; exit 1; }

# a swept experiment with the proactive layer exercises every figure, the
# sweep and prevention figures included
cat >"$tmp/exp.cfg" <<'CFG'
# A small swept experiment for the report test.
name = "report_test";
run = { days = 14.0; warmup_days = 2.0; reps = 2; };
prevention = { enabled = true; };
sweep = { setting = "officers.[0].per"; values = [ 5000.0, 4000.0 ]; };
CFG
"$bs" run "$tmp/exp.cfg" --quiet --out "$tmp/r" >"$tmp/out" 2>"$tmp/err" \
    && ok || bad "run failed: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && bad "run wrote to stderr: $(cat "$tmp/err")"

# every figure, as PNG and SVG, non-empty
nfig=0
for g in hour response_hour cdf activity sweep daily prevention heatmap map map_diff heatmap_diff; do
    for e in png svg; do
        [ -s "$tmp/r/figures/$g.$e" ] && ok || bad "figures/$g.$e missing or empty"
    done
    nfig=$((nfig + 1))
done
head -c 8 "$tmp/r/figures/hour.png" | od -An -c | grep -q 'P   N   G' \
    && ok || bad "figures/hour.png is not a PNG"

# render in headless Chromium; the flags keep it off this machine's
# closed network
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --virtual-time-budget=5000 \
    --dump-dom "file://$tmp/r/report.html" >"$tmp/dom" 2>"$tmp/browser.err"
body=$(grep -o '<body[^>]*>' "$tmp/dom" | head -1)
echo "$body" | grep -q 'data-errors="no"' && ok || bad "page errors or not loaded: $body"
echo "$body" | grep -q "data-figures=\"$nfig\"" && ok || bad "expected $nfig figures: $body"
echo "$body" | grep -q "data-figures-drawn=\"$nfig\"" && ok || bad "figures not drawn: $body"
grep -q 'Uncaught' "$tmp/browser.err" && bad "script error: $(grep Uncaught "$tmp/browser.err")"
grep -q 'response time, 90th percentile' "$tmp/dom" && ok || bad "summary table missing"
grep -q 'Δ [+-][0-9]' "$tmp/dom" && ok || bad "paired differences missing"
grep -q 'A small swept experiment' "$tmp/dom" && ok || bad "scenario header comment missing"
grep -q 'The proactive layer day by day' "$tmp/dom" && ok || bad "prevention figure not in the page"

# self-contained: nothing loaded from another file or the network; links
# go to the page's own sections or to files of the folder
grep -q 'src="' "$tmp/r/report.html" && bad "report.html loads another file"
for h in $(grep -o 'href="[^"]*"' "$tmp/r/report.html" | sed 's/^href="//; s/"$//'); do
    case $h in
    \#*) grep -q "id=\"${h#\#}\"" "$tmp/r/report.html" || bad "link to a missing section: $h" ;;
    */* | *:*) bad "report.html links outside its folder: $h" ;;
    *) [ -e "$tmp/r/$h" ] || bad "report.html links a missing file: $h" ;;
    esac
done

# beatsim plot redraws the figures and the page
rm -f "$tmp/r/figures/"*.png
"$bs" plot "$tmp/r" >"$tmp/out" 2>"$tmp/err" && ok || bad "plot failed: $(cat "$tmp/err")"
[ -s "$tmp/r/figures/map.png" ] && ok || bad "plot did not redraw map.png"
"$bs" plot "$tmp/none" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "plot of a non-folder"

# without the proactive layer: no prevention figure, the others drawn
"$bs" run "$tmp/exp.cfg" --quiet --days 3 --reps 1 --set prevention.enabled=false \
    --out "$tmp/off" >/dev/null 2>"$tmp/err" && ok || bad "run without prevention failed: $(cat "$tmp/err")"
[ -s "$tmp/off/figures/daily.svg" ] && [ ! -e "$tmp/off/figures/prevention.svg" ] && ok \
    || bad "prevention figure drawn without the proactive layer (or daily missing)"
[ -s "$tmp/err" ] && bad "run without prevention wrote to stderr: $(cat "$tmp/err")"

# --no-plots: no figures, the page still there
"$bs" run "$tmp/exp.cfg" --quiet --no-plots --out "$tmp/np" >/dev/null 2>&1 \
    && ok || bad "run --no-plots failed"
[ -s "$tmp/np/report.html" ] && [ ! -e "$tmp/np/figures/hour.png" ] && ok \
    || bad "--no-plots: report.html missing or figures drawn"

# without gnuplot on the PATH: one line says so, the results are written
mkdir -p "$tmp/bin"
PATH="$tmp/bin" "$bs" run "$tmp/exp.cfg" --quiet --out "$tmp/ng" >/dev/null 2>"$tmp/err" \
    && ok || bad "run without gnuplot failed"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "gnuplot not found" "$tmp/err" && ok \
    || bad "without gnuplot: expected one line, found: $(cat "$tmp/err")"
[ -s "$tmp/ng/summary.csv" ] && ok || bad "without gnuplot: no summary.csv"

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
