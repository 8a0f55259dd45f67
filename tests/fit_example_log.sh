#!/bin/sh
# fit_example_log.sh - writes a synthetic call log (beatsim's calls.csv
# columns, times in minutes since a Monday 00:00) to standard output:
# 8 weeks, 3 types, 20 beats in 4 stations, a day-and-evening hour
# profile, priorities and on-scene times. Deterministic on every awk: the
# random numbers are Park and Miller's minimal standard generator
# (CACM 31 (1988) 1192), exact in double precision.
# usage: tests/fit_example_log.sh > LOG.csv
awk 'BEGIN {
    seed = 20261204
    print "time,type,priority,beat,station,dispatched,arrived,cleared"
    split("theft disorder traffic", name, " ")
    split("40 70 50", perday, " ")            # calls a day, city-wide
    split("3 2 3", prio, " ")
    split("45 30 25", scene, " ")             # median on-scene minutes
    for (d = 0; d < 56; d++)
        for (h = 0; h < 24; h++)
            for (k = 1; k <= 3; k++) {
                # hour weight 0.4 .. 1.6, highest at 18:00; weekends x 1.2
                w = 1 + 0.6 * cos(2 * 3.141592653589793 * (h - 18) / 24)
                if (d % 7 >= 5) w *= 1.2
                mean = perday[k] * w / 24
                # Poisson count by inversion
                u = next_u(); p = exp(-mean); n = 0; c = p
                while (u > c && n < 1000) { n++; p *= mean / n; c += p }
                for (i = 0; i < n; i++) {
                    t = d * 1440 + h * 60 + 60 * next_u()
                    b = int(20 * next_u()); s = int(b / 5)
                    q = next_u() < 0.8 ? prio[k] : 1
                    travel = 4 + 8 * next_u()
                    z = sqrt(-2 * log(next_u())) * cos(2 * 3.141592653589793 * next_u())
                    on = scene[k] * exp(0.7 * z)
                    printf "%.3f,%s,%d,B%04d,S%02d,%.3f,%.3f,%.3f\n", t, name[k], q, b + 1, s + 1, \
                        t + 1, t + 1 + travel, t + 1 + travel + on
                }
            }
}
function next_u() { seed = (16807 * seed) % 2147483647; return seed / 2147483647 }'
