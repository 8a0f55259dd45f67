/* check.h - assertions on doubles shared by the test programs (cmocka). */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>

/* Exact comparison of two doubles, printing both on failure. */
#define assert_time_equal(got, want)                                           \
    do {                                                                       \
        double got_ = (got), want_ = (want);                                   \
        if (!(got_ == want_))                                                  \
            fail_msg("%s = %.17g, expected %.17g", #got, got_, want_);         \
    } while (0)

/* Fails with both values printed when |a - b| > tol. */
#define CHECK_NEAR(a, b, tol)                                                  \
    do {                                                                       \
        double a_ = (a), b_ = (b), t_ = (tol);                                 \
        if (!(fabs(a_ - b_) <= t_)) {                                          \
            print_error("%s = %.17g, %s = %.17g, |diff| = %.3g > %.3g\n", #a,  \
                        a_, #b, b_, fabs(a_ - b_), t_);                        \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* Relative closeness: |a - b| <= rel * |b|. */
#define CHECK_REL(a, b, rel) CHECK_NEAR(a, b, (rel) * fabs(b))

#endif /* CHECK_H */
