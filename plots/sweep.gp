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
# The metric's target, drawn as a horizontal dashed line: on a response
# time (response_*_min) each response target of the baseline city's land
# types for the metric's priority (response_p2_* priority 2, response_p3_*
# priority 3, every other response time priority 1, the most urgent); on a
# share within target (within_target*_share) the 90 % line. None for the
# other metrics.
mname = sweep_metric[m]
isresp = strlen(mname) > 13 && mname[1:9] eq "response_" && mname[strlen(mname)-3:strlen(mname)] eq "_min"
tprio = strstrt(mname, "_p2_") ? 2 : (strstrt(mname, "_p3_") ? 3 : 1)
iswithin = strstrt(mname, "within_target") == 1
istarget(j) = (isresp && target_prio[j] == tprio) || (iswithin && j == 1)
tvalue(j) = iswithin ? 90 : target_min[j]
ttext(j) = iswithin ? "90 %" : sprintf("priority-%d target %g min", tprio, target_min[j])
ntgt = isresp || iswithin ? ntargets : 0
# Base variants side by side at each value, a little apart, so that their
# bars do not hide each other.
# (Ranges found by hand, with a side effect per line, so that stats never
# meets a file without valid points and the ranges are never empty.)
xlo = NaN
xhi = NaN
ylo = NaN
yhi = NaN
ext(c) = valid(c) ? (ylo = !(s * column(c) >= ylo) ? s * column(c) : ylo, \
    yhi = !(s * column(c) <= yhi) ? s * column(c) : yhi, 0) : 0
stats pd("sweep.dat") using (xlo = !(column(1) >= xlo) ? column(1) : xlo, \
    xhi = !(column(1) <= xhi) ? column(1) : xhi, ext(3*m-1) + ext(3*m) + ext(3*m+1), 0) nooutput
xpad = xhi > xlo ? 0.04 * (xhi - xlo) : (abs(xlo) > 0 ? 0.1 * abs(xlo) : 1)
dodge(b) = nsweepbase > 1 ? (b - (nsweepbase - 1) / 2.0) * (xhi > xlo ? 0.2 : 0.02) * xpad : 0
# The y axis shows the differences (not forced from 0): the values and
# their intervals with some room, and a target within one such span of
# them (a target farther off is named in the title instead).
if (ylo != ylo) { ylo = 0; yhi = 1 }
span = yhi > ylo ? yhi - ylo : (abs(yhi) > 0 ? 0.2 * abs(yhi) : 1)
offaxis = ""
do for [j = 1:ntgt] { if (istarget(j) && tvalue(j) >= ylo - span && tvalue(j) <= yhi + span) { ylo = tvalue(j) < ylo ? tvalue(j) : ylo; yhi = tvalue(j) > yhi ? tvalue(j) : yhi } else { if (istarget(j)) { offaxis = offaxis . sprintf("; %s off the axis", ttext(j)) } } }
span = yhi > ylo ? yhi - ylo : span
ymin = ylo - 0.1 * span
ymax = yhi + 0.1 * span
if (s == 100) { ymin = ymin < 0 ? 0 : ymin; ymax = ymax > 100 ? 100 : ymax }
do for [j = 1:ntgt] { if (istarget(j) && tvalue(j) >= ymin && tvalue(j) <= ymax) { set arrow 10 + j from graph 0, first tvalue(j) to graph 1, first tvalue(j) nohead dt 2 lw 1.5 lc rgb "#606060" back; set label 10 + j ttext(j) at graph 0.01, first tvalue(j) offset 0, 0.6 tc rgb "#404040" front } }

set output out(m == 1 ? "sweep" : "sweep_".sweep_metric[m])
set title ftitle(sprintf("%s by %s\n(%s%s%s)", label(m), sweep_setting, repstext, \
                         reps > 1 ? ", bars: 95 % intervals" : "; no intervals from one replication", offaxis))
set xlabel (exists("sweep_label") && sweep_label ne "" ? sweep_label : sweep_setting)
set ylabel label(m)
set xrange [xlo - xpad:xhi + xpad]
set yrange [ymin:ymax]
# One line per listed base variant, named in the key; a sweep without
# listed variants has one line, the scenario's, and no key.
listed = exists("nsweeplisted") ? nsweeplisted : nsweepbase
if (listed > 0) { set key outside below center horizontal } else { set key off }
plot for [b = 0:nsweepbase-1] pd("sweep.dat") index b \
         using ($1 + dodge(b)):(s * column(3*m-1)):(s * column(3*m)):(s * column(3*m+1)) \
         with yerrorlines lt b+1 title (listed > 0 ? sweepbase[b+1] : "")
unset output
