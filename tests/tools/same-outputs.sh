#!/bin/sh
# same-outputs.sh — shows that a change of structure changed no output: builds
# REV (default HEAD) in a temporary worktree, runs it and the working tree's
# ./oversight on the sample partnership and the reference fixtures with the same
# arguments and run date, and compares every output file byte for byte.
# Usage: sh tests/tools/same-outputs.sh [REV]      (run from the project root)
set -eu
rev=${1:-HEAD}
root=$(pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT INT TERM
git worktree add --detach "$work/base" "$rev" >/dev/null 2>&1
make -s -C "$work/base" oversight >/dev/null
make -s oversight >/dev/null
export SOURCE_DATE_EPOCH=1777507200
fixtures=tests/fixtures
runs() {
    # name|arguments (DATA first); every run uses the working tree's templates
    cat <<RUNS
sample-year|report sample-data --period 2025-26 --trend 2 --title Northshire
sample-q4|report sample-data --period 2025-26-Q4 --trend 4
sample-ncc|report sample-data --period 2025-26 --agency NCC --trend 2
sample-validate|validate sample-data
tiny-q3|report $fixtures/tiny/data --period 2025-26-Q3
tiny-full-q3|report $fixtures/tiny-full/data --period 2025-26-Q3 --trend 3
tiny-two|report $fixtures/tiny/data --period 2025-26-Q3 --agency TWO
RUNS
}
differ=0
total=0
runs | while IFS='|' read -r name args; do
    for side in base new; do
        bin=$root/oversight
        [ "$side" = base ] && bin=$work/base/oversight
        mkdir -p "$work/$side/$name"
        # shellcheck disable=SC2086
        "$bin" $args --out "$work/$side/$name" --templates templates -q \
            >/dev/null 2>"$work/$side/$name.stderr" || echo "exit $?" >>"$work/$side/$name.stderr"
    done
    for f in "$work/base/$name"/* "$work/base/$name.stderr"; do
        rel=${f#"$work/base/"}
        total=$((total + 1))
        if ! cmp -s "$f" "$work/new/$rel"; then
            echo "DIFFERS $rel"
            differ=$((differ + 1))
        fi
    done
    for f in "$work/new/$name"/*; do
        [ -e "$work/base/${f#"$work/new/"}" ] || { echo "NEW FILE ${f#"$work/new/"}"; differ=$((differ + 1)); }
    done
    echo "$name: $(ls "$work/base/$name" | wc -l) files compared"
    [ "$differ" -eq 0 ] || exit 1
done
echo "same outputs as $rev: every file byte-identical"
