# sh_checks.sh - what the shell tests share (sourced by tests/test_*.sh):
# bs (the beatsim binary, the first argument), the pass and fail counts
# with ok and bad, and a temporary folder $tmp removed on exit.
bs=${1:-bin/beatsim}
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
