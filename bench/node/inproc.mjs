// inproc.mjs: in-process time per run of an already-compiled module on Node's node:wasi,
// the counterpart of the JMH benchmarks WasiboxBench and WasmtimeBench.
//
//   node --no-warnings --expose-gc bench/node/inproc.mjs [--dir HOST::GUEST] [--warmup N] [--runs N]
//                                            [--seconds S] MODULE.wasm [ARGS...]
//
// The module is compiled once (WebAssembly.compile); each run is a new WASI (argv[0] = the
// module's base name without .wasm, as the JMH benchmarks pass the guest name), a new instance and
// _start, with stdout to /dev/null. Warm-up runs first (at least --warmup runs, and until
// --seconds/3 have passed), then timed runs (at least --runs, and until --seconds have passed).
// Prints one JSON line: {"runs":N,"median_ms":X,"min_ms":X,"samples_ms":[...]}.
// The first run's stdout goes to a temp file and its first line is printed on stderr as a check.
import { WASI } from 'node:wasi';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const preopens = {};
let warmup = 3, runs = 5, seconds = 0;
let i = 0;
for (; i < argv.length && argv[i].startsWith('--'); i++) {
  const a = argv[i];
  if (a === '--dir') {
    const [host, guest] = argv[++i].split('::');
    preopens[guest ?? host] = host;
  } else if (a === '--warmup') warmup = Number(argv[++i]);
  else if (a === '--runs') runs = Number(argv[++i]);
  else if (a === '--seconds') seconds = Number(argv[++i]);
  else if (a === '--') { i++; break; }
  else { console.error(`inproc: unknown option ${a}`); process.exit(2); }
}
const modulePath = argv[i++];
const args = [path.basename(modulePath, '.wasm'), ...argv.slice(i)];
const module = await WebAssembly.compile(fs.readFileSync(modulePath));
const devnull = fs.openSync('/dev/null', 'w');

// Each instance reserves a large address range for its memory (guard regions); without a
// collection between runs, repeated instantiation of guests with big memories (sieve: 20 MB)
// aborts Node. The collection happens outside the timed part. Run with --expose-gc.
const collect = globalThis.gc ?? (() => {});

function runOnce(stdoutFd) {
  const wasi = new WASI({ version: 'preview1', args, env: {}, preopens, stdout: stdoutFd, returnOnExit: true });
  const t0 = performance.now();
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  const code = wasi.start(instance);
  const t1 = performance.now();
  collect();
  if (code !== 0) {
    console.error(`inproc: exit code ${code}`);
    process.exit(1);
  }
  return t1 - t0;
}

// Check run: output to a file, first line to stderr.
const check = path.join(os.tmpdir(), `wasibox-inproc-${process.pid}.out`);
const fd = fs.openSync(check, 'w');
runOnce(fd);
fs.closeSync(fd);
console.error(`inproc check: ${fs.readFileSync(check, 'utf8').split('\n')[0]}`);
fs.unlinkSync(check);

let start = performance.now();
for (let n = 0; n < warmup || performance.now() - start < (seconds * 1000) / 3; n++) runOnce(devnull);
const samples = [];
start = performance.now();
while (samples.length < runs || performance.now() - start < seconds * 1000) samples.push(runOnce(devnull));
const sorted = [...samples].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(JSON.stringify({ runs: samples.length, median_ms: median, min_ms: sorted[0], samples_ms: samples }));
