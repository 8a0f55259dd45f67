# heatmap.gp - where and when nobody is there: for the baseline variant,
# the share of days on which a beat-hour had no on-duty officer covering
# the beat, by beat (rows, in the city's beat order, which groups beats by
# station: the band on the left alternates dark and light grey from one
# station to the next, and white lines part them) and hour of day
# (plotdata/heatmap.dat; the stations from plotdata/map.dat). A cell
# without a value would be grey.
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/heatmap.gp
if (!exists("common_loaded")) load "plots/common.gp"

# The cells are drawn as an image; when a value is missing (NaN), or for a
# single beat, gnuplot's image would warn or draw nothing, so then they
# are drawn as boxes, one per cell.
nmissing = 0
stats pd("heatmap.dat") using (nmissing = nmissing + sum [h = 1:24] (valid(h) ? 0 : 1), 0) \
    nooutput
useimage = nmissing == 0 && nbeats >= 2

set output out("heatmap")
set title ftitle(sprintf("beat-hours with nobody there, %s (%s)", baseline_name, repstext))
set xlabel "hour of day (0 = 00:00-01:00)"
set ylabel "beats (grouped by station)"
set cblabel "days with nobody covering the beat in that hour (%)"
set xrange [-1.6:23.5]
set yrange [nbeats + 0.5:0.5]
set cbrange [0:100]
set xtics 0, 3, 23
if (nbeats < 10) { set ytics 1 } else { set ytics autofreq }
set format y "%.0f"
set mytics 1
unset grid
set tics front
set key off
# map.dat has a beat's station in column 8, in the same order as the rows
# of heatmap.dat: a band of station colours left of the hour 0 column, and
# a line under the last beat of each station. (Each beat's piece of the band
# reaches into the next beat's, which covers it: no seams.)
st_prev = -1
stbreak(s) = (st_new = (column(0) > 0 && s != st_prev), st_prev = s, st_new ? column(0) + 0.5 : NaN)
stcolour(s) = int(s) % 2 ? 0x404040 : 0xA0A0A0
set object 1 rectangle from -0.5, 0.5 to 23.5, nbeats + 0.5 behind fc rgb "#D0D0D0" \
    fs solid 1.0 noborder
# The station band and lines, drawn over the cells (a macro, for both
# ways of drawing the cells).
stations = 'pd("map.dat") using (-1.05):(column(0) + 1):(-1.5):(-0.6):(column(0) + 0.5):(column(0) + 2.0):(stcolour(column(8))) with boxxyerror fs solid 1.0 noborder lc rgb variable, pd("map.dat") using (-1.5):(stbreak(column(8))):(25):(0) with vectors nohead lc rgb "white" lw 1.5'
# A box per cell, a little larger than the cell so that no seams show.
cell(h) = 100 * column(h + 1)
if (useimage) { \
    plot pd("heatmap.dat") matrix using 1:($2 + 1):(100 * $3) with image, @stations \
} else { \
    plot for [h = 0:23] pd("heatmap.dat") \
             using (h):(column(0) + 1):(h - 0.52):(h + 0.52):(column(0) + 0.48):(column(0) + 1.52):(cell(h)) \
             with boxxyerror fs solid 1.0 noborder lc palette, \
         @stations \
}
unset output
