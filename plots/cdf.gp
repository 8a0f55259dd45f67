# cdf.gp - response time distribution per variant: the share of answered
# calls reached within x minutes (plotdata/cdf.dat), with the response
# targets of the land types as vertical lines (plotdata/targets.dat).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/cdf.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit

# x axis: up to the largest 99th percentile of the variants, rounded up
# to 5 minutes, at least past the largest target and at most 120 minutes.
p99 = 0
stats pd("cdf.dat") using (p99 = (valid(1) && abs(column(2) - 0.99) < 1e-6 && column(1) > p99) ? column(1) : p99, 0) \
    nooutput
# The targets: the largest, and "15 min: urban_residential, ...; 30 min: rural".
tmax = 0
ttext = ""
stats pd("targets.dat") using (tmax = column(1) > tmax ? column(1) : tmax, \
    ttext = ttext . sprintf("%s%g min: %s", ttext eq "" ? "" : "; ", column(1), strcol(2)), 0) \
    nooutput
xmax = p99 > 0 ? 5 * ceil(p99 / 5.0) : 60
xmax = xmax < tmax + 5 ? 5 * ceil((tmax + 5) / 5.0) : xmax
xmax = xmax > 120 ? 120 : xmax

set output out("cdf")
set title ftitle(sprintf("response time distribution (%s)", repstext))
set xlabel "response time: from the call to the first officer on scene (min)". \
           (ttext eq "" ? "" : sprintf("\ndashed lines: response targets (%s)", ttext))
set ylabel "answered calls reached within that time (%)"
set xrange [0:xmax]
set yrange [0:100]
set ytics 0, 10, 100
set key outside below center horizontal
set arrow 1 from graph 0, first 90 to graph 1, first 90 nohead dt 3 lc rgb "#808080" lw 1 back
set label 1 "90 %" at graph 0.01, first 90 offset 0, 0.6 tc rgb "#606060" front
plot pd("targets.dat") using 1:(0):(0):(100) with vectors nohead dt 2 lw 1.5 \
         lc rgb "#606060" notitle, \
     pd("targets.dat") using 1:(2):(sprintf("target %g min", column(1))) \
         with labels rotate by 90 left offset 0.9, 0 font ",10" tc rgb "#404040" notitle, \
     for [v = 0:nvar-1] pd("cdf.dat") index v using 1:(100 * column(2)) with lines lt v+1 \
         title variant[v+1]
unset output
