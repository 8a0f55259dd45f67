# map.gp - map of the beats of the baseline variant, each drawn as its
# square or disc and filled by a metric (plotdata/map.dat). The -e
# variable mapmetric picks the metric (default 5):
#   5 response_mean_min   -> figures/map.FMT
#   6 incidents_per_day   -> figures/map_calls.FMT
#   7 coverage_gap_share  -> figures/map_coverage_gap.FMT
# Beats without a value (no answered calls) are grey; a beat of area 0 is
# a point. Beats from a map layer (meta.gp's mapshapes = 1) are drawn as
# their polygons: map_shapes.dat fills them (triangle by triangle, so holes
# stay open), map_rings.dat draws their outlines.
#     gnuplot -e "dir='results/NAME'; fmt='png'; mapmetric=7" plots/map.gp
if (!exists("common_loaded")) load "plots/common.gp"

if (!exists("mapmetric")) mapmetric = 5
if (mapmetric != 5 && mapmetric != 6 && mapmetric != 7) \
    exit error sprintf("beatsim figures: mapmetric=%g: expected 5, 6 or 7", mapmetric)
c = int(mapmetric)
array mtitle[3] = ["mean response time", "calls per day", "beat-hours with nobody there"]
array mlabel[3] = ["mean response time of the beat's calls (min)", "calls per day", \
                   "beat-hours with nobody there (%)"]
array mscale[3] = [1, 1, 100]
array mfile[3] = ["map", "map_calls", "map_coverage_gap"]
k = c - 4
val(x) = mscale[k] * x

# The colour bar runs from 0 to the largest value (0 to 100 % for shares).
vmax = 0
nmiss = 0
stats pd("map.dat") using (valid(c) ? (vmax = val(column(c)) > vmax ? val(column(c)) : vmax) \
    : (nmiss = nmiss + 1), 0) nooutput
vmax = k == 3 ? 100 : (vmax > 0 ? vmax : 1)

set output out(mfile[k])
set title ftitle(sprintf("%s by beat, %s (%s)", mtitle[k], baseline_name, repstext))
set xlabel "x (km)"
set ylabel "y (km)"
set cblabel mlabel[k]
set cbrange [0:vmax]
set size ratio -1
if (!exists("mapshapes")) mapshapes = 0
mapfile = mapshapes ? "map_rings.dat" : "map.dat"
@mapextent
set key outside below center horizontal
sq(x) = column(4) == 0 ? x : NaN
di(x) = column(4) != 0 ? x : NaN
ok(x) = valid(c) ? x : NaN
pt(x) = column(3) == 0 ? x : NaN  # a beat of area 0: a point
# Polygon beats (mapshapes = 1) or squares and discs: each part of the
# plot runs once or not at all (a loop over 1:0 plots nothing).
# (gnuplot opens a file even for an empty loop: map.dat stands in.)
sh = mapshapes ? 1 : 0
shapes = mapshapes ? "map_shapes.dat" : "map.dat"
rings = mapshapes ? "map_rings.dat" : "map.dat"
plot for [i = 1:sh] pd(shapes) using 1:2 with filledcurves closed \
         fc rgb "#D0D0D0" notitle, \
     for [i = 1:sh] pd(shapes) using (ok($1)):2:(val(column(c))) \
         with filledcurves closed fc palette notitle, \
     for [i = 1:sh] pd(rings) using 1:2 with lines lc rgb "#808080" lw 0.5 notitle, \
     for [i = sh:0] pd("map.dat") using (sq($1)):2:($1 - $3):($1 + $3):($2 - $3):($2 + $3) \
         with boxxyerror fs solid 1.0 border lc rgb "#808080" lw 0.5 fc rgb "#D0D0D0", \
     for [i = sh:0] pd("map.dat") using (di($1)):2:3 with circles fs solid 1.0 \
         border lc rgb "#808080" lw 0.5 fc rgb "#D0D0D0", \
     for [i = sh:0] pd("map.dat") using (ok(sq($1))):2:($1 - $3):($1 + $3):($2 - $3):($2 + $3):(val(column(c))) \
         with boxxyerror fs solid 1.0 border lc rgb "#808080" lw 0.5 lc palette, \
     for [i = sh:0] pd("map.dat") using (ok(di($1))):2:3:(val(column(c))) with circles \
         fs solid 1.0 border lc rgb "#808080" lw 0.5 lc palette, \
     for [i = sh:0] pd("map.dat") using (ok(pt($1))):2:(val(column(c))) with points pt 7 ps 3 \
         lc palette, \
     for [i = 1:(nmiss > 0 ? 1 : 0)] keyentry with boxes fs solid 1.0 border lc rgb "#808080" \
         fc rgb "#D0D0D0" title (k == 1 ? "no answered calls" : "no value")
unset output
