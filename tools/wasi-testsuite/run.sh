#!/usr/bin/env bash
# Runs the WASI preview1 conformance suite (WebAssembly/wasi-testsuite, branch
# prod/testsuite-base) against bin/wasibox, or against any command given in $WASIBOX.
#
#   tools/wasi-testsuite/run.sh [--node] [runner options] [TEST-PATTERN...]
#
# Where the suite comes from:
#   WASI_TESTSUITE=/path/to/checkout   a checkout of prod/testsuite-base (git clone works too)
#   otherwise the branch is extracted from a bare mirror with `git archive` into a gitignored
#   cache: WASI_TESTSUITE_MIRROR (default /work/.mirror/WebAssembly+wasi-testsuite/repo),
#   WASI_TESTSUITE_REF (default prod/testsuite-base), WASI_TESTSUITE_CACHE (default
#   <repo>/.wasi-testsuite, listed in .gitignore). Only the preview1 parts are extracted.
#
# What runs the tests:
#   WASIBOX="cmd args"   any command with the `wasibox run` CLI (default: <repo>/bin/wasibox)
#   --node               shorthand for WASIBOX="node --no-warnings tools/wasi-testsuite/node-adapter.mjs"
#
# Everything else goes to runner.py (see `run.sh --help`): -j N, -v, --list, --json FILE,
# --in-place, --host-check off|report|strict, --timeout S, --exclude PATTERN, patterns.
# Exit status: 0 iff every selected test passed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

args=()
for a in "$@"; do
  if [[ $a == --node ]]; then
    export WASIBOX="node --no-warnings $here/node-adapter.mjs"
  else
    args+=("$a")
  fi
done

suite=${WASI_TESTSUITE:-}
if [[ -z $suite ]]; then
  mirror=${WASI_TESTSUITE_MIRROR:-/work/.mirror/WebAssembly+wasi-testsuite/repo}
  ref=${WASI_TESTSUITE_REF:-prod/testsuite-base}
  cache=${WASI_TESTSUITE_CACHE:-$repo/.wasi-testsuite}
  if ! commit=$(git --git-dir="$mirror" rev-parse --verify -q "$ref^{commit}" 2>/dev/null); then
    cat >&2 <<EOF
run.sh: no wasi-testsuite found.
  Either point WASI_TESTSUITE at a checkout of the prod/testsuite-base branch:
    git clone --depth 1 --branch prod/testsuite-base https://github.com/WebAssembly/wasi-testsuite
    WASI_TESTSUITE=\$PWD/wasi-testsuite $0
  or provide a bare mirror (WASI_TESTSUITE_MIRROR, now: $mirror) holding $ref.
EOF
    exit 2
  fi
  suite=$cache/$commit
  if [[ ! -f $suite/.extracted ]]; then
    echo "extracting $ref ($commit) from $mirror into $suite" >&2
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/.tmp.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    paths=()
    for p in README.md LICENSE tests/assemblyscript tests/c \
             tests/rust/wasm32-wasip1 tests/rust/testsuite/wasm32-wasip1; do
      if git --git-dir="$mirror" cat-file -e "$commit:$p" 2>/dev/null; then paths+=("$p"); fi
    done
    git --git-dir="$mirror" archive --format=tar "$commit" -- "${paths[@]}" | tar -x -C "$tmp"
    echo "$commit" > "$tmp/.extracted"
    rm -rf "$suite"
    mv "$tmp" "$suite"
    trap - EXIT
  fi
fi

exec python3 "$here/runner.py" --suite "$suite" ${args[@]+"${args[@]}"}
