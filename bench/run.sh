#!/usr/bin/env bash
# wasibox benchmarks, side by side with Node's node:wasi, wasmtime (wasmtime-java) and gcc -O2.
#
#   bench/run.sh [--quick] [--only SECTIONS] [--out FILE] [--offline]
#
# Builds what it needs (bin/wasibox's jar, bench/target/bench.jar with the JMH benchmarks and the
# wasmtime-java runner, the native guests), then runs bench/driver.py, which prints the table and
# writes it to bench/RESULTS.md (--out to change) and the raw numbers to bench/results/.
#   --quick     few iterations: a smoke test of the harness (minutes), not figures to quote
#   --only S    comma list of cpu,long,syscall,startup,judge,inproc,cache,memory,limits
#   --offline   pass -o to Maven (everything already in ~/.m2)
# Nothing is downloaded at run time except Maven artifacts on the first build.
# Needs: JDK 17, Maven, Node 20, gcc/g++, python3. Check `uptime` first: full runs want a quiet machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="$ROOT/bench/target"
MVN_OPTS=(-q -B)
DRIVER_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) MVN_OPTS+=(-o); shift ;;
    *) DRIVER_ARGS+=("$1"); shift ;;
  esac
done

for tool in java mvn node gcc g++ python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

echo "bench: building (mvn -Pbench -pl bench -am package)..." >&2
# -am builds host too, which rewrites host/target/wasibox.jar; bin/wasibox then renews its CDS archive.
(cd "$ROOT" && mvn "${MVN_OPTS[@]}" -Pbench -pl bench -am -DskipTests package) >&2

# wasmtime-java's JNI library, once, at a fixed path (the JVMs get -Djava.library.path=$T/native).
LIB="$T/native/libwasmtime_jni.so"
if [ ! -f "$LIB" ] || [ "$T/bench.jar" -nt "$LIB" ]; then
  mkdir -p "$T/native"
  python3 - "$T/bench.jar" "$LIB" <<'EOF'
import sys, zipfile, os
jar, lib = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(jar) as z:
    name = [n for n in z.namelist() if n.startswith('libwasmtime_jni_') and n.endswith('_linux_x86_64.so')][0]
    tmp = lib + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(z.read(name))
    os.replace(tmp, lib)
EOF
fi

# Native builds of the benchmark guests (gcc/g++ -O2), plus hello (plain C, not marked a benchmark).
mkdir -p "$T/native-guests"
"$ROOT/guests/build.sh" --native "$T/native-guests" >&2
gcc -O2 -o "$T/native-guests/hello" "$ROOT/guests/src/hello.c"

exec python3 "$ROOT/bench/driver.py" "${DRIVER_ARGS[@]}"
