/* fuzz_scenario.c - fuzz target: the bytes of a scenario file, read,
 * checked and built as `beatsim check FILE` does (scenario_text_set,
 * experiment_load_text), and the variants it accepts run briefly
 * (fuzz_common.h). The file is named scenarios/fuzz.cfg, so its
 * @include lines find the library's shared parts (run from the top of
 * the repository). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf;
    size_t len;
    FILE *msg = fuzz_messages(&buf, &len);
    scenario_text t;
    int ok = scenario_text_set(&t, "scenarios/fuzz.cfg", (const char *)data, size, msg) == 0;
    fuzz_messages_done(msg, &buf);
    if (ok) {
        fuzz_experiment(&t, NULL, 0);
        scenario_text_free(&t);
    }
    return 0;
}
