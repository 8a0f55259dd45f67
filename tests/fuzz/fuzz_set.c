/* fuzz_set.c - fuzz target: overrides of the built-in scenario, one
 * "PATH=VALUE" per line of the input (at most 16 lines; a NUL ends the
 * input), applied and checked as `beatsim check --set ...` does, and the
 * variants accepted run briefly (fuzz_common.h). */
#include "fuzz_common.h"

#define FUZZ_SETS_MAX 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    scenario_set sets[FUZZ_SETS_MAX];
    size_t n = 0;
    for (char *line = text; line && *line && n < FUZZ_SETS_MAX;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        sets[n++] = (scenario_set){line, "--set"};
        line = nl ? nl + 1 : NULL;
    }
    scenario_text t;
    if (scenario_text_read(&t, NULL, stderr) != 0)
        abort();
    fuzz_experiment(&t, sets, n);
    scenario_text_free(&t);
    free(text);
    return 0;
}
