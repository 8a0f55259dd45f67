# response_hour.gp - when responses are slow: the mean response time of the
# calls arriving in each hour of day, per variant, with a translucent band
# of its 95 % interval over the replications (Student-t, computed by
# beatsim; no band from one replication) (plotdata/response_hour.dat).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/response_hour.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit

# Valid points and the largest value drawn (means and interval tops).
nvalid = 0
ymax = 0
stats pd("response_hour.dat") using (nvalid = nvalid + valid(2), \
    ymax = valid(2) && column(2) > ymax ? column(2) : ymax, \
    ymax = valid(4) && column(4) > ymax ? column(4) : ymax, 0) nooutput

set output out("response_hour")
set title ftitle(sprintf("mean response time by hour of day (%s)\n%s", repstext, bandtext))
set xlabel "hour of day the call arrived (0 = 00:00-01:00)"
set ylabel "mean response time (min)"
set xrange [0:23]
set xtics 0, 3, 23
if (ymax > 0) { set yrange [0:ymax * 1.08] } else { set yrange [0:1] }
set key outside below center horizontal
set style fill transparent solid 0.2 noborder
plot for [v = 0:nvar-1] pd("response_hour.dat") index v using 1:3:4 with filledcurves \
         fc rgb vcolour(v) notitle, \
     for [v = 0:nvar-1] pd("response_hour.dat") index v using 1:2 with linespoints lt v+1 \
         pt 7 ps 0.6 title variant[v+1]
unset output
