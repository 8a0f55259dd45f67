#!/bin/sh
# seeds.sh - the seed corpus of the fuzz targets, made from the library and
# the bad-input table (nothing is kept twice in the repository).
# usage: tests/fuzz/seeds.sh DIR   (run from the top of the repository)
#
#   DIR/scenario/  every scenario file of the library and of
#                  scenarios/common/, and the file of each table case
#   DIR/set/       the --set values of each table case, one per line, and
#                  one override of every setting of scenarios/default.cfg
#   DIR/scenario.dict, DIR/set.dict   libFuzzer dictionaries: the setting
#                  names of scenarios/default.cfg and libconfig's tokens
set -eu
dir=${1:?usage: seeds.sh DIR}
rm -rf "$dir/scenario" "$dir/set" "$dir/beatmap" "$dir/csvlog"
mkdir -p "$dir/scenario" "$dir/set" "$dir/beatmap" "$dir/csvlog"
# the beat layers of tests/data (GeoJSON), for fuzz_beatmap
for f in tests/data/*.geojson; do
    cp "$f" "$dir/beatmap/data_$(basename "$f")"
done
for f in scenarios/*.cfg scenarios/common/*.cfg scenarios/validation/*.cfg; do
    cp "$f" "$dir/scenario/lib_$(echo "$f" | tr '/' '_')"
done
awk -v dir="$dir" '
    /^### / { n++; part = ""; next }
    n == 0 { next }
    /^args: / {
        s = ""
        k = split(substr($0, 7), a, " ")
        for (i = 1; i < k; i++) if (a[i] == "--set") s = s a[i + 1] "\n"
        if (s != "") { f = sprintf("%s/set/table_%03d", dir, n); printf "%s", s > f; close(f) }
        next
    }
    /^--- file$/ { part = sprintf("%s/scenario/table_%03d.cfg", dir, n); printf "" > part; next }
    /^--- stderr$/ { if (part != "") close(part); part = ""; next }
    part != "" { print > part }
' tests/bad_input.table
# one override per setting of the default file: PATH=VALUE as it stands
awk -v dir="$dir" '
    function path(   i, p) { p = ""; for (i = 1; i <= d; i++) p = p (p == "" ? "" : ".") st[i]; return p }
    { sub(/#.*/, "") }
    /^[ \t]*[a-z_0-9]+[ \t]*=[ \t]*[-0-9.tf"]/ {
        line = $0
        sub(/^[ \t]*/, "", line)
        name = line; sub(/[ \t]*=.*/, "", name)
        val = line; sub(/^[^=]*=[ \t]*/, "", val); sub(/;.*/, "", val)
        if (val !~ /[\[(]/) {
            n++
            f = sprintf("%s/set/default_%03d", dir, n)
            print (d ? path() "." : "") name "=" val > f
            close(f)
        }
    }
    /^[ \t]*[a-z_0-9]+[ \t]*=[ \t]*\{/ { name = $1; sub(/[ \t]*=.*/, "", name); st[++d] = name }
    /^[ \t]*\}[ \t]*;?[ \t]*$/ { if (d > 0) d-- }
' scenarios/default.cfg
{
    grep -o '^[ \t]*[a-z_][a-z_0-9]*[ \t]*=' scenarios/default.cfg | tr -d ' \t=' | sort -u |
        sed 's/.*/"&"/'
    for t in '=' ';' ',' '{' '}' '(' ')' '[' ']' '"' '@include "' '/*' '*/' '#' '//' \
             'true' 'false' 'L' '0x' 'e+308' '1e308' '-1' '0.0' '\x' '\"'; do
        printf '"%s"\n' "$(printf '%s' "$t" | sed 's/\\/\\\\/g; s/"/\\"/g')"
    done
} >"$dir/scenario.dict"
{ cat "$dir/scenario.dict"; printf '"."\n"[0]"\n"[1]"\n"=["\n'; } >"$dir/set.dict"
# GeoJSON's words, for fuzz_beatmap
for t in '"type"' '"FeatureCollection"' '"Feature"' '"features"' '"properties"' '"geometry"' \
         '"coordinates"' '"Polygon"' '"MultiPolygon"' '"Point"' '"crs"' '"name"' \
         '"urn:ogc:def:crs:EPSG::32633"' '"urn:ogc:def:crs:OGC:1.3:CRS84"' '"id"' '"station"' \
         '"residents"' '"land"' '[' ']' '{' '}' ':' ',' 'null' '-1e308'; do
    printf '"%s"\n' "$(printf '%s' "$t" | sed 's/\\/\\\\/g; s/"/\\"/g')"
done >"$dir/beatmap.dict"
# csvlog: the log of each `fit` case of the table, and the example log
awk -v dir="$dir" '
    /^### / { n++; part = ""; fit = 0; next }
    n == 0 { next }
    /^args: fit / { fit = 1; next }
    /^--- file$/ { if (fit) { part = sprintf("%s/csvlog/table_%03d.csv", dir, n); printf "" > part }; next }
    /^--- stderr$/ { if (part != "") close(part); part = ""; next }
    part != "" { print > part }
' tests/bad_input.table
sh tests/fit_example_log.sh | head -200 >"$dir/csvlog/example.csv"
for t in time type priority beat station dispatched arrived cleared replication variant date clock \
         '"' ',' '\x0d\x0a' '\xef\xbb\xbf' '2024-07-06 21:14:40' '2024-07-06T21:14:40+05:30' \
         '07/06/2024 09:14:40 PM' '12:00 AM' '1e308' '-1' 'nan'; do
    printf '"%s"\n' "$(printf '%s' "$t" | sed 's/"/\\"/g')"
done >"$dir/csvlog.dict"
touch "$dir/.made"
