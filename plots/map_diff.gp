# map_diff.gp - where a variant answers faster or slower than the baseline:
# the beats of the city, each filled by the mean response time of its
# calls, variant minus baseline (plotdata/map_diff.dat), on a diverging
# palette centred on 0 with a range symmetric about it (red: slower than
# the baseline, blue: faster; grey: no answered calls in one of the two).
# One panel per variant of meta.gp's mapdiff: every variant with the
# baseline's beats, and with more than six, the six farthest from the
# baseline (mean absolute difference over the beats). Draws nothing with
# one variant. Beats from a map layer (meta.gp's mapshapes = 1) are drawn
# as their polygons (map_diff_shapes.dat, map_rings.dat).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/map_diff.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit
if (!exists("nmapdiff") || nmapdiff == 0) exit

absmax = 0
nmiss = 0
stats pd("map_diff.dat") using (absmaxof(5) * 0 + (valid(5) ? 0 : (nmiss = nmiss + 1)), 0) nooutput
cbmax = absmax > 0 ? absmax : 1

set output out("map_diff")
set multiplot title ftitle(sprintf("mean response time by beat: variant minus %s (%s)\nred: slower than the baseline, blue: faster%s", \
    baseline_name, repstext, nmiss > 0 ? "; grey: no answered calls" : ""))
@diverging
set cbrange [-cbmax:cbmax]
@panelbar
set cblabel "difference in mean response time (min)"
set size ratio -1
if (!exists("mapshapes")) mapshapes = 0
mapfile = mapshapes ? "map_rings.dat" : "map_diff.dat"
@mapextent
# polygon beats or squares and discs: each part runs once or not at all
# (gnuplot opens a file even for an empty loop: map_diff.dat stands in)
sh = mapshapes ? 1 : 0
shapes = mapshapes ? "map_diff_shapes.dat" : "map_diff.dat"
rings = mapshapes ? "map_rings.dat" : "map_diff.dat"
set key off
sq(x) = column(4) == 0 ? x : NaN
di(x) = column(4) != 0 ? x : NaN
ok(x) = valid(5) ? x : NaN
pt(x) = column(3) == 0 ? x : NaN  # a beat of area 0: a point
do for [i = 1:nmapdiff] { \
    set lmargin at screen panel_l(i, nmapdiff); set rmargin at screen panel_r(i, nmapdiff); \
    set tmargin at screen panel_t(i, nmapdiff); set bmargin at screen panel_b(i, nmapdiff); \
    set title variant[mapdiff[i] + 1] noenhanced; \
    if (panel_b(i, nmapdiff) < 0.2) { set xlabel "x (km)" } else { unset xlabel }; \
    if (panel_l(i, nmapdiff) < 0.1) { set ylabel "y (km)" } else { unset ylabel }; \
    plot for [j = 1:sh] pd(shapes) index (i - 1) using 1:2 with filledcurves closed \
             fc rgb "#D0D0D0", \
         for [j = 1:sh] pd(shapes) index (i - 1) using (ok($1)):2:5 with filledcurves closed \
             fc palette, \
         for [j = 1:sh] pd(rings) using 1:2 with lines lc rgb "#808080" lw 0.5, \
         for [j = sh:0] pd("map_diff.dat") index (i - 1) using (sq($1)):2:($1 - $3):($1 + $3):($2 - $3):($2 + $3) \
             with boxxyerror fs solid 1.0 border lc rgb "#808080" lw 0.5 fc rgb "#D0D0D0", \
         for [j = sh:0] pd("map_diff.dat") index (i - 1) using (di($1)):2:3 with circles fs solid 1.0 \
             border lc rgb "#808080" lw 0.5 fc rgb "#D0D0D0", \
         for [j = sh:0] pd("map_diff.dat") index (i - 1) using (ok(sq($1))):2:($1 - $3):($1 + $3):($2 - $3):($2 + $3):5 \
             with boxxyerror fs solid 1.0 border lc rgb "#808080" lw 0.5 lc palette, \
         for [j = sh:0] pd("map_diff.dat") index (i - 1) using (ok(di($1))):2:3:5 with circles \
             fs solid 1.0 border lc rgb "#808080" lw 0.5 lc palette, \
         for [j = sh:0] pd("map_diff.dat") index (i - 1) using (ok(pt($1))):2:5 with points pt 7 ps 3 lc palette \
}
unset multiplot
unset output
