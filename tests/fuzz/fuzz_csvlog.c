/* fuzz_csvlog.c - fuzz target: the bytes of a call log, read as
 * `beatsim fit` reads it (csvlog.c) with beatsim's own columns, with an
 * explicit map, with a date and a clock column through a strptime format,
 * and strictly; what is read is fitted (fit.c). Aborts when a message is
 * not one line of printable text (fuzz_common.h) or a read that succeeded
 * gives no row. */
#define FUZZ_MESSAGES_ONLY
#include "fuzz_common.h"

#include "csvlog.h"
#include "fit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const csvlog_options opts[] = {
        {.replication = -1},
        {.map = "time=time,type=type,priority=priority,beat=beat,station=station,"
                "dispatched=dispatched,arrived=arrived,cleared=cleared",
         .replication = -1},
        {.map = "date=date,clock=clock,type=type", .time_format = "%m/%d/%Y %I:%M:%S %p",
         .replication = -1},
        {.replication = -1, .strict = 1},
    };
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
        FILE *in = fmemopen((void *)(uintptr_t)data, size ? size : 1, "r");
        if (!in)
            abort();
        if (!size)
            fgetc(in); /* fmemopen wants a size of at least 1: read it empty */
        char *buf;
        size_t len;
        FILE *err = fuzz_messages(&buf, &len);
        csvlog log;
        int rc = csvlog_read_stream(&log, in, "fuzz.csv", &opts[i], NULL, err);
        fclose(in);
        if (rc == 0) {
            if (log.nrows == 0)
                abort();
            fit_result r;
            if (fit_log(&r, &log, err) != 0)
                abort();
            fit_free(&r);
            csvlog_free(&log);
        } else if (rc != 2) {
            abort();
        }
        fuzz_messages_done(err, &buf);
    }
    return 0;
}
