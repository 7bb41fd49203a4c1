#!/usr/bin/env -S node --no-warnings
// A stand-in for `bin/wasibox run` built on node:wasi, so that the wasi-testsuite runner
// (runner.py) can be validated before wasibox exists.
//
//   node --no-warnings node-adapter.mjs run [--dir HOST[::GUEST]]... [--ro-dir HOST[::GUEST]]...
//        [--tmp GUEST]... [--env K=V]... [--stdin FILE] [--policy FILE] [--memory SIZE]
//        [--time-limit DUR] [--max-output SIZE] [--report FILE] MODULE.wasm [--] [ARGS...]
//
// It accepts the whole wasibox CLI, but it is NOT a sandbox:
//   * --dir and --ro-dir preopen the host directory itself (writes reach the host; node has no
//     read-only or overlay mode);
//   * --policy, --memory, --time-limit, --max-output and --report are accepted and ignored.
// Exit status: the guest's exit code; 134 if the guest traps; 2 on a usage error.

import { readFileSync, openSync, closeSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import { WASI } from "node:wasi";

function usage(msg) {
  process.stderr.write(`node-adapter: ${msg}\n`);
  process.stderr.write(
    "usage: node-adapter.mjs run [--dir HOST[::GUEST]]... [--ro-dir HOST[::GUEST]]... " +
      "[--tmp GUEST]... [--env K=V]... [--stdin FILE] MODULE.wasm [--] [ARGS...]\n",
  );
  process.exit(2);
}

function parse(argv) {
  if (argv[0] !== "run") usage("the only command is `run`");
  const opts = { preopens: {}, tmps: [], env: {}, stdin: null, module: null, args: [] };
  const withValue = new Set([
    "--dir", "--ro-dir", "--tmp", "--env", "--stdin",
    "--policy", "--memory", "--time-limit", "--max-output", "--report",
  ]);
  let i = 1;
  for (; i < argv.length; i++) {
    let a = argv[i];
    let v;
    if (a === "--") usage("`--` before MODULE.wasm");
    if (!a.startsWith("--")) break;
    const eq = a.indexOf("=");
    if (eq > 0 && withValue.has(a.slice(0, eq))) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    } else if (withValue.has(a)) {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      v = argv[++i];
    } else {
      usage(`unknown option ${a}`);
    }
    switch (a) {
      case "--dir":
      case "--ro-dir": {
        const sep = v.indexOf("::");
        const host = sep >= 0 ? v.slice(0, sep) : v;
        const guest = sep >= 0 ? v.slice(sep + 2) : v;
        opts.preopens[guest] = host;
        break;
      }
      case "--tmp": {
        const host = mkdtempSync(join(tmpdir(), "node-adapter-"));
        opts.tmps.push(host);
        opts.preopens[v] = host;
        break;
      }
      case "--env": {
        const eq2 = v.indexOf("=");
        if (eq2 <= 0) usage(`--env wants K=V, got ${JSON.stringify(v)}`);
        opts.env[v.slice(0, eq2)] = v.slice(eq2 + 1);
        break;
      }
      case "--stdin":
        opts.stdin = v;
        break;
      default: // --policy --memory --time-limit --max-output --report: not enforced here
        break;
    }
  }
  if (i >= argv.length) usage("missing MODULE.wasm");
  opts.module = argv[i++];
  if (argv[i] === "--") i++;
  opts.args = argv.slice(i);
  return opts;
}

const opts = parse(process.argv.slice(2));
let stdinFd = 0;
if (opts.stdin !== null) stdinFd = openSync(opts.stdin, "r");

const wasi = new WASI({
  version: "preview1",
  args: [basename(opts.module), ...opts.args],
  env: opts.env,
  preopens: opts.preopens,
  stdin: stdinFd,
  stdout: 1,
  stderr: 2,
  returnOnExit: true,
});

let code;
try {
  const module = await WebAssembly.compile(readFileSync(opts.module));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance) ?? 0;
} catch (e) {
  process.stderr.write(`node-adapter: guest trapped: ${e && e.stack ? e.stack : e}\n`);
  code = 134;
} finally {
  if (opts.stdin !== null) closeSync(stdinFd);
  for (const t of opts.tmps) rmSync(t, { recursive: true, force: true });
}
process.exitCode = code;
