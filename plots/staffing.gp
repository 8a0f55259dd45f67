# staffing.gp - beatsim staff's answer: officers of the planned group on
# duty per station (rows) and hour block (columns), the colour and the
# number the plan's, with the change from today's strength beside it
# (plotdata/staffing.dat, a line per cell; boxes rather than an image, so
# that one station or one block draws too). Drawn for a staff folder only: a run's folder has no
# staff_cells in meta.gp, and the script draws nothing there.
#     gnuplot -e "dir='results/NAME-staff'; fmt='png'" plots/staffing.gp
if (!exists("common_loaded")) load "plots/common.gp"
if (!exists("staff_cells")) exit
# the cells' text white on the dark cells
stats pd("staffing.dat") using 3 nooutput
dark = STATS_max > 0 ? 0.55 * STATS_max : 1

set output out("staffing")
set title ftitle(sprintf("officers on duty for %s (change from today)", staff_goal))
set xlabel staff_weekdays ? "hour block of the week" : "hour block of the day (every day)"
set ylabel "station"
set cblabel "officers on duty in the plan"
set xrange [-0.5:staff_cells - 0.5]
set yrange [staff_stations - 0.5:-0.5]
set cbrange [0:*]
set xtics () rotate by -45 font ",9"
do for [k = 1:staff_cells] { set xtics add (cell_label[k] k - 1) }
set ytics () font ",9"
do for [j = 1:staff_stations] { set ytics add (station_label[j] j - 1) }
unset grid
set tics front
set key off
plot pd("staffing.dat") using 1:2:($1 - 0.5):($1 + 0.5):($2 - 0.5):($2 + 0.5):3 \
         with boxxyerror fs solid 1.0 noborder lc palette, \
     pd("staffing.dat") using 1:2:5:($3 > dark ? 0xFFFFFF : 0x202020) with labels font ",8" tc rgb variable
unset output
