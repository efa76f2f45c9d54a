#!/bin/sh
# Checks the Debian packages oversight needs; installs the missing ones with
# apt-get when run as root, otherwise prints the exact command and stops.
set -u
PKGS="make gcc libcsv-dev libpcre2-dev libxlsxwriter-dev libhpdf-dev libcmocka-dev \
libsqlite3-dev libssl-dev zlib1g-dev libzip-dev libexpat1-dev fonts-liberation2 fonts-dejavu-core poppler-utils python3 python3-openpyxl time groff-base"
PKGS="$PKGS $*"   # extra packages a target needs (e.g. clang for make fuzz)
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
    echo "oversight: installing missing packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "oversight: apt-get could not install:$missing" >&2
        exit 1
    }
else
    echo "oversight: missing packages:$missing" >&2
    echo "oversight: run: sudo apt-get install -y$missing" >&2
    exit 1
fi
