#!/usr/bin/env bash
# Rebuilds every test guest from guests/src into guests/bin/NAME.wasm.
#
#   guests/build.sh                  build all guests (only changed outputs are rewritten)
#   guests/build.sh --check          build into a temp dir; exit 1 if any committed .wasm
#                                    differs, is missing, or has no source
#   guests/build.sh --native DIR     build the benchmark sources natively with gcc/g++ -O2
#                                    into DIR (for side-by-side comparisons)
#   guests/build.sh NAME...          build only the named guests
#
# Sources: src/NAME.c (C), src/NAME.cpp (C++), src/NAME.wat (text format).
# A source may carry one marker line with extra flags:
#   // build-flags: -mexec-model=reactor        (C / C++)
#   ;; build-flags: --enable-bulk-memory        (.wat, passed to wat2wasm)
# Benchmarks carry "// native: yes" so that --native knows to build them.
#
# Outputs are reproducible: sources are compiled from inside src/ with relative
# names (no absolute path can reach __FILE__), DWARF is stripped at link time
# (-Wl,--strip-debug) and the name section is kept so traps have readable frames.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$here/src
bin=$here/bin

CLANG=${CLANG:-clang-14}
CLANGXX=${CLANGXX:-clang++-14}
WAT2WASM=${WAT2WASM:-wat2wasm}

die() { echo "build.sh: $*" >&2; exit 2; }

mode=build
native_dir=
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --check) mode=check ;;
        --native) mode=native; shift; [ $# -gt 0 ] || die "--native needs a directory"; native_dir=$1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) names+=("$1") ;;
    esac
    shift
done

# --- toolchain -------------------------------------------------------------------------
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found ($2)"; }
if [ "$mode" = native ]; then
    need gcc "install gcc"; need g++ "install g++"
else
    need "$CLANG" "install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32, or set CLANG"
    need "$CLANGXX" "install clang-14, or set CLANGXX"
    need "$WAT2WASM" "install wabt, or set WAT2WASM"
fi

COMMON=(--target=wasm32-wasi -O2 -Wall -Wextra -Iinclude -ffile-prefix-map="$src"=. -Wl,--strip-debug)
CFLAGS=("${COMMON[@]}" -std=c11 -D_GNU_SOURCE)
CXXFLAGS=("${COMMON[@]}" -std=c++17 -fno-exceptions)

# Every guest name: one source file per guest in src/.
all_names() {
    (cd "$src" && ls *.c *.cpp *.wat 2>/dev/null) | sed 's/\.\(c\|cpp\|wat\)$//' | sort -u
}

source_of() {
    local n=$1 f
    for f in "$n.c" "$n.cpp" "$n.wat"; do
        [ -f "$src/$f" ] && { echo "$f"; return 0; }
    done
    return 1
}

# Extra flags from the "build-flags:" marker line (empty if none).
flags_of() {
    sed -n 's@^\(//\|;;\) build-flags: *@@p' "$src/$1" | head -n 1
}

# wat2wasm flags: newer wabt turned features such as bulk memory on by default and
# removed --enable-X (only --disable-X remains); drop such flags, keep the rest.
wat_flags() {
    local f help out=()
    help=$("$WAT2WASM" --help 2>&1)
    for f in "$@"; do
        case "$f" in
            --enable-*)
                if ! grep -q -- "$f\b" <<<"$help" && grep -q -- "--disable-${f#--enable-}\b" <<<"$help"; then
                    continue
                fi ;;
        esac
        out+=("$f")
    done
    echo "${out[*]:-}"
}

# build_one NAME OUTFILE
build_one() {
    local n=$1 out=$2 f extra
    f=$(source_of "$n") || die "no source for guest '$n' in $src"
    extra=$(flags_of "$f")
    # shellcheck disable=SC2086  # $extra is a word list on purpose
    case "$f" in
        *.c)   (cd "$src" && "$CLANG" "${CFLAGS[@]}" $extra "$f" -o "$out") ;;
        *.cpp) (cd "$src" && "$CLANGXX" "${CXXFLAGS[@]}" $extra "$f" -o "$out") ;;
        *.wat) extra=$(wat_flags $extra)
               (cd "$src" && "$WAT2WASM" $extra "$f" -o "$out") ;;
    esac
}

[ ${#names[@]} -gt 0 ] || mapfile -t names < <(all_names)
[ ${#names[@]} -gt 0 ] || die "no sources in $src"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/guests-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

case "$mode" in
native)
    mkdir -p "$native_dir"
    native_dir=$(cd "$native_dir" && pwd)
    for n in "${names[@]}"; do
        f=$(source_of "$n") || die "no source for '$n'"
        grep -q '^// native: yes' "$src/$f" || continue
        case "$f" in
            *.c)   gcc -O2 -std=c11 -D_GNU_SOURCE -o "$native_dir/$n" "$src/$f" ;;
            *.cpp) g++ -O2 -std=c++17 -o "$native_dir/$n" "$src/$f" ;;
        esac
        echo "native $n -> $native_dir/$n"
    done
    ;;
build)
    mkdir -p "$bin"
    for n in "${names[@]}"; do
        build_one "$n" "$tmp/$n.wasm"
        if cmp -s "$tmp/$n.wasm" "$bin/$n.wasm"; then
            echo "unchanged $n"
        else
            cp "$tmp/$n.wasm" "$bin/$n.wasm"
            echo "built     $n ($(wc -c < "$bin/$n.wasm") bytes)"
        fi
    done
    ;;
check)
    bad=0
    for n in "${names[@]}"; do
        build_one "$n" "$tmp/$n.wasm"
        if [ ! -f "$bin/$n.wasm" ]; then
            echo "MISSING  bin/$n.wasm (not committed)"; bad=1
        elif ! cmp -s "$tmp/$n.wasm" "$bin/$n.wasm"; then
            echo "DIFFERS  bin/$n.wasm (rebuild with guests/build.sh and commit)"; bad=1
        fi
    done
    # Outputs whose source is gone.
    for w in "$bin"/*.wasm; do
        [ -e "$w" ] || continue
        n=$(basename "$w" .wasm)
        source_of "$n" >/dev/null || { echo "STALE    bin/$n.wasm (no source)"; bad=1; }
    done
    if [ $bad -ne 0 ]; then
        echo "build.sh --check: committed guests are not current" >&2
        exit 1
    fi
    echo "build.sh --check: all ${#names[@]} guests match their sources"
    ;;
esac
