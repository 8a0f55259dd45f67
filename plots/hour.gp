# hour.gp - demand and supply by hour of the day, per variant: calls per
# hour (left axis, solid) and officers on duty (right axis, dashed), means
# over the replications (plotdata/hour.dat).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/hour.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit

# Axes from 0 need a point above 0: count them (valid() does not make
# the point undefined, as reading a NaN column would).
n2 = 0
n3 = 0
stats pd("hour.dat") using (n2 = n2 + pos(2), n3 = n3 + pos(3), 0) nooutput

set output out("hour")
set title ftitle(sprintf("calls and officers on duty by hour of day (%s)", repstext))
set xlabel "hour of day (0 = 00:00-01:00)"
set ylabel "calls per hour (solid lines)"
set y2label "officers on duty (dashed lines)"
set xrange [0:23]
set xtics 0, 3, 23
if (n2 > 0) { set yrange [0:*] } else { set yrange [0:1] }
if (n3 > 0) { set y2range [0:*] } else { set y2range [0:1] }
set ytics nomirror
set y2tics
set key outside below center horizontal
plot for [v = 0:nvar-1] pd("hour.dat") index v using 1:2 with lines lt v+1 \
         title variant[v+1], \
     for [v = 0:nvar-1] pd("hour.dat") index v using 1:3 axes x1y2 with lines lt v+1 dt 2 \
         notitle
unset output
