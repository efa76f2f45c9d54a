#!/bin/sh
# run.sh — bounded coverage-guided fuzzing of the CSV reader (fuzz_csv), its
# plain split against libcsv (fuzz_csvsplit, differential), the field parsers
# (fuzz_parse), the workbook reader (fuzz_xlsx) and the whole ingest of a data
# folder (fuzz_ingest) with clang libFuzzer, ASan and UBSan.
# Usage: sh tests/fuzz/run.sh [SECONDS]   (per harness; default 60)
# FUZZ_CFLAGS adds compiler flags: FUZZ_CFLAGS=-DOV_NO_SIMD fuzzes the
# portable line scan rather than the SSE2 one.
# Builds into build-fuzz/, fuzzes a scratch copy of the harness's corpus there
# (tests/fuzz/corpus/; tests/fuzz/corpus-xlsx/, written by
# tests/tools/bad_xlsx.py, for fuzz_xlsx; tests/fuzz/corpus-ingest/ as well
# for fuzz_ingest, tests/fuzz/corpus-csvsplit/ as well for fuzz_csvsplit) so the repository is never modified, and exits non-zero when
# a crash is found (the crashing input is left in build-fuzz/ as crash-*). Once
# the crash is fixed, add that input to the corpus: make test replays every
# corpus file.
set -u

secs=${1:-60}
case $secs in
'' | *[!0-9]*)
    echo "run.sh: seconds must be a whole number, got '$secs'" >&2
    exit 2
    ;;
esac

cd "$(dirname "$0")/../.." || exit 2
out=build-fuzz
cc=${FUZZ_CC:-clang}
srcs="src/ingest/csvread.c src/ingest/xlsxread.c src/ingest/parse.c src/ingest/model.c src/core/mem.c src/core/strtab.c \
src/core/files.c src/core/text.c src/core/hash.c src/core/msg.c src/core/date.c"
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -g -O1 \
-fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all ${FUZZ_CFLAGS:-}"
libs="-lcsv -lpcre2-8 -lzip -lexpat -lcrypto -lm"

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "run.sh: $cc not found (libFuzzer needs clang)" >&2
    exit 2
fi
mkdir -p "$out" || exit 2

# the whole ingest needs every module but the command line's main
allsrcs=$(find src -name '*.c' ! -path src/cli/main.c | LC_ALL=C sort | tr '\n' ' ')
alllibs="-lcsv -lpcre2-8 -lxlsxwriter -lhpdf -lsqlite3 -lzip -lexpat -lcrypto -lz -lm -lpthread"

for h in fuzz_csv fuzz_csvsplit fuzz_parse fuzz_xlsx fuzz_ingest; do
    echo "  FUZZ-CC $h"
    if [ "$h" = fuzz_ingest ]; then
        # shellcheck disable=SC2086
        $cc $flags -o "$out/$h" "tests/fuzz/$h.c" $allsrcs $alllibs || exit 2
    else
        # shellcheck disable=SC2086
        $cc $flags -o "$out/$h" "tests/fuzz/$h.c" $srcs $libs || exit 2
    fi
done

status=0
for h in fuzz_csv fuzz_csvsplit fuzz_parse fuzz_xlsx fuzz_ingest; do
    work="$out/corpus-$h"
    mkdir -p "$work" || exit 2
    seeds=tests/fuzz/corpus
    dict=tests/fuzz/csv.dict
    if [ "$h" = fuzz_xlsx ]; then
        seeds=tests/fuzz/corpus-xlsx
        dict=tests/fuzz/xlsx.dict
    fi
    cp "$seeds"/* "$work/" || exit 2
    if [ "$h" = fuzz_ingest ]; then
        cp tests/fuzz/corpus-ingest/* "$work/" || exit 2
    fi
    if [ "$h" = fuzz_csvsplit ]; then
        cp tests/fuzz/corpus-csvsplit/* "$work/" || exit 2
    fi
    echo "  FUZZ    $h for ${secs}s"
    if ! "$out/$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -dict="$dict" -artifact_prefix="$out/crash-$h-" \
        -print_final_stats=1 "$work" >"$out/$h.log" 2>&1; then
        echo "run.sh: $h found a crash; see $out/$h.log and $out/crash-$h-*" >&2
        tail -n 40 "$out/$h.log" >&2
        status=1
    else
        grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$out/$h.log" |
            sed "s/^/  $h: /"
    fi
done
exit $status
