# sweep.gp - a metric against the value of the swept setting, one line per
# base variant, with 95 % confidence intervals over the replications
# (plotdata/sweep.dat). Draws nothing when the experiment has no numeric
# sweep. Any metric of the run can be drawn (plotdata/meta.gp lists them
# in sweep_metric): -e "metricname='waited_share'" picks one by name, or
# -e "metric=N" by its place in that list, whose first five are
#   1 response_p90_min    -> figures/sweep.FMT (the default)
#   2 response_mean_min   3 waited_share   4 coverage_gap_share
#   5 utilisation_share
# and every other metric (or a name) goes to figures/sweep_NAME.FMT:
#     gnuplot -e "dir='results/NAME'; fmt='png'; metricname='cleared_share'" plots/sweep.gp
if (!exists("common_loaded")) load "plots/common.gp"
if (sweep_setting eq "") exit

if (!exists("metric")) metric = 1
if (exists("metricname")) metric = 0; do for [i = 1:nsweepmetric] { if (sweep_metric[i] eq metricname) { metric = i } }
if (exists("metricname") && metric == 0) \
    exit error sprintf("beatsim figures: metricname='%s': not a metric of this run", metricname)
if (metric != int(metric) || metric < 1 || metric > nsweepmetric) \
    exit error sprintf("beatsim figures: metric=%g: expected 1 to %d", metric, nsweepmetric)
array mlabel[5] = ["response time, 90th percentile (min)", \
                   "response time, mean (min)", \
                   "calls that waited for an officer (%)", \
                   "beat-hours with nobody there (%)", \
                   "utilisation: call work / on-duty time (%)"]
isshare(n) = strlen(n) > 6 && n[strlen(n)-5:strlen(n)] eq "share"
label(k) = k <= 5 ? mlabel[k] : (isshare(sweep_metric[k]) ? sweep_metric[k]." (%)" : sweep_metric[k])
m = int(metric)
s = (m >= 3 && m <= 5) || (m > 5 && isshare(sweep_metric[m])) ? 100 : 1
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

set output out(m == 1 ? "sweep" : "sweep_".sweep_metric[m])
set title ftitle(sprintf("%s by %s\n(%s%s)", label(m), sweep_setting, repstext, \
                         reps > 1 ? ", bars: 95 % intervals" : "; no intervals from one replication"))
set xlabel sprintf("%s (value of the swept setting)", sweep_setting)
set ylabel label(m)
set xrange [xlo - xpad:xhi + xpad]
if (ymax > 0) { set yrange [0:*] } else { set yrange [0:1] }
set key outside below center horizontal
plot for [b = 0:nsweepbase-1] pd("sweep.dat") index b \
         using ($1 + dodge(b)):(s * column(3*m-1)):(s * column(3*m)):(s * column(3*m+1)) \
         with yerrorlines lt b+1 title sweepbase[b+1]
unset output
