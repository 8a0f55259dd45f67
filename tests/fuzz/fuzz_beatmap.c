/* fuzz_beatmap.c - fuzz target: the bytes of a GeoJSON beat layer, read
 * by beatmap_load as city.boundaries (through GDAL's in-memory files,
 * /vsimem/), then, when accepted, the city built from it, every beat's
 * adjacency, point test and uniform points. Aborts when a message is not
 * one line of printable text (fuzz_common.h), when an accepted layer does
 * not build, or when a point drawn in a beat lies in no beat. */
#include "fuzz_common.h"

#include "beatmap.h"
#include "city.h"

#include <cpl_vsi.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *name = "/vsimem/fuzz_beats.geojson";
    VSILFILE *v = VSIFileFromMemBuffer(name, (GByte *)(uintptr_t)data, (vsi_l_offset)size, FALSE);
    if (!v)
        return 0;
    VSIFCloseL(v);
    scenario s;
    scenario_defaults(&s);
    snprintf(s.layer.boundaries, sizeof s.layer.boundaries, "%s", name);
    s.layer.missing = MISSING_RESIDENTS_AREA;
    s.layer.residents = 100000;
    char *buf;
    size_t len;
    FILE *msg = fuzz_messages(&buf, &len);
    int ok = beatmap_load(&s, NULL, msg) == 0;
    if (ok) {
        city c;
        if (city_build(&c, &s, msg) != 0)
            abort();
        for (size_t i = 0; i < c.nbeats; i++) {
            const polygon *p = c.beats[i].poly;
            for (int k = 0; k < 8; k++) {
                double x, y;
                polygon_sample(p, (k + 0.5) / 8, 0.3, 0.6, &x, &y);
                if (!(x >= p->x0 - 1e-9 && x <= p->x1 + 1e-9 && y >= p->y0 - 1e-9 &&
                      y <= p->y1 + 1e-9))
                    abort();
                (void)city_beat_at(&c, x, y);
            }
        }
        city_free(&c);
    }
    fuzz_messages_done(msg, &buf);
    scenario_free(&s);
    VSIUnlink(name);
    return 0;
}
