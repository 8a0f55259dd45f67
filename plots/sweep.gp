# sweep.gp - a metric against the value of the swept setting, one line per
# base variant, with 95 % confidence intervals over the replications
# (plotdata/sweep.dat). Draws nothing when the experiment has no numeric
# sweep. The -e variable metric picks the metric (default 1):
#   1 response_p90_min    -> figures/sweep.FMT
#   2 response_mean_min   -> figures/sweep_response_mean.FMT
#   3 waited_share        -> figures/sweep_waited.FMT
#   4 coverage_gap_share  -> figures/sweep_coverage_gap.FMT
#   5 utilisation_share   -> figures/sweep_utilisation.FMT
#     gnuplot -e "dir='results/NAME'; fmt='png'; metric=2" plots/sweep.gp
if (!exists("common_loaded")) load "plots/common.gp"
if (sweep_setting eq "") exit

if (!exists("metric")) metric = 1
if (metric != int(metric) || metric < 1 || metric > 5) \
    exit error sprintf("beatsim figures: metric=%g: expected 1 to 5", metric)
array mlabel[5] = ["response time, 90th percentile (min)", \
                   "response time, mean (min)", \
                   "calls that waited for an officer (%)", \
                   "beat-hours with nobody there (%)", \
                   "utilisation: call work / on-duty time (%)"]
array mscale[5] = [1, 1, 100, 100, 100]
array mfile[5] = ["sweep", "sweep_response_mean", "sweep_waited", "sweep_coverage_gap", \
                  "sweep_utilisation"]
m = int(metric)
s = mscale[m]
# Base variants side by side at each value, a little apart, so that their
# bars do not hide each other.
# (Ranges found by hand, with a side effect per line, so that stats never
# meets a file without valid points and the ranges are never empty.)
xlo = NaN
xhi = NaN
ymax = 0
stats pd("sweep.dat") using (xlo = !(column(1) >= xlo) ? column(1) : xlo, \
    xhi = !(column(1) <= xhi) ? column(1) : xhi, \
    ymax = valid(3*m+1) && s * column(3*m+1) > ymax ? s * column(3*m+1) : ymax, \
    ymax = valid(3*m-1) && s * column(3*m-1) > ymax ? s * column(3*m-1) : ymax, 0) nooutput
xpad = xhi > xlo ? 0.04 * (xhi - xlo) : (abs(xlo) > 0 ? 0.1 * abs(xlo) : 1)
dodge(b) = nsweepbase > 1 ? (b - (nsweepbase - 1) / 2.0) * (xhi > xlo ? 0.2 : 0.02) * xpad : 0

set output out(mfile[m])
set title ftitle(sprintf("%s by %s\n(%s%s)", mlabel[m], sweep_setting, repstext, \
                         reps > 1 ? ", bars: 95 % intervals" : "; no intervals from one replication"))
set xlabel sprintf("%s (value of the swept setting)", sweep_setting)
set ylabel mlabel[m]
set xrange [xlo - xpad:xhi + xpad]
if (ymax > 0) { set yrange [0:*] } else { set yrange [0:1] }
set key outside below center horizontal
plot for [b = 0:nsweepbase-1] pd("sweep.dat") index b \
         using ($1 + dodge(b)):(s * column(3*m-1)):(s * column(3*m)):(s * column(3*m+1)) \
         with yerrorlines lt b+1 title sweepbase[b+1]
unset output
