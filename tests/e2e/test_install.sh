#!/bin/sh
# test_install.sh — end-to-end check of `make install` and `make uninstall`
# into a temporary DESTDIR with PREFIX=/usr: the program, the templates, the
# manual page and the bash completion are installed where they belong; the
# installed program runs and reads the installed templates; the installed
# manual page renders without a warning; uninstall removes every file install
# wrote and the template folders it made, and nothing else.
# Run from the repository root (tests/e2e/run.sh does).
# Environment: OVERSIGHT (the built binary, for its version), MAKE (the make
# command, default make). The program is built afresh in a temporary folder.
# Prints one line per check; exits non-zero when any check fails.
# shellcheck disable=SC2016 # the sh -c scripts take their values as "$1", "$2", ...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
OVERSIGHT=${OVERSIGHT:-$root/oversight}
MAKE=${MAKE:-make}
PREFIX=/usr

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
# A build of its own: installing with another PREFIX compiles that PREFIX's
# template folder into the program, which must not touch the tree's build.
MAKE="$MAKE BUILD=$TMP/build BIN=$TMP/build/oversight"
DEST=$TMP/dest
BIN=$DEST$PREFIX/bin/oversight
SHARE=$DEST$PREFIX/share/oversight
MANPAGE=$DEST$PREFIX/share/man/man1/oversight.1
COMPLETION=$DEST$PREFIX/share/bash-completion/completions/oversight
failures=0

ok() { echo "ok   $1"; }
bad() {
    echo "FAIL $1"
    failures=$((failures + 1))
}
check() { # check NAME COMMAND...
    name=$1
    shift
    if "$@" >"$TMP/check.log" 2>&1; then ok "$name"; else
        bad "$name"
        sed 's/^/     /' "$TMP/check.log" | head -20
    fi
}
run_make() { # run_make TARGET: make TARGET into DEST, output in $TMP/make.log
    $MAKE --no-print-directory "$1" DESTDIR="$DEST" PREFIX="$PREFIX" >"$TMP/make.log" 2>&1
}
files_under() { # files_under DIR: every non-folder under DIR, relative, sorted
    if [ -d "$1" ]; then (cd "$1" && find . ! -type d | LC_ALL=C sort); fi
}
same_file() { # same_file INSTALLED SOURCE
    [ -f "$1" ] || {
        echo "missing: $1"
        return 1
    }
    cmp "$1" "$2"
}

# ---- install -------------------------------------------------------------------
if run_make install; then
    ok "make install DESTDIR=... PREFIX=$PREFIX"
else
    bad "make install DESTDIR=... PREFIX=$PREFIX"
    sed 's/^/     /' "$TMP/make.log" | tail -20
    exit 1
fi
files_under "$DEST" >"$TMP/installed.txt"

check "the program is installed and executable" test -f "$BIN" -a -x "$BIN"
for f in standards.csv bank-holidays-england-wales.csv narrative.txt profiles/default.csv; do
    check "template $f is installed in share/oversight" same_file "$SHARE/$f" "templates/$f"
done
check "every file of templates/ is installed, unchanged" sh -c '
    n=0
    for f in $(cd templates && find . -type f | LC_ALL=C sort); do
        cmp "templates/$f" "$1/$f" || exit 1
        n=$((n + 1))
    done
    echo "$n template files"; [ "$n" -gt 0 ]' sh "$SHARE"
if [ -f "$MANPAGE.gz" ]; then
    gzip -dc "$MANPAGE.gz" >"$TMP/oversight.1"
    ok "the manual page is installed (share/man/man1/oversight.1.gz)"
    check "the installed manual page is oversight.1" cmp "$TMP/oversight.1" oversight.1
elif [ -f "$MANPAGE" ]; then
    cp "$MANPAGE" "$TMP/oversight.1"
    ok "the manual page is installed (share/man/man1/oversight.1)"
    check "the installed manual page is oversight.1" cmp "$MANPAGE" oversight.1
else
    bad "the manual page is installed (share/man/man1/oversight.1)"
fi
check "the bash completion is installed (share/bash-completion/completions/oversight)" \
    same_file "$COMPLETION" completions/oversight.bash
check "install writes nothing else" sh -c '
    ! grep -Ev -e "^\./usr/bin/oversight\$" -e "^\./usr/share/oversight/" \
        -e "^\./usr/share/man/man1/oversight\.1(\.gz)?\$" \
        -e "^\./usr/share/bash-completion/completions/oversight\$" "$1"' sh "$TMP/installed.txt"

# ---- the installed program ---------------------------------------------------------
if "$BIN" --version >"$TMP/version.txt" 2>&1; then
    ok "the installed program runs --version: $(cat "$TMP/version.txt")"
    check "its version is the built program's" sh -c '
        grep -Eq "^oversight [0-9]+\.[0-9]+" "$1" && "$2" --version | cmp - "$1"' \
        sh "$TMP/version.txt" "$OVERSIGHT"
else
    bad "the installed program runs --version"
    sed 's/^/     /' "$TMP/version.txt" | head -20
fi
check "the installed program reports on sample-data with the installed templates" sh -c '
    "$1" report sample-data --period 2025-26-Q3 --as-of 2026-01-15 --templates "$2" \
        --out "$3" -q && test -s "$3/board-report.pdf" -a -s "$3/metrics.csv"' \
    sh "$BIN" "$SHARE" "$TMP/out"

# ---- the installed manual page renders cleanly -------------------------------------
if [ ! -f "$TMP/oversight.1" ]; then
    : # not installed: said above
elif command -v groff >/dev/null 2>&1; then
    check "groff -ww -man renders the installed page without a warning" sh -c '
        groff -ww -man -Tutf8 "$1" >"$1.txt" 2>"$1.err"; rc=$?
        cat "$1.err"; [ $rc -eq 0 ] && [ ! -s "$1.err" ] && grep -q "User Commands" "$1.txt"' \
        sh "$TMP/oversight.1"
elif command -v man >/dev/null 2>&1; then
    check "man -l renders the installed page without a warning" sh -c '
        MANPAGER=cat MANWIDTH=80 man --warnings -l "$1" >"$1.txt" 2>"$1.err"; rc=$?
        cat "$1.err"; [ $rc -eq 0 ] && [ ! -s "$1.err" ] && grep -q "User Commands" "$1.txt"' \
        sh "$TMP/oversight.1"
else
    echo "note neither groff nor man is installed: the manual page was not rendered"
fi
if [ -f "$TMP/oversight.1" ] && command -v mandoc >/dev/null 2>&1; then
    check "mandoc -Tlint finds no warning in the installed page" \
        mandoc -Tlint -W warning "$TMP/oversight.1"
fi

# ---- the installed completion ------------------------------------------------------
if [ -f "$COMPLETION" ] && command -v bash >/dev/null 2>&1; then
    check "the installed completion loads and offers the installed profiles" bash -c '
        cd "$2" && . "$1" && complete -p oversight &&
        COMP_WORDS=(oversight report data --profile "") && COMP_CWORD=4 && _oversight &&
        echo "profiles: ${COMPREPLY[*]}" && [[ " ${COMPREPLY[*]} " == *" lcs "* ]]' \
        bash "$COMPLETION" "$TMP"
fi

# ---- uninstall -----------------------------------------------------------------------
if run_make uninstall; then ok "make uninstall DESTDIR=... PREFIX=$PREFIX"; else
    bad "make uninstall DESTDIR=... PREFIX=$PREFIX"
    sed 's/^/     /' "$TMP/make.log" | tail -20
fi
check "every file install wrote is gone" sh -c '
    left=0
    while read -r f; do
        if [ -e "$2/$f" ] || [ -h "$2/$f" ]; then echo "left: $f"; left=1; fi
    done <"$1"
    [ $left -eq 0 ]' sh "$TMP/installed.txt" "$DEST"
check "no file is left under DESTDIR" sh -c 'test -z "$(cd "$1" && find . ! -type d)" ||
    { cd "$1" && find . ! -type d; exit 1; }' sh "$DEST"
check "the share/oversight folders are removed" test ! -e "$SHARE"

# ---- uninstall keeps what it did not write ---------------------------------------------
if run_make install; then
    mkdir -p "$SHARE/profiles" "$DEST$PREFIX/bin"
    printf 'kind,dataset,field,pattern,value,note\n' >"$SHARE/profiles/local.csv"
    printf 'another program\n' >"$DEST$PREFIX/bin/other-tool"
    if run_make uninstall; then
        check "uninstall keeps a partnership's own profile and other programs" sh -c '
            test "$(cd "$1" && find . ! -type d | LC_ALL=C sort)" = \
                "$(printf "./usr/bin/other-tool\n./usr/share/oversight/profiles/local.csv")" ||
            { cd "$1" && find . ! -type d; exit 1; }' sh "$DEST"
    else
        bad "make uninstall with a file of its own in share/oversight"
        sed 's/^/     /' "$TMP/make.log" | tail -20
    fi
    rm -f "$SHARE/profiles/local.csv" "$DEST$PREFIX/bin/other-tool"
    check "a second uninstall succeeds and removes the emptied folders" sh -c '
        $1 --no-print-directory uninstall DESTDIR="$2" PREFIX="$3" && test ! -e "$4"' \
        sh "$MAKE" "$DEST" "$PREFIX" "$SHARE"
else
    bad "make install (second time)"
    sed 's/^/     /' "$TMP/make.log" | tail -20
fi

if [ "$failures" -ne 0 ]; then
    echo "test_install: $failures check(s) failed"
    exit 1
fi
echo "test_install: all checks passed"
