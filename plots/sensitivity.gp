# sensitivity.gp - a sensitivity analysis's indices per factor, with 95 %
# bootstrap intervals (plotdata/sensitivity.dat): Morris' mu* (mean
# absolute effect of the factor's whole range) beside sigma (their
# spread: interactions, curvature), or Sobol's total index ST beside the
# first-order S1. One figure per output: the first to
# figures/sensitivity.FMT, the others to figures/sensitivity_NAME.FMT.
# Draws nothing when the experiment has no sensitivity section.
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/sensitivity.gp
if (!exists("common_loaded")) load "plots/common.gp"
if (!exists("sa_method")) exit

morris = sa_method eq "morris"
set style data histogram
set style histogram errorbars gap 2 lw 1.2
set style fill solid 0.75 border -1
set boxwidth 0.9
set xtics rotate by -25 font ",8" nomirror
set key outside below center horizontal
set grid ytics
# (the loop is one line continued with \: see common.gp; stats keeps to
# the y range set, so the range is reset before it)
how = morris ? "Morris" : "Sobol'"
satitle(o) = ftitle(sprintf("what moves %s\n(%s; %s; bars: 95 %% bootstrap intervals)", sa_label[o], how, reps == 1 ? "1 replication a point" : sprintf("%d replications a point", reps)))
ylab(o) = morris ? sa_label[o] : "share of the variance"
main = morris ? "mu* (mean |effect|)" : "ST (total)"
other = morris ? "sigma (spread of the effects)" : "S1 (first order)"
# the larger (smaller) of two columns, 0 for a missing one
col0(c) = valid(c) ? column(c) : 0
hi2(a, b) = col0(a) > col0(b) ? col0(a) : col0(b)
lo2(a, b) = col0(a) < col0(b) ? col0(a) : col0(b)
c_main = "#3b6ea5"
c_other = "#e3a33b"
set xlabel "setting"
do for [o = 1:sa_noutputs] { \
    set output out(o == 1 ? "sensitivity" : "sensitivity_".sa_output[o]); \
    set title satitle(o); \
    set ylabel ylab(o); \
    set autoscale y; \
    stats pd("sensitivity.dat") index (o - 1) using (hi2(4, 7)) nooutput; \
    top = STATS_max; \
    stats pd("sensitivity.dat") index (o - 1) using (lo2(3, 6)) nooutput; \
    bot = STATS_min; \
    bot = morris || bot > 0 ? 0 : bot; \
    top = top > bot ? top : bot + 1; \
    set yrange [bot:top + 0.05 * (top - bot)]; \
    plot pd("sensitivity.dat") index (o - 1) using 2:3:4:xtic(1) lc rgb c_main title main, \
         "" index (o - 1) using 5:6:7 lc rgb c_other title other; \
    unset output \
}
