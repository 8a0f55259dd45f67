# daily.gp - the day-by-day series of each variant (plotdata/daily.dat):
# top, calls per day; bottom, officer-hours of call work (travel, on scene,
# follow-up; solid) and of desk work (dashed) per day. Thin lines are the
# days (in the bottom panel only for runs of up to 120 days), thick lines
# their moving average (7 days; 28 days for runs longer than 400 days),
# drawn once the run has two windows of days, with a translucent band of
# the 95 % interval of that moving mean over the replications (computed by
# beatsim: daily.dat's last six columns; none from one replication).
# Means over the replications.
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/daily.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit

# Days, and points above 0 of the axes from 0 (valid() does not make
# the point undefined, as reading a NaN column would).
ndays = 0
n2 = 0
n34 = 0
stats pd("daily.dat") using (ndays = column(1) + 1 > ndays ? column(1) + 1 : ndays, \
    n2 = n2 + pos(2), n34 = n34 + pos(3) + pos(4), 0) nooutput
mw = exists("daily_ma") ? daily_ma : (ndays > 400 ? 28 : 7)
showma = ndays >= 2 * mw
band = showma && reps > 1
# Raw days: full colour on short runs; faint when averages are drawn.
rawlw = showma ? 1 : 1.5
# Points only on a run of a day or two, where lines would not show.
rawps = ndays < 3 ? 1 : 0
rawalpha = showma ? (ndays > 120 ? 0xB0 : 0x70) : 0
# The bottom panel's days only on runs of up to 120 days: beyond, their
# weekly cycle of desk work hides everything else.
rawbottom = ndays <= 120

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

set output out("daily")
set multiplot title ftitle(sprintf("day by day (%s)\ncall work = travel + on scene + follow-up%s", \
    repstext, showma ? sprintf("; thick lines: %d-day moving average%s", mw, \
    reps > 1 ? ", bands: its 95 % intervals" : "") : ""))
# Layout (screen fractions): the key at the bottom, as many rows high as
# its entries need (a rough estimate of gnuplot's own layout: columns of
# the longest title), then the x label, then two panels of equal height.
maxlen = 9
do for [v = 1:nvar] { maxlen = strlen(variant[v]) > maxlen ? strlen(variant[v]) : maxlen }
keycols = int(880 / ((maxlen + 8) * 8.5))
keycols = keycols < 1 ? 1 : keycols
keyrows = ceil((nvar + 2.0) / keycols)
keyh = (keyrows * 18 + 16) / 560.0
ptop = 0.88
pgap = 0.04
pbot = keyh + 0.11
ph = (ptop - pbot - pgap) / 2
set lmargin at screen 0.09
set rmargin at screen 0.97
set xrange [ndays > 1 ? 0 : -0.5:ndays > 1 ? ndays - 1 : 0.5]
if (ndays > 730) { set xtics 0, 365; set mxtics 4 } else { set xtics autofreq; set mxtics default }
if (ndays <= 10) { set xtics 1 }
set key off
set offsets 0, 0, graph 0.08, 0

# top: calls per day
set tmargin at screen ptop
set bmargin at screen ptop - ph
set format x ""
unset xlabel
set ylabel "calls per day"
if (n2 > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(band ? column(8) : NaN):9 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using 1:2 with linespoints \
         pt 7 ps rawps lc rgb vcolour_a(v, rawalpha) lw rawlw notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(showma ? ma(column(2)) : NaN) \
         with lines lt v+1 lw 2.5 notitle

# bottom: officer-hours of call work and of desk work
set tmargin at screen pbot + ph
set bmargin at screen pbot
set format x "% h"
set xlabel "day of the observed period (day 0 starts at the end of the warm-up)"
set ylabel "officer-hours per day"
if (n34 > 0) { set yrange [0:*] } else { set yrange [0:1] }
plot \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(band ? column(10) : NaN):11 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(band ? column(12) : NaN):13 \
         with filledcurves fc rgb vcolour(v) fs transparent solid 0.2 noborder notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using 1:(rawbottom ? column(3) : NaN) with linespoints \
         pt 7 ps rawps lc rgb vcolour_a(v, rawalpha) lw rawlw notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using 1:(rawbottom ? column(4) : NaN) with linespoints \
         pt 7 ps rawps lc rgb vcolour_a(v, rawalpha) lw rawlw dt 2 notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(showma ? ma(column(3)) : NaN) \
         with lines lt v+1 lw 2.5 notitle, \
     for [v = 0:nvar-1] pd("daily.dat") index v using (mx(column(1))):(showma ? ma(column(4)) : NaN) \
         with lines lt v+1 lw 2.5 dt 2 notitle

# the key, in a panel of its own below
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
     for [v = 0:nvar-1] keyentry with lines lt v+1 title variant[v+1], \
     keyentry with lines lc "black" lw 2 title "call work", \
     keyentry with lines lc "black" lw 2 dt 2 title "desk work"
unset multiplot
unset output
