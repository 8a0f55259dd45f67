# common.gp - the prelude of every beatsim figure script (plots/*.gp).
#
# By hand, from the repository root (each script loads this file itself):
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/hour.gp
# dir (required) is a results folder with a plotdata/ subfolder (written by
# beatsim run); fmt is "png" (the default) or "svg". The figure goes to
# dir/figures/SCRIPT.fmt, and dir/figures/ must exist.
# beatsim itself feeds this file and then a script to gnuplot on standard
# input, with -e "dir='...'; fmt='...'; common_loaded=1", so nothing here
# (or in a script) may depend on where the script file lies, and a script
# sets its output only once it knows it draws something.
#
# After this file: the terminal is set; meta.gp's variables are defined
# (scenario, nvar, baseline, baseline_name, variant[1..nvar], reps,
# nbeats, prevention (1 when a variant has the proactive layer),
# sweep_setting, nsweepbase, sweepbase[1..nsweepbase]);
# out("hour") names the figure file, pd("hour.dat") a plotdata file;
# variant v (0-based) is drawn with linetype v+1 in every figure, whose
# colour is vcolour(v), or vcolour_a(v, a) with transparency a (0..255);
# the palette (sequential, light = low, dark = high) and the grid are set.

if (!exists("dir")) \
    exit error "beatsim figures: give the results folder, e.g. gnuplot -e \"dir='results/default'; fmt='png'\" plots/hour.gp"
if (!exists("fmt")) fmt = "png"
if (fmt ne "png" && fmt ne "svg") \
    exit error sprintf("beatsim figures: fmt='%s': expected 'png' or 'svg'", fmt)
common_loaded = 1

set encoding utf8
# No { } block may span lines in these scripts: gnuplot 5.4 run as
# "gnuplot -e '...' -" (as beatsim runs it) fails on them with "missing
# block terminator"; a block on one line, or continued with \, works.
if (fmt eq "svg") { \
    set terminal svg size 900,560 dynamic font "sans,11" background "white" noenhanced \
} else { \
    set terminal pngcairo size 900,560 font "sans,11" noenhanced \
}

pd(f) = sprintf("%s/plotdata/%s", dir, f)
out(n) = sprintf("%s/figures/%s.%s", dir, n, fmt)

load pd("meta.gp")

# Variant colours: Okabe-Ito (without its yellow, too pale on white) and
# three of Paul Tol's colours, all told apart by colour-blind readers.
# Variant v (0-based) is linetype v+1; after 10 variants they repeat.
array vcolours[10] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", \
                      "#56B4E9", "#000000", "#882255", "#999933", "#7F7F7F"]
do for [k = 1:10] { set linetype k lc rgb vcolours[k] lw 2 dt solid pt 7 ps 0.8 }
set linetype cycle 10
vcolour(v) = vcolours[int(v) % 10 + 1]
vcolour_a(v, a) = sprintf("#%02X%s", int(a), vcolour(v)[2:7])

# Sequential palette (yellow - orange - dark red, like ColorBrewer YlOrRd):
# lightness falls monotonically, so it reads in grey and for colour-blind
# readers; dark = more (longer response, more calls, bigger gap).
set palette defined (0 "#FFFFCC", 0.2 "#FED976", 0.4 "#FD8D3C", \
                     0.6 "#E31A1C", 0.8 "#B10026", 1 "#4D0013")
set palette maxcolors 0

set style line 100 lc rgb "#DDDDDD" lw 1 dt solid
set grid back ls 100
set border lc rgb "#404040"
set tics nomirror out
set key noautotitle reverse Left samplen 3 height 0.6

# The title of a figure: the scenario, then what it shows.
ftitle(s) = sprintf("%s: %s", scenario, s)
# "means over 3 replications" / "1 replication", for titles
repstext = reps == 1 ? "1 replication" : sprintf("means over %d replications", reps)
