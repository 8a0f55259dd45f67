#!/bin/sh
# same_results.sh - are the results of this tree byte-identical to those of
# an earlier commit? For refactoring: `make same-results REF=<commit>`.
#
#   sh tests/same_results.sh REF BIN
#
# Builds commit REF in a git worktree under build/same-results/, then runs
# every library scenario (scenarios/*.cfg and scenarios/validation/*.cfg,
# as this tree has them) with both REF's program and BIN, without figures,
# and compares the two results folders file by file: every file must be
# byte-identical, except the manifest's command, start and end lines (and its
# list of files, which later versions write) and
# report.html's copy of them, and the folder name in the printed summary.
# Prints one line per scenario and exits 1 if any differs. Takes about
# 8 minutes on two cores (two runs of the whole library).
set -u
ref=${1:?usage: same_results.sh REF BIN}
bin=${2:?usage: same_results.sh REF BIN}
top=$(git rev-parse --show-toplevel) || exit 2
cd "$top" || exit 2
work=build/same-results
rm -rf "$work"
mkdir -p "$work"
git worktree remove --force "$work/tree" 2>/dev/null
git worktree add --detach "$work/tree" "$ref" >/dev/null 2>&1 ||
    { echo "same-results: cannot check out $ref" >&2; exit 2; }
make -C "$work/tree" --no-print-directory all >"$work/build.log" 2>&1 ||
    { echo "same-results: $ref does not build (see $work/build.log)" >&2; exit 2; }

# Lines that differ between any two runs of the same scenario.
normalise() {
    grep -v -e '^command ' -e '^started ' -e '^finished ' -e '^file ' -e '^results: ' "$1" |
        sed -e 's/build\/same-results\/[a-z]*\///g'
}

status=0
for f in scenarios/*.cfg scenarios/validation/*.cfg; do
    n=$(echo "$f" | tr / _)
    for side in ref new; do
        b=$bin
        [ $side = ref ] && b=$work/tree/bin/beatsim
        "$b" run "$f" --quiet --no-plots --force --out "$work/$side/$n" \
            >"$work/$side.$n.out" 2>&1
        echo "exit $?" >>"$work/$side.$n.out"
    done
    same=1
    for x in "$work/ref/$n"/* "$work/ref/$n"/plotdata/* "$work/ref.$n.out"; do
        [ -f "$x" ] || continue
        y=$(echo "$x" | sed "s|$work/ref|$work/new|")
        case "$x" in
        *manifest|*report.html|*.out)
            normalise "$x" >"$work/a" && normalise "$y" >"$work/b" 2>/dev/null &&
                cmp -s "$work/a" "$work/b" || { same=0; echo "  differs: $y"; } ;;
        *) cmp -s "$x" "$y" || { same=0; echo "  differs: $y"; } ;;
        esac
    done
    [ "$(ls "$work/ref/$n" 2>/dev/null)" = "$(ls "$work/new/$n" 2>/dev/null)" ] ||
        { same=0; echo "  different files: $n"; }
    if [ $same = 1 ]; then echo "same:    $f"; else echo "DIFFERS: $f"; status=1; fi
done
git worktree remove --force "$work/tree" >/dev/null 2>&1
exit $status
