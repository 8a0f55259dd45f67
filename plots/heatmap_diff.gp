# heatmap_diff.gp - where and when a variant leaves beats uncovered more or
# less often than the baseline: per variant, beat x hour of day, the share
# of days with nobody covering the beat in that hour, variant minus
# baseline (plotdata/heatmap_diff.dat), on a diverging palette centred on
# 0 with a range symmetric about it (red: more gaps than the baseline,
# blue: fewer). One panel per variant of meta.gp's heatdiff: every variant
# with the baseline's beats, and with more than six, the six farthest from
# the baseline (mean absolute difference over the beat-hours). Rows are
# the beats in the city's order (grouped by station), as in heatmap.gp.
# Draws nothing with one variant.
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/heatmap_diff.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit
if (!exists("nheatdiff") || nheatdiff == 0) exit

absmax = 0
nmissing = 0
stats pd("heatmap_diff.dat") using (absmaxof(24), \
    nmissing = nmissing + sum [h = 1:24] (valid(h) ? 0 : 1), 0) nooutput
# in percentage points; a run with no difference at all still gets a range
cbmax = absmax > 0 ? 100 * absmax : 1
# An image needs every value and two rows; else a box per cell.
useimage = nmissing == 0 && nbeats >= 2

set output out("heatmap_diff")
set multiplot title ftitle(sprintf("beat-hours with nobody there: variant minus %s (%s)\nred: more often uncovered than the baseline, blue: less often", \
    baseline_name, repstext))
@diverging
set cbrange [-cbmax:cbmax]
@panelbar
set cblabel "difference in days with nobody there (percentage points)"
set xrange [-0.5:23.5]
set yrange [nbeats + 0.5:0.5]
set xtics 0, 6, 23
if (nbeats < 10) { set ytics 1 } else { set ytics autofreq }
set format y "%.0f"
unset grid
set tics front
set key off
set object 1 rectangle from -0.5, 0.5 to 23.5, nbeats + 0.5 behind fc rgb "#D0D0D0" fs solid 1.0 noborder
cell(h) = 100 * column(h + 1)
do for [i = 1:nheatdiff] { \
    set lmargin at screen panel_l(i, nheatdiff); set rmargin at screen panel_r(i, nheatdiff); \
    set tmargin at screen panel_t(i, nheatdiff); set bmargin at screen panel_b(i, nheatdiff); \
    set title variant[heatdiff[i] + 1] noenhanced; \
    if (panel_b(i, nheatdiff) < 0.2) { set xlabel "hour of day" } else { unset xlabel }; \
    if (panel_l(i, nheatdiff) < 0.1) { set ylabel "beats (grouped by station)" } else { unset ylabel }; \
    if (useimage) { \
        plot pd("heatmap_diff.dat") matrix index (i - 1) using 1:($2 + 1):(100 * $3) with image \
    } else { \
        plot for [h = 0:23] pd("heatmap_diff.dat") index (i - 1) \
            using (h):(column(0) + 1):(h - 0.52):(h + 0.52):(column(0) + 0.48):(column(0) + 1.52):(cell(h)) \
            with boxxyerror fs solid 1.0 noborder lc palette \
    } \
}
unset multiplot
unset output
