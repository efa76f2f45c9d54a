#!/bin/sh
# Runs every end-to-end test (tests/e2e/test_*.sh and test_*.py) against the
# built binary and prints a closing "N passed, N failed" line.
# Environment: OVERSIGHT (binary), PYTHON (with openpyxl). The tests read the
# reference fixtures in tests/fixtures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
OVERSIGHT=$(cd "$(dirname "${OVERSIGHT:-$root/oversight}")" && pwd)/$(basename "${OVERSIGHT:-oversight}")
PYTHON=${PYTHON:-/usr/bin/python3}
export OVERSIGHT PYTHON
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1768435200}
pass=0
fail=0
failed=""
for t in "$here"/test_*.sh "$here"/test_*.py; do
    [ -e "$t" ] || continue
    name=$(basename "$t")
    case "$t" in
    *.py) cmd="$PYTHON $t" ;;
    *) cmd="sh $t" ;;
    esac
    log=$(mktemp)
    if (cd "$root" && $cmd) >"$log" 2>&1; then
        pass=$((pass + 1))
        echo "PASS $name"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        echo "FAIL $name"
        sed 's/^/    /' "$log" | tail -40
    fi
    rm -f "$log"
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
