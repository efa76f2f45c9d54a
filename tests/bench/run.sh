#!/bin/sh
# Throughput benchmark at national scale.
#
# Generates synthetic partnerships under bench-data/ (git-ignored) with
# build/tools/gen_bench — 1, 10 and 20 million session rows over ~150 agencies,
# and 20 million over 300 — unless they are already there, then measures for
# each:
#   - the plain libcsv parse rate of the largest sessions.csv (build/tools/csv_rate),
#     and of all the sessions files together;
#   - `oversight validate` (ingest: read, check, write rejections and data quality);
#   - `oversight report --period 2025-26` (the whole run, PDF and XLSX included);
#   - the same with --history, twice into one new history file: the time of the
#     history phase (the one transaction that records the run) and the size of
#     the file after one run and after two;
# with /usr/bin/time -v for wall time and peak memory, and prints one table;
# then, against the floor: the report on BENCH_THREADS threads (default: the
# processors) and on one, beside libcsv alone tokenising every CSV byte of the
# same data with its files shared out between the same number of threads
# (csv_rate -j), and the ratio of the two.
# Then one agency's 200,000 sessions (WORKBOOK_ROWS) twice, as CSV and as the
# workbooks Excel would save (tests/bench/workbook.py, build/tools/csv2xlsx),
# and `oversight validate` on each: the workbook reader beside the CSV reader.
#
# Usage: sh tests/bench/run.sh            (from the repository root, or anywhere)
# Environment: OVERSIGHT (default ./oversight), BUILD (default build),
#              BENCH_SIZES (default "1000000 10000000 20000000 20000000:300"; a size
#                N:A is N sessions over A agencies: 20M over 300 agencies is a
#                partnership twice the size of 10M's, 20M alone agencies twice as big),
#              BENCH_THREADS (default: the processors available),
#              BENCH_REPEAT (default 3: the report on BENCH_THREADS threads and its
#                floor are run this many times, one after the other, and the run of
#                median wall time is the one shown, with the range beside it),
#              WORKBOOK_ROWS (default 200000; 0 skips the workbook timing).
set -u
cd "$(dirname "$0")/../.." || exit 2

OVERSIGHT=${OVERSIGHT:-./oversight}
BUILD=${BUILD:-build}
SIZES=${BENCH_SIZES:-"1000000 10000000 20000000 20000000:300"}
THREADS=${BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
REPEAT=${BENCH_REPEAT:-3}
ROOT=bench-data
TIME=/usr/bin/time
CC=${CC:-cc}

die() {
    echo "bench: $*" >&2
    exit 2
}

[ -x "$TIME" ] || die "$TIME is missing (Debian package 'time'): apt-get install time"

# Builds a tool through make, or directly when the library does not build right now.
tool() {
    name=$1
    shift
    make --no-print-directory BUILD="$BUILD" "$BUILD/tools/$name" >/dev/null 2>&1 && return 0
    mkdir -p "$BUILD/tools"
    echo "bench: building $name directly (the project library does not build at the moment)" >&2
    $CC -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -o "$BUILD/tools/$name" \
        "tests/tools/$name.c" "$@" || die "cannot build $BUILD/tools/$name"
}
tool gen_bench
tool csv_rate -lcsv
WB_ROWS=${WORKBOOK_ROWS:-200000}
if [ "$WB_ROWS" != 0 ]; then
    make --no-print-directory BUILD="$BUILD" "$BUILD/tools/csv2xlsx" >/dev/null 2>&1 ||
        die "cannot build $BUILD/tools/csv2xlsx"
fi

# A short label for a size: 1000000 -> 1M, 250000 -> 250k, 20000000:300 -> 20M-300.
label() {
    awk -v s="$1" 'BEGIN {
        n = s; a = ""
        if (index(s, ":")) { split(s, p, ":"); n = p[1]; a = "-" p[2] }
        if (n % 1000000 == 0) printf "%dM%s", n / 1000000, a;
        else if (n % 1000 == 0) printf "%dk%s", n / 1000, a;
        else printf "%d%s", n, a }'
}

# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss".
wall_seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i];
        printf "%.2f", s }' "$1"
}

# Peak resident memory in MB.
peak_mb() {
    awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}

mkdir -p "$ROOT/results" || die "cannot create $ROOT/"
RES=$ROOT/results

# Generate the datasets (skipped when complete from an earlier run).
for n in $SIZES; do
    l=$(label "$n")
    dir=$ROOT/$l
    if [ -f "$dir/.complete" ]; then
        echo "bench: using $dir (delete it to regenerate)" >&2
        continue
    fi
    rm -rf "$dir"
    echo "bench: generating $dir ($n sessions[:agencies])" >&2
    # shellcheck disable=SC2046 # "N:A" becomes the two arguments N A
    "$TIME" -v -o "$RES/$l.gen.time" "$BUILD/tools/gen_bench" "$dir" $(echo "$n" | tr ':' ' ') >&2 ||
        die "gen_bench failed for $dir"
    # Data rows over every CSV file (each file's header line excluded).
    find "$dir" -name '*.csv' -exec cat {} + | wc -l >"$dir/.lines"
    find "$dir" -name '*.csv' | wc -l >"$dir/.files"
    echo "$(( $(cat "$dir/.lines") - $(cat "$dir/.files") ))" >"$dir/.rows"
    echo "$n" >"$dir/.complete"
done

# Records a measurement: RES/<size>.<step> holds "wall rows_per_s peak_mb status".
measure() {
    key=$1
    rows=$2
    shift 2
    log=$RES/$key.log
    "$TIME" -v -o "$RES/$key.time" "$@" >"$log" 2>&1
    st=$?
    w=$(wall_seconds "$RES/$key.time")
    m=$(peak_mb "$RES/$key.time")
    r=$(awk -v r="$rows" -v w="$w" 'BEGIN { if (w > 0) printf "%.0f", r / w; else print "-" }')
    echo "$w $r $m $st" >"$RES/$key"
}

# libcsv alone: seconds from csv_rate itself (finer than /usr/bin/time), peak from time -v.
parse_rate() {
    key=$1
    shift
    if "$TIME" -v -o "$RES/$key.time" "$BUILD/tools/csv_rate" "$@" >"$RES/$key.log" 2>&1; then
        line=$(grep '^records=' "$RES/$key.log")
        s=$(echo "$line" | sed 's/.*seconds=\([0-9.]*\).*/\1/')
        recs=$(echo "$line" | sed 's/^records=\([0-9]*\).*/\1/')
        r=$(echo "$line" | sed 's/.*records_per_second=\([0-9]*\).*/\1/')
        echo "$s $r $(peak_mb "$RES/$key.time") 0 $recs" >"$RES/$key"
    else
        echo "- - - 1" >"$RES/$key"
    fi
}

# Keeps the run of median wall time of RES/KEY.1 .. KEY.REPEAT as RES/KEY (with
# its .log and .time) and the least and greatest wall times as RES/KEY.range.
keep_median() {
    key=$1
    k=1
    while [ "$k" -le "$REPEAT" ]; do
        [ -f "$RES/$key.$k" ] && echo "$(awk '{ print $1 }' "$RES/$key.$k") $k"
        k=$((k + 1))
    done | sort -n >"$RES/$key.runs"
    n=$(wc -l <"$RES/$key.runs")
    [ "$n" -gt 0 ] || return 0
    mid=$(awk -v m=$(((n + 1) / 2)) 'NR == m { print $2 }' "$RES/$key.runs")
    for ext in "" .log .time; do
        [ -f "$RES/$key.$mid$ext" ] && cp "$RES/$key.$mid$ext" "$RES/$key$ext"
    done
    awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }' "$RES/$key.runs" >"$RES/$key.range"
}

have_program=1
if [ ! -x "$OVERSIGHT" ]; then
    have_program=0
    echo "bench: $OVERSIGHT is not built yet (run make); measuring libcsv only" >&2
fi

for n in $SIZES; do
    l=$(label "$n")
    dir=$ROOT/$l
    rows=$(cat "$dir/.rows")
    # shellcheck disable=SC2012 # generated names: A001/sessions.csv ...
    largest=$(ls -S "$dir"/*/sessions.csv | head -n 1)
    echo "bench: $l: libcsv parse of $largest" >&2
    parse_rate "$l.csv_largest" "$largest"
    echo "bench: $l: libcsv parse of every sessions.csv" >&2
    parse_rate "$l.csv_all" "$dir"/*/sessions.csv
    if [ "$have_program" = 1 ]; then
        out=$ROOT/out-$l
        rm -rf "$out-validate" "$out-report" "$out-history"
        echo "bench: $l: oversight validate" >&2
        measure "$l.validate" "$rows" "$OVERSIGHT" validate "$dir" --out "$out-validate"
        # the report, then the floor (every CSV byte of the data through
        # libcsv alone, on as many threads as the report used), REPEAT times
        k=1
        while [ "$k" -le "$REPEAT" ]; do
            echo "bench: $l: oversight report --period 2025-26 --threads $THREADS (run $k)" >&2
            rm -rf "$out-report"
            measure "$l.report.$k" "$rows" "$OVERSIGHT" report "$dir" --period 2025-26 \
                --out "$out-report" -v --threads "$THREADS"
            # shellcheck disable=SC2046 # generated names without spaces
            parse_rate "$l.floor.$k" -j "$THREADS" $(find "$dir" -name '*.csv' | LC_ALL=C sort)
            k=$((k + 1))
        done
        keep_median "$l.report"
        keep_median "$l.floor"
        # then on one thread, beside a one-thread report
        if [ "$THREADS" != 1 ]; then
            echo "bench: $l: oversight report --period 2025-26 --threads 1" >&2
            rm -rf "$out-report1"
            measure "$l.report1" "$rows" "$OVERSIGHT" report "$dir" --period 2025-26 \
                --out "$out-report1" --threads 1
            # shellcheck disable=SC2046
            parse_rate "$l.floor1" -j 1 $(find "$dir" -name '*.csv' | LC_ALL=C sort)
        fi
        hist=$ROOT/history-$l.sqlite
        rm -f "$hist"
        for k in 1 2; do
            echo "bench: $l: oversight report --period 2025-26 --history (run $k)" >&2
            measure "$l.history$k" "$rows" "$OVERSIGHT" report "$dir" --period 2025-26 \
                --out "$out-history" --history "$hist" -v
            wc -c <"$hist" >"$RES/$l.history$k.bytes"
        done
    fi
done

# The workbook reader beside the CSV reader, on the same rows.
if [ "$WB_ROWS" != 0 ] && [ "$have_program" = 1 ]; then
    wl=$(label "$WB_ROWS")
    wdir=$ROOT/workbook-$wl
    if [ ! -f "$wdir/.complete" ]; then
        rm -rf "$wdir"
        echo "bench: generating $wdir ($WB_ROWS sessions, as CSV and as workbooks)" >&2
        ${PYTHON:-/usr/bin/python3} tests/bench/workbook.py "$wdir/csv" "$WB_ROWS" ||
            die "workbook.py failed"
        mkdir -p "$wdir/xlsx"
        for d in staff sessions; do
            "$BUILD/tools/csv2xlsx" "$wdir/xlsx/$d.xlsx" "$d=$wdir/csv/$d.csv" ||
                die "csv2xlsx failed"
        done
        touch "$wdir/.complete"
    fi
    wrows=$((WB_ROWS + $(wc -l <"$wdir/csv/staff.csv") - 1))
    for kind in csv xlsx; do
        echo "bench: $wl: oversight validate, the agency's files as $kind" >&2
        rm -rf "$ROOT/out-workbook-$kind"
        measure "workbook.$kind" "$wrows" "$OVERSIGHT" validate "$wdir/$kind" \
            --out "$ROOT/out-workbook-$kind"
    done
fi

# ---- the table -----------------------------------------------------------------
field() { # field KEY N: the N-th value of a result, or "-"
    if [ -f "$RES/$1" ]; then
        awk -v n="$2" '{ print $n }' "$RES/$1"
    else
        echo "-"
    fi
}

cell() { # one "wall  rows/s  peak" group, or the failure
    st=$(field "$1" 4)
    if [ "$st" = "-" ]; then
        printf '  %9s %13s %8s' "n/a" "" ""
    elif [ "$st" != 0 ]; then
        printf '  %9s %13s %8s' "FAILED" "(exit $st)" ""
    else
        printf '  %9s %13s %8s' "$(field "$1" 1)" \
            "$(field "$1" 2 | awk '{ if ($1 ~ /^[0-9]+$/) { s = $1; o = "";
                while (length(s) > 3) { o = "," substr(s, length(s) - 2) o;
                    s = substr(s, 1, length(s) - 3) } print s o } else print $1 }')" \
            "$(field "$1" 3)"
    fi
}

echo
printf '%-34s' "oversight benchmark"
for n in $SIZES; do
    printf '  %-32s' "$(label "$n") sessions"
done
echo
printf '%-34s' ""
for n in $SIZES; do
    printf '  %9s %13s %8s' "wall s" "rows/s" "peak MB"
done
echo
for step in csv_largest csv_all validate report history1; do
    case $step in
    csv_largest) name="libcsv parse, largest sessions.csv" ;;
    csv_all) name="libcsv parse, all sessions.csv" ;;
    validate) name="oversight validate (ingest)" ;;
    report) name="oversight report --period 2025-26" ;;
    history1) name="the same with --history" ;;
    esac
    printf '%-34s' "$name"
    for n in $SIZES; do
        cell "$(label "$n").$step"
    done
    echo
done
echo
for n in $SIZES; do
    l=$(label "$n")
    dir=$ROOT/$l
    printf '%s: %s data rows in %s files (%s MB), %s agencies; largest sessions.csv %s records\n' \
        "$l" "$(cat "$dir/.rows")" "$(cat "$dir/.files")" \
        "$(du -sm "$dir" | awk '{ print $1 }')" \
        "$(($(wc -l <"$dir/agencies.csv") - 1))" "$(field "$l.csv_largest" 5)"
done
for n in $SIZES; do
    l=$(label "$n")
    phases=$(sed -n 's/^oversight: timing: //p' "$RES/$l.report.log" | paste -sd ';' - |
        sed 's/;/; /g')
    [ -n "$phases" ] && echo "$l report phases: $phases"
done
for n in $SIZES; do
    l=$(label "$n")
    [ -f "$RES/$l.history1.log" ] || continue
    h1=$(sed -n 's/^oversight: timing: history //p' "$RES/$l.history1.log")
    h2=$(sed -n 's/^oversight: timing: history //p' "$RES/$l.history2.log")
    b1=$(cat "$RES/$l.history1.bytes" 2>/dev/null || echo 0)
    b2=$(cat "$RES/$l.history2.bytes" 2>/dev/null || echo 0)
    echo "$l history: recorded in $h1 into a new file ($b1 bytes), then in $h2 into one that" \
        "held a run ($b2 bytes)"
done
echo
echo "Against the floor: libcsv alone tokenising every CSV byte of the same data, its files"
echo "shared out between the same number of threads (build/tools/csv_rate -j)"
for n in $SIZES; do
    l=$(label "$n")
    for t in "$THREADS" 1; do
        rep=$l.report
        flo=$l.floor
        if [ "$t" = 1 ] && [ "$THREADS" != 1 ]; then
            rep=$l.report1
            flo=$l.floor1
        elif [ "$t" = 1 ]; then
            continue
        fi
        if [ ! -f "$RES/$rep" ] || [ ! -f "$RES/$flo" ]; then continue; fi
        rr=$(cat "$RES/$rep.range" 2>/dev/null)
        fr=$(cat "$RES/$flo.range" 2>/dev/null)
        awk -v l="$l" -v t="$t" -v w="$(field "$rep" 1)" -v m="$(field "$rep" 3)" \
            -v st="$(field "$rep" 4)" -v f="$(field "$flo" 1)" -v rr="$rr" -v fr="$fr" \
            -v n="$REPEAT" -v mb="$(du -sm "$ROOT/$l" | awk '{ print $1 }')" 'BEGIN {
            if (st != 0) { printf "%s, %s thread(s): the report failed (exit %s)\n", l, t, st; exit }
            split(rr, a, " "); split(fr, b, " ")
            printf "%s, %s thread(s): report %.2f s wall", l, t, w
            if (rr != "") printf " (median of %d: %.2f-%.2f)", n, a[1], a[2]
            printf ", peak %d MB; floor %.2f s", m, f
            if (fr != "") printf " (%.2f-%.2f)", b[1], b[2]
            printf " over %d MB;", mb
            if (f > 0) printf " ratio %.2f\n", w / f; else print " ratio -" }'
    done
done
echo "Goals (issue 13, 2 cores): report <= 3.0 s and ratio <= 1.5 at 10M on 2 threads;"
echo "peak <= 500 MB at 10M sessions and not doubling at 20M."
echo
echo "libcsv rows/s count records (header lines included); validate and report rows/s divide"
echo "all data rows of the dataset by the wall time. Logs: $RES/"
if [ -f "$RES/workbook.csv" ] && [ -f "$RES/workbook.xlsx" ]; then
    echo
    printf '%-34s  %9s %13s %8s\n' "one agency, $(label "$WB_ROWS") sessions" "wall s" "rows/s" \
        "peak MB"
    printf '%-34s' "oversight validate, CSV"
    cell workbook.csv
    echo
    printf '%-34s' "oversight validate, workbooks"
    cell workbook.xlsx
    echo
    awk -v c="$(field workbook.csv 1)" -v x="$(field workbook.xlsx 1)" 'BEGIN {
        if (c > 0) printf "workbooks take %.1f times as long as CSV\n", x / c }'
    ${PYTHON:-/usr/bin/python3} -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print("(sheet XML %.0f MB, text as shared strings)" % (z.getinfo("xl/worksheets/sheet1.xml").file_size / 1048576))' \
        "$ROOT/workbook-$(label "$WB_ROWS")/xlsx/sessions.xlsx"
fi
