# prevention.gp - the proactive layer day by day, per variant
# (plotdata/prevention.dat): top left, active offenders at the end of each
# day; top right, key persons out of control at the end of each day;
# bottom left, arrests per day; bottom right, calls per day. The two
# states are drawn as they are; arrests and calls, which jump from day to
# day, as thin lines for the days and thick lines for their trailing
# 7-day mean, drawn at the window's centre once the run has two weeks.
# Means over the replications, with translucent bands of their 95 %
# intervals over the replications (computed by beatsim: prevention.dat's
# last eight columns; of the day's value for the two states, of the 7-day
# mean for arrests and calls; none from one replication). Draws nothing when no variant has the
# proactive layer (prevention.enabled).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/prevention.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit
if (!exists("prevention") || !prevention) exit

# Days, and points of each column above 0 (an axis from 0 needs one; valid()
# does not make the point undefined, as reading a NaN column would).
ndays = 0
array nvalid[5] = [0, 0, 0, 0, 0]
stats pd("prevention.dat") using (ndays = column(1) + 1 > ndays ? column(1) + 1 : ndays, \
    nvalid[1] = nvalid[1] + pos(2), nvalid[2] = nvalid[2] + pos(3), \
    nvalid[3] = nvalid[3] + pos(4), nvalid[4] = nvalid[4] + pos(5), 0) nooutput
mw = 7
showma = ndays >= 2 * mw
rawlw = showma ? 1 : 1.5
rawps = ndays < 3 ? 1 : 0
rawalpha = showma ? (ndays > 120 ? 0xB0 : 0x70) : 0
statps = ndays < 3 ? 1 : 0
band = reps > 1

# Trailing moving average over mw days, drawn at the window's centre;
# undefined until the window is full, and restarted with each variant
# (column 0 counts the lines of the block from 0).
array mabuf[mw]
ma(x) = (column(0) == 0 ? (ma_n = 0, ma_s = 0) : 0, \
         ma_i = int(column(0)) % mw + 1, \
         ma_s = ma_s + x - (ma_n >= mw ? mabuf[ma_i] : 0), \
         mabuf[ma_i] = x, ma_n = ma_n + 1, \
         ma_n >= mw ? ma_s / mw : NaN)
mx(d) = d - (mw - 1) / 2.0

set output out("prevention")
set multiplot title ftitle(sprintf("the proactive layer day by day (%s)%s%s", repstext, \
    showma ? sprintf("\nthick lines: %d-day moving average", mw) : "", \
    reps > 1 ? sprintf("%sbands: 95 %% intervals", showma ? "; " : "\n") : ""))
# Layout (screen fractions), as in daily.gp: the key at the bottom, then
# the x labels, then two rows of two panels.
maxlen = 9
do for [v = 1:nvar] { maxlen = strlen(variant[v]) > maxlen ? strlen(variant[v]) : maxlen }
keycols = int(880 / ((maxlen + 8) * 8.5))
keycols = keycols < 1 ? 1 : keycols
keyrows = ceil(nvar * 1.0 / keycols)
keyh = (keyrows * 18 + 16) / 560.0
ptop = 0.86
pgap = 0.05
pbot = keyh + 0.10
ph = (ptop - pbot - pgap) / 2
xl = 0.08
xgap = 0.09
pw = (0.98 - xl - xgap) / 2
set xrange [ndays > 1 ? 0 : -0.5:ndays > 1 ? ndays - 1 : 0.5]
if (ndays > 730) { set xtics 0, 365; set mxtics 4 } else { set xtics autofreq; set mxtics default }
if (ndays <= 10) { set xtics 1 }
set key off
set offsets 0, 0, graph 0.08, 0

# top left: active offenders (the top row shares the bottom row's x axis)
set lmargin at screen xl
set rmargin at screen xl + pw
set tmargin at screen ptop
set bmargin at screen ptop - ph
unset xlabel
set format x ""
set title "active offenders (end of day)" offset 0, -0.8
if (nvalid[1] > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot for [v = 0:nvar-1] pd("prevention.dat") index v using 1:(band ? column(7) : NaN):8 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using 1:2 with linespoints \
         lt v+1 pt 7 ps statps lw 2 notitle

# top right: key persons out of control
set lmargin at screen xl + pw + xgap
set rmargin at screen xl + 2 * pw + xgap
set title "key persons out of control (end of day)"
if (nvalid[2] > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot for [v = 0:nvar-1] pd("prevention.dat") index v using 1:(band ? column(9) : NaN):10 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using 1:3 with linespoints \
         lt v+1 pt 7 ps statps lw 2 notitle

# bottom left: arrests per day
set lmargin at screen xl
set rmargin at screen xl + pw
set tmargin at screen pbot + ph
set bmargin at screen pbot
set xlabel "day of the observed period"
set format x "% h"
set title "arrests per day"
if (nvalid[3] > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot \
     for [v = 0:nvar-1] pd("prevention.dat") index v using (mx(column(1))):(band && showma ? column(11) : NaN):12 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using 1:4 with linespoints \
         pt 7 ps rawps lc rgb vcolour_a(v, rawalpha) lw rawlw notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using (mx(column(1))):(showma ? ma(column(4)) : NaN) \
         with lines lt v+1 lw 2.5 notitle

# bottom right: calls per day
set lmargin at screen xl + pw + xgap
set rmargin at screen xl + 2 * pw + xgap
set title "calls per day"
if (nvalid[4] > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot \
     for [v = 0:nvar-1] pd("prevention.dat") index v using (mx(column(1))):(band && showma ? column(13) : NaN):14 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using 1:5 with linespoints \
         pt 7 ps rawps lc rgb vcolour_a(v, rawalpha) lw rawlw notitle, \
     for [v = 0:nvar-1] pd("prevention.dat") index v using (mx(column(1))):(showma ? ma(column(5)) : NaN) \
         with lines lt v+1 lw 2.5 notitle

# the key, in a panel of its own below
unset title
set tmargin at screen keyh
set bmargin at screen 0.0
set lmargin at screen 0.01
set rmargin at screen 0.99
unset border
unset tics
unset xlabel
unset ylabel
unset grid
set xrange [0:1]
set yrange [0:1]
set key inside center center horizontal
plot NaN notitle, \
     for [v = 0:nvar-1] keyentry with lines lt v+1 title variant[v+1]
unset multiplot
unset output
