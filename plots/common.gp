# common.gp - the prelude of every beatsim figure script (plots/*.gp).
#
# By hand, from the repository root (each script loads this file itself):
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/hour.gp
# dir (required) is a results folder with a plotdata/ subfolder (written by
# beatsim run); fmt is "png" (the default) or "svg". The figure goes to
# dir/figures/SCRIPT.fmt, and dir/figures/ must exist.
# beatsim itself feeds this file and then a script to gnuplot on standard
# input, with -e "dir='...'; fmt='...'; common_loaded=1", so nothing here
# (or in a script) may depend on where the script file lies, and a script
# sets its output only once it knows it draws something.
#
# After this file: the terminal is set; meta.gp's variables are defined
# (scenario, nvar, baseline, baseline_name, variant[1..nvar], reps,
# nbeats, prevention (1 when a variant has the proactive layer),
# sweep_setting, sweep_label (the setting and its documented unit),
# nsweeplisted, nsweepbase, sweepbase[1..nsweepbase], daily_ma (days of the
# daily series' moving mean), ntargets, target_min[], target_prio[] (the
# baseline city's response targets), nmapdiff, mapdiff[] and nheatdiff,
# heatdiff[] (the variants of the difference figures, 0-based));
# out("hour") names the figure file, pd("hour.dat") a plotdata file;
# variant v (0-based) is drawn with linetype v+1 in every figure, whose
# colour is vcolour(v), or vcolour_a(v, a) with transparency a (0..255);
# the palette (sequential, light = low, dark = high) and the grid are set.

if (!exists("dir")) \
    exit error "beatsim figures: give the results folder, e.g. gnuplot -e \"dir='results/default'; fmt='png'\" plots/hour.gp"
if (!exists("fmt")) fmt = "png"
if (fmt ne "png" && fmt ne "svg") \
    exit error sprintf("beatsim figures: fmt='%s': expected 'png' or 'svg'", fmt)
common_loaded = 1

set encoding utf8
# No { } block may span lines in these scripts: gnuplot 5.4 run as
# "gnuplot -e '...' -" (as beatsim runs it) fails on them with "missing
# block terminator"; a block on one line, or continued with \, works.
# Fonts: a family list, Latin first, then one with Chinese, Japanese and
# Korean glyphs (Debian's fonts-noto-cjk), so that variant and scenario
# names such as "派出所" are drawn: in PNG, cairo and fontconfig take the
# list; in SVG it becomes the CSS font-family list (sans-serif last).
if (fmt eq "svg") { \
    set terminal svg size 900,560 dynamic font "DejaVu Sans,WenQuanYi Micro Hei,sans-serif,11" background "white" noenhanced \
} else { \
    set terminal pngcairo size 900,560 font "DejaVu Sans,WenQuanYi Micro Hei,sans,11" noenhanced \
}

pd(f) = sprintf("%s/plotdata/%s", dir, f)
out(n) = sprintf("%s/figures/%s.%s", dir, n, fmt)

load pd("meta.gp")

# Variant colours: Okabe-Ito (without its yellow, too pale on white) and
# three of Paul Tol's colours, all told apart by colour-blind readers.
# Variant v (0-based) is linetype v+1; after 10 variants they repeat.
array vcolours[10] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", \
                      "#56B4E9", "#000000", "#882255", "#999933", "#7F7F7F"]
do for [k = 1:10] { set linetype k lc rgb vcolours[k] lw 2 dt solid pt 7 ps 0.8 }
set linetype cycle 10
vcolour(v) = vcolours[int(v) % 10 + 1]
vcolour_a(v, a) = sprintf("#%02X%s", int(a), vcolour(v)[2:7])

# Sequential palette (yellow - orange - dark red, like ColorBrewer YlOrRd):
# lightness falls monotonically, so it reads in grey and for colour-blind
# readers; dark = more (longer response, more calls, bigger gap).
set palette defined (0 "#FFFFCC", 0.2 "#FED976", 0.4 "#FD8D3C", \
                     0.6 "#E31A1C", 0.8 "#B10026", 1 "#4D0013")
set palette maxcolors 0
# Diverging palette for differences from the baseline (blue - white -
# red, like ColorBrewer RdBu): white at 0, red where a variant has more
# (longer response, bigger gap) and blue where it has less; the scripts
# that use it set a colour range symmetric about 0.
diverging = 'set palette defined (-1 "#2166AC", -0.5 "#92C5DE", 0 "#F7F7F7", 0.5 "#F4A582", 1 "#B2182B")'

set style line 100 lc rgb "#DDDDDD" lw 1 dt solid
set grid back ls 100
set border lc rgb "#404040"
set tics nomirror out
set key noautotitle reverse Left samplen 3 height 0.6

# 1 if column c of the row is a number above 0: an axis from 0 with *
# needs one such point, else gnuplot warns of an empty range.
pos(c) = valid(c) ? column(c) > 0 : 0

# The title of a figure: the scenario, then what it shows.
ftitle(s) = sprintf("%s: %s", scenario, s)
# "means over 3 replications" / "1 replication", for titles
repstext = reps == 1 ? "1 replication" : sprintf("means over %d replications", reps)
# ... and what the bands are, for titles of figures with bands
bandtext = reps == 1 ? "1 replication: no intervals" : sprintf("bands: 95 %% intervals over %d replications", reps)
# Panels of the difference figures: n panels (n <= 6) in rows of up to
# three, between screen x 0.08 and 0.83 (the colour bar on the right, at
# x 0.88) and screen y 0.09 and 0.85 (the multiplot title above);
# panel i (1-based) spans panel_l(i, n) .. panel_r(i, n) across and
# panel_b(i, n) .. panel_t(i, n) up.
panelcols(n) = n <= 3 ? n : (n == 4 ? 2 : 3)
panelrows(n) = n <= 3 ? 1 : 2
panel_w(n) = (0.75 - (panelcols(n) - 1) * 0.07) / panelcols(n)
panel_h(n) = (0.76 - (panelrows(n) - 1) * 0.11) / panelrows(n)
panel_l(i, n) = 0.08 + ((int(i) - 1) % panelcols(n)) * (panel_w(n) + 0.07)
panel_r(i, n) = panel_l(i, n) + panel_w(n)
panel_t(i, n) = 0.85 - ((int(i) - 1) / panelcols(n)) * (panel_h(n) + 0.11)
panel_b(i, n) = panel_t(i, n) - panel_h(n)
# ... and its colour bar, one for every panel (the range is shared)
panelbar = 'set colorbox user origin screen 0.88, screen 0.12 size screen 0.022, screen 0.70'
# The largest absolute value of columns 1..nc of a data file's rows
# (stats with this expression sets absmax; start from absmax = 0).
absmax = 0
absmaxof(nc) = sum [c = 1:nc] (valid(c) && abs(column(c)) > absmax ? (absmax = abs(column(c)), 0) : 0)

# The extent of the beats of a map file (columns x, y, half-width):
# "@mapextent" after setting mapfile sets the x and y ranges, 2 % wider
# than the beats, and at least 1 km either side of a city that is a
# point (one beat of area 0), where gnuplot would find an empty range.
mx0 = mx1 = my0 = my1 = NaN
mapextent = "mx0 = NaN; mx1 = NaN; my0 = NaN; my1 = NaN; " . \
    "stats pd(mapfile) using (mx0 = !($1 - $3 >= mx0) ? $1 - $3 : mx0, mx1 = !($1 + $3 <= mx1) ? $1 + $3 : mx1, " . \
    "my0 = !($2 - $3 >= my0) ? $2 - $3 : my0, my1 = !($2 + $3 <= my1) ? $2 + $3 : my1, 0) nooutput; " . \
    "mpad = (mx1 - mx0 > my1 - my0 ? mx1 - mx0 : my1 - my0); mpad = mpad > 0 ? 0.02 * mpad : 1; " . \
    "set xrange [mx0 - mpad:mx1 + mpad]; set yrange [my0 - mpad:my1 + mpad]; set offsets 0, 0, 0, 0"
