#!/bin/sh
# Builds the libraries oversight links, for WebAssembly (Emscripten), from the
# Debian sources of the installed versions, and prints the folder that holds
# them (include/ and lib/; libharu's in haru/include/ and haru/lib/). The sources come through an apt configuration of the
# build's own (a deb-src list and package lists in the cache): the system's
# sources are left as they are. Built libraries are cached outside the work
# tree, keyed by the versions, the recipe and the compiler:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/oversight-web/<key>
# OVERSIGHT_WEB_CACHE overrides the cache folder. Progress goes to stderr.
set -eu

# The source packages, pinned. Where a version's sources are no longer published
# (a security update superseded on the mirror), the suite's version is pinned
# and the difference is said at build time.
PINS="zlib=1:1.2.13.dfsg-1 libcsv=3.0.3+dfsg-6 pcre2=10.42-1 libxlsxwriter=1.1.4-2 \
libharu=2.3.0+dfsg-1 openssl=3.0.20-1~deb12u2 sqlite3=3.40.1-2+deb12u2 libzip=1.7.3-1 \
expat=2.5.0-1+deb12u2"
# The binary package each source is installed as, for the version check.
INSTALLED="zlib:zlib1g-dev libcsv:libcsv-dev pcre2:libpcre2-dev libxlsxwriter:libxlsxwriter-dev \
libharu:libhpdf-dev openssl:libssl-dev sqlite3:libsqlite3-dev libzip:libzip-dev expat:libexpat1-dev"
RECIPE=2          # bump when a recipe below changes
SUITES="bookworm bookworm-updates"
MIRROR=${OVERSIGHT_DEBIAN_MIRROR:-http://deb.debian.org}
JOBS=${JOBS:-2}

say() { echo "oversight-web: $*" >&2; }
die() { say "$*"; exit 1; }

command -v emcc >/dev/null || die "emcc not found: install Debian's emscripten (make web does it when root)"
EMVER=$(emcc --version 2>/dev/null | head -1)
CACHE=${OVERSIGHT_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oversight-web}
KEY=$(printf '%s\n' "$PINS" "$RECIPE" "$EMVER" | sha256sum | cut -c1-16)
OUT=$CACHE/$KEY
if [ -f "$OUT/.complete" ]; then echo "$OUT"; exit 0; fi

export NODE_PATH=/usr/share/nodejs   # emcc's optimiser needs Debian's node modules
export EMCC_SKIP_SANITY_CHECK=1
mkdir -p "$OUT/include" "$OUT/lib" "$OUT/stamp" "$CACHE/apt/lists/partial" \
    "$CACHE/apt/cache/archives/partial" "$CACHE/src"

# The build's own apt: deb-src lines, lists and downloads under the cache.
APT_LIST=$CACHE/apt/sources.list
{
    for s in $SUITES; do echo "deb-src $MIRROR/debian $s main"; done
    echo "deb-src $MIRROR/debian-security bookworm-security main"
} > "$APT_LIST"
APT="-o Dir::Etc::SourceList=$APT_LIST -o Dir::Etc::SourceParts=/nonexistent \
-o Dir::State::Lists=$CACHE/apt/lists -o Dir::Cache=$CACHE/apt/cache \
-o Debug::NoLocking=1 -o APT::Sandbox::User=$(id -un)"

# pin_of NAME: the pinned version of source package NAME.
pin_of() { for p in $PINS; do [ "${p%%=*}" = "$1" ] && { echo "${p#*=}"; return; }; done; }

# Says where the installed version differs from the pinned one.
for i in $INSTALLED; do
    src=${i%%:*}; bin=${i#*:}
    have=$(dpkg-query -W -f='${Version}' "$bin" 2>/dev/null || true)
    want=$(pin_of "$src")
    case "$have" in "$want"|"$want"+b*|"") ;;
    *) say "$src: installed $have, whose sources are not published any more; building $want" ;;
    esac
done

fetched() { [ -f "$CACHE/src/.fetched-$KEY" ]; }
if ! fetched; then
    say "fetching Debian sources"
    # shellcheck disable=SC2086
    apt-get $APT -qq update >&2 || die "apt-get update (deb-src) failed"
    for p in $PINS; do
        # shellcheck disable=SC2086
        (cd "$CACHE/src" && apt-get $APT -qq source --download-only "$p" >/dev/null 2>&1) ||
            say "${p%%=*}: some of its source files are not published (using what is)"
    done
    touch "$CACHE/src/.fetched-$KEY"
fi

WORK=$CACHE/work-$KEY
mkdir -p "$WORK"

# unpack NAME: extracts NAME's pinned sources with Debian's patches into $WORK,
# printing the folder. Without the Debian changes (not published), the upstream
# source alone, and says so.
unpack() {
    v=$(pin_of "$1"); uv=${v#*:}; uv=${uv%-*}
    dir=$WORK/$1
    rm -rf "$dir"
    dsc=$CACHE/src/${1}_$(echo "${v#*:}").dsc
    if [ -f "$dsc" ] && dpkg-source -x "$dsc" "$dir" >/dev/null 2>&1; then :
    else
        orig=$(ls "$CACHE/src/${1}_$uv.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -1)
        [ -n "$orig" ] || die "$1: no source for $v"
        say "$1: Debian's changes for $v are not published: upstream $uv"
        mkdir -p "$dir" && tar -xf "$orig" -C "$dir" --strip-components=1
    fi
    echo "$dir"
}

done_() { [ -f "$OUT/stamp/$1" ]; }
mark() { touch "$OUT/stamp/$1"; }

CFLAGS_W="-O2"
CMAKE_COMMON="-DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS=$CFLAGS_W -DBUILD_SHARED_LIBS=OFF \
-DCMAKE_INSTALL_PREFIX=$OUT -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_PREFIX_PATH=$OUT \
-DCMAKE_FIND_ROOT_PATH=$OUT"

if ! done_ zlib; then
    say "zlib"; d=$(unpack zlib)
    (cd "$d" && CFLAGS=$CFLAGS_W emconfigure ./configure --static --prefix="$OUT" &&
        emmake make -j"$JOBS" libz.a && emmake make install) >"$WORK/zlib.log" 2>&1 ||
        die "zlib failed: $WORK/zlib.log"
    mark zlib
fi

if ! done_ libcsv; then
    say "libcsv"; d=$(unpack libcsv)
    (cd "$d" && emcc $CFLAGS_W -c libcsv.c -o libcsv.o && emar rcs "$OUT/lib/libcsv.a" libcsv.o &&
        cp csv.h "$OUT/include/") >"$WORK/libcsv.log" 2>&1 || die "libcsv failed: $WORK/libcsv.log"
    mark libcsv
fi

if ! done_ pcre2; then
    say "pcre2 (no JIT in WebAssembly: the interpreter)"; d=$(unpack pcre2)
    # shellcheck disable=SC2086
    (mkdir -p "$d/b" && cd "$d/b" && emcmake cmake .. $CMAKE_COMMON -DPCRE2_SUPPORT_JIT=OFF \
        -DPCRE2_BUILD_PCRE2GREP=OFF -DPCRE2_BUILD_TESTS=OFF -DPCRE2_SUPPORT_LIBBZ2=OFF \
        -DPCRE2_SUPPORT_LIBZ=OFF -DPCRE2_SUPPORT_LIBEDIT=OFF -DPCRE2_SUPPORT_LIBREADLINE=OFF &&
        emmake make -j"$JOBS" && emmake make install) >"$WORK/pcre2.log" 2>&1 ||
        die "pcre2 failed: $WORK/pcre2.log"
    mark pcre2
fi

if ! done_ openssl; then
    say "openssl libcrypto (several minutes)"; d=$(unpack openssl)
    # emconfigure would mangle the compiler name: CC=emcc with no cross prefix.
    # The program hashes with SHA-256 and libxlsxwriter with MD5: the ciphers,
    # public-key schemes and message formats neither uses are left out, which
    # makes the page about 0.7 MB smaller (make test-web shows the same outputs).
    (cd "$d" && CC=emcc AR=emar RANLIB=emranlib CROSS_COMPILE= ./Configure linux-generic32 \
        no-asm no-threads no-shared no-dso no-engine no-sock no-afalgeng no-tests \
        no-ui-console no-aria no-bf no-camellia no-cast no-des no-idea no-rc2 no-rc4 no-seed \
        no-sm2 no-sm3 no-sm4 no-whirlpool no-md4 no-mdc2 no-rmd160 no-scrypt no-siphash \
        no-siv no-ocb no-cms no-ts no-ocsp no-ct no-srp no-dsa no-dh no-ec no-chacha \
        no-poly1305 no-cmac no-blake2 --prefix="$OUT" --libdir=lib --openssldir=/nonexistent &&
        make -j"$JOBS" build_generated && make -j"$JOBS" libcrypto.a &&
        cp libcrypto.a "$OUT/lib/" && mkdir -p "$OUT/include/openssl" &&
        cp include/openssl/*.h "$OUT/include/openssl/") >"$WORK/openssl.log" 2>&1 ||
        die "openssl failed: $WORK/openssl.log"
    mark openssl
fi

if ! done_ libxlsxwriter; then
    say "libxlsxwriter (OpenSSL's MD5, as Debian builds it)"; d=$(unpack libxlsxwriter)
    # shellcheck disable=SC2086
    (mkdir -p "$d/b" && cd "$d/b" && emcmake cmake .. $CMAKE_COMMON -DUSE_OPENSSL_MD5=ON \
        -DZLIB_ROOT="$OUT" -DOPENSSL_ROOT_DIR="$OUT" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF &&
        emmake make -j"$JOBS" && emmake make install) >"$WORK/libxlsxwriter.log" 2>&1 ||
        die "libxlsxwriter failed: $WORK/libxlsxwriter.log"
    mark libxlsxwriter
fi

if ! done_ libharu; then
    say "libharu"; d=$(unpack libharu)
    # Debian's fix-version.diff: the version is 2.3.0 (upstream's header says
    # 2.3.0RC2), which is the PDF's Producer.
    sed -i 's/^#define HPDF_EXTRA_VERSION .*/#define HPDF_EXTRA_VERSION ""/;
            s/^#define HPDF_VERSION_TEXT .*/#define HPDF_VERSION_TEXT "2.3.0"/' \
        "$d/include/hpdf_version.h"
    # Its own prefix, so that its build never finds an installed hpdf header
    # before its own.
    # shellcheck disable=SC2086
    (mkdir -p "$d/b" && cd "$d/b" && emcmake cmake .. $CMAKE_COMMON -DCMAKE_INSTALL_PREFIX="$OUT/haru" \
        -DLIBHPDF_SHARED=OFF -DLIBHPDF_STATIC=ON -DLIBHPDF_EXAMPLES=OFF -DZLIB_ROOT="$OUT" \
        -DZLIB_INCLUDE_DIR="$OUT/include" -DZLIB_LIBRARY="$OUT/lib/libz.a" -DMATH_LIB=m &&
        emmake make -j"$JOBS" && emmake make install) >"$WORK/libharu.log" 2>&1 ||
        die "libharu failed: $WORK/libharu.log"
    a=$(ls "$OUT"/haru/lib/libhpdf*.a | head -1)
    [ "$a" = "$OUT/haru/lib/libhpdf.a" ] || mv "$a" "$OUT/haru/lib/libhpdf.a"
    mark libharu
fi

if ! done_ sqlite3; then
    say "sqlite3"; d=$(unpack sqlite3)
    # The amalgamation is generated with the host's compiler and tclsh, then
    # compiled with Debian's options (no threads, no extensions loaded).
    (mkdir -p "$d/b" && cd "$d/b" && ../configure >/dev/null && make sqlite3.c &&
        emcc -O2 -fno-strict-aliasing -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA \
            -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 \
            -DSQLITE_SOUNDEX=1 -DSQLITE_OMIT_LOOKASIDE=1 -DSQLITE_ENABLE_DBSTAT_VTAB \
            -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 \
            -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS \
            -DSQLITE_THREADSAFE=0 -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 \
            -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 \
            -c sqlite3.c -o sqlite3.o &&
        emar rcs "$OUT/lib/libsqlite3.a" sqlite3.o && cp sqlite3.h sqlite3ext.h "$OUT/include/") \
        >"$WORK/sqlite3.log" 2>&1 || die "sqlite3 failed: $WORK/sqlite3.log"
    mark sqlite3
fi

if ! done_ expat; then
    say "expat"; d=$(unpack expat)
    # Debian builds it with configure, which defines XML_DTD and XML_NS as 1
    # (its patches test "#if XML_DTD == 1"); CMake's header defines them empty.
    # shellcheck disable=SC2086
    (mkdir -p "$d/b" && cd "$d/b" && emcmake cmake ../expat $CMAKE_COMMON -DEXPAT_SHARED_LIBS=OFF \
        -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
        -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_FUZZERS=OFF &&
        sed -i 's/^#define XML_DTD$/#define XML_DTD 1/; s/^#define XML_NS$/#define XML_NS 1/' \
            expat_config.h &&
        emmake make -j"$JOBS" && emmake make install) >"$WORK/expat.log" 2>&1 ||
        die "expat failed: $WORK/expat.log"
    mark expat
fi

if ! done_ libzip; then
    say "libzip (deflate only)"; d=$(unpack libzip)
    # CMake's type-size checks misread WebAssembly objects: the sizes are given.
    # shellcheck disable=SC2086
    (mkdir -p "$d/b" && cd "$d/b" && emcmake cmake .. $CMAKE_COMMON -DZLIB_ROOT="$OUT" \
        -DZLIB_INCLUDE_DIR="$OUT/include" -DZLIB_LIBRARY="$OUT/lib/libz.a" \
        -DSIZEOF_OFF_T=8 -DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_SIZE_T=4 -DHAVE_SIZEOF_SIZE_T=TRUE \
        -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
        -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
        -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF &&
        emmake make -j"$JOBS" && emmake make install) >"$WORK/libzip.log" 2>&1 ||
        die "libzip failed: $WORK/libzip.log"
    mark libzip
fi

printf '%s\n' "$PINS" > "$OUT/VERSIONS"
touch "$OUT/.complete"
rm -rf "$WORK"
echo "$OUT"
