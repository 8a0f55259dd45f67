# activity.gp - how the officers on duty spend their time, per variant: a
# bar per variant cut into travel, on scene, follow-up, desk, breaks, patrol,
# visits, checks, strike work, available and returning, in per cent of
# on-duty time (plotdata/activity.dat).
#     gnuplot -e "dir='results/NAME'; fmt='png'" plots/activity.gp
if (!exists("common_loaded")) load "plots/common.gp"
# a sensitivity analysis: its points are not variants to compare line by line
if (exists("sa_method")) exit

# Activities keep these colours whatever the variant colours: the three
# kinds of call work warm, desk grey, proactive work (patrol, visits,
# checks, strike) dark and earthy, available and returning cool.
nact = 11
array act[nact] = ["travel", "on scene", "follow-up", "desk", "breaks", "patrol", "visits", \
                   "checks", "strike", "available", "returning"]
array actcolour[nact] = ["#EE7733", "#CC3311", "#EE3377", "#BBBBBB", "#DDDDDD", "#332288", \
                         "#117733", "#DDCC77", "#882255", "#009988", "#33BBEE"]
array acttext[nact] = ["black", "white", "black", "black", "black", "white", "white", \
                       "black", "white", "white", "black"]

# Activity k (1-based) is column k+1; its bar runs from left(k) to left(k+1).
left(k) = k <= 1 ? 0 : sum [j = 2:k] column(j)
# The share written inside a segment wide enough to hold it.
segtext(k) = column(k+1) >= 5 ? sprintf("%.1f", column(k+1)) : ""
# A row with every share defined. (Labels are given a valid point even
# where a row is undefined: gnuplot 5.4 crashes on a labels plot without
# one valid point; valid() tests a column without making the point
# undefined, as reading a NaN column does.)
rowok(x) = (sum [j = 2:nact+1] (valid(j) ? 1 : 0)) == nact

set output out("activity")
set title ftitle(sprintf("on-duty time by activity (%s)", repstext))
set xlabel "share of on-duty time (%)"
unset ylabel
set xrange [0:100]
set xtics 0, 10, 100
# (room for at least three bars, so that one or two are not too fat)
yhalf = (nvar > 3 ? nvar : 3) / 2.0
set yrange [-(nvar - 1) / 2.0 - yhalf:-(nvar - 1) / 2.0 + yhalf]
set ytics scale 0
set grid noytics xtics
# The key under the x label, centred on the figure (long variant names
# push the bars to the right).
set bmargin 7
set key at screen 0.5, screen 0.01 center bottom horizontal samplen 1.5
set style fill solid 1.0 border lc rgb "white"
# Variant v is drawn at y = -v, the first at the top, named from meta.gp
# (whose strings may hold any character; a data file's may not).
vname(r) = r < nvar ? variant[int(r) + 1] : ""
plot for [k = 1:nact] pd("activity.dat") \
         using (left(k)):(-column(0)):(left(k)):(left(k+1)):(-column(0) - 0.35):(-column(0) + 0.35):ytic(vname(column(0))) \
         with boxxyerror fc rgb actcolour[k] title act[k], \
     for [k = 1:nact] pd("activity.dat") \
         using (rowok(0) ? (left(k) + left(k+1)) / 2 : 50):(-column(0)):(rowok(0) ? segtext(k) : "") \
         with labels tc rgb acttext[k] notitle, \
     pd("activity.dat") using (50):(-column(0)):(rowok(0) ? "" : "no on-duty time") \
         with labels tc rgb "#606060" notitle
unset output
