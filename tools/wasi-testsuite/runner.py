#!/usr/bin/env python3
"""Runs the WASI preview1 conformance tests of WebAssembly/wasi-testsuite against a CLI that
speaks the `wasibox run` contract.

Standard library only (the upstream test-runner needs colorama/requests from PyPI and
Python >= 3.12). It reproduces the upstream runner's semantics for preview1 tests:

* a test is every `*.wasm` in a directory holding a `manifest.json` whose version is
  `wasm32-wasip1`; its spec is the `.json` file of the same name (absent = defaults);
* legacy spec keys: `args` (list), `env` (object), `root` (directory relative to the spec,
  mounted as the guest's preopen "/"), `exit_code` (default 0), `stdout` / `stderr`
  (expected *prefix* of the stream: upstream reads len(expected) characters and compares);
* new-style specs (`operations`) are accepted when they only use run / write(stdin) /
  read(stdout|stderr) / wait; anything else is reported as unsupported;
* the guest's environment is exactly `env` (nothing inherited) and argv[0] is the module;
* stdin is empty unless the spec writes to it (then it is passed with `--stdin FILE`).

Upstream mounts `root` in place and deletes `**/*.cleanup` before and after each test, because
the guest's writes reach the host. By default this runner mounts a fresh copy of `root` per test
instead (so tests can run in parallel and a runtime that writes to the host cannot pollute the
checkout); `--in-place` gives the upstream behaviour. `--host-check` compares the mounted
directory before and after the run: wasibox's `--dir` is an in-memory overlay, so for wasibox
any change is a bug (`--host-check strict`).
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

WASI_VERSION = "wasm32-wasip1"
LEGACY_KEYS = {"args", "root", "env", "exit_code", "stderr", "stdout"}
NEW_KEYS = {"operations", "proposals", "world", "servers", "debug"}


class Unsupported(Exception):
    pass


# --------------------------------------------------------------------------- discovery


def find_suites(suite_root):
    """Yields (short_name, manifest_name, directory) for every preview1 test directory."""
    tests_dir = os.path.join(suite_root, "tests")
    if not os.path.isdir(tests_dir):
        sys.exit(f"runner: {suite_root} has no tests/ directory; is it a checkout of "
                 "wasi-testsuite's prod/testsuite-base branch?")
    found = []
    for dirpath, dirnames, filenames in os.walk(tests_dir):
        dirnames.sort()
        if "manifest.json" not in filenames:
            continue
        with open(os.path.join(dirpath, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        version = manifest.get("version")
        if version is None:
            base = os.path.basename(dirpath)
            version = base if base.startswith("wasm32-") else WASI_VERSION
        if version != WASI_VERSION:
            continue
        rel = os.path.relpath(dirpath, tests_dir).split(os.sep)
        short = rel[0]  # assemblyscript / c / rust
        found.append((short, manifest.get("name", "/".join(rel)), dirpath))
    return found


def load_tests(suite_root):
    tests = []
    for short, suite_name, d in find_suites(suite_root):
        for fn in sorted(os.listdir(d)):
            if not fn.endswith(".wasm"):
                continue
            name = fn[:-len(".wasm")]
            wasm = os.path.join(d, fn)
            spec_path = os.path.join(d, name + ".json")
            config = {}
            if os.path.exists(spec_path):
                with open(spec_path, encoding="utf-8") as f:
                    config = json.load(f)
            tests.append({
                "id": f"{short}/{name}",
                "suite": suite_name,
                "name": name,
                "wasm": wasm,
                "spec_path": spec_path if os.path.exists(spec_path) else None,
                "config": config,
            })
    return tests


def operations(test):
    """The spec as a list of operations (legacy specs are translated like upstream does)."""
    config = test["config"]
    base = os.path.dirname(test["wasm"])
    keys = set(config)
    if keys & NEW_KEYS:
        if keys & LEGACY_KEYS:
            raise Unsupported("spec mixes legacy and new configuration keys")
        if config.get("servers") or config.get("proposals"):
            raise Unsupported("servers/proposals are not supported")
        if config.get("world", "wasi:cli/command") != "wasi:cli/command":
            raise Unsupported(f"world {config['world']} is not supported")
        ops = []
        for op in config.get("operations", []):
            t = op.get("type")
            if t == "run":
                root = op.get("root")
                ops.append({"type": "run", "args": op.get("args", []), "env": op.get("env", {}),
                            "root": os.path.join(base, root) if root else None})
            elif t == "write" and op.get("id", "write") == "stdin":
                ops.append({"type": "write", "payload": op.get("payload", "")})
            elif t == "read" and op.get("id", "stdout") in ("stdout", "stderr"):
                ops.append({"type": "read", "id": op.get("id", "stdout"),
                            "payload": op.get("payload", "")})
            elif t == "wait":
                ops.append({"type": "wait", "exit_code": op.get("exit_code", 0)})
            else:
                raise Unsupported(f"operation {json.dumps(op)} is not supported")
        if [o["type"] for o in ops].count("run") != 1 or ops[0]["type"] != "run":
            raise Unsupported("only specs with exactly one leading `run` are supported")
        if not any(o["type"] == "wait" for o in ops):
            raise Unsupported("spec without `wait`")
        return ops
    unknown = keys - LEGACY_KEYS
    if unknown:
        raise Unsupported(f"unknown spec keys {sorted(unknown)}")
    root = config.get("root")
    ops = [{"type": "run", "args": config.get("args", []), "env": config.get("env", {}),
            "root": os.path.join(base, root) if root else None}]
    if config.get("stdout") is not None:
        ops.append({"type": "read", "id": "stdout", "payload": config["stdout"]})
    if config.get("stderr") is not None:
        ops.append({"type": "read", "id": "stderr", "payload": config["stderr"]})
    ops.append({"type": "wait", "exit_code": config.get("exit_code", 0)})
    return ops


# --------------------------------------------------------------------------- host dirs


def cleanup_test_output(host_dir):
    """Upstream's cleanup: delete every `*.cleanup` file or directory. Upstream leaves
    `*.cleanup` symlinks alone (a test that fails midway can leave a dangling one behind, which
    breaks its next run); here they are unlinked (never followed)."""
    for dirpath, dirnames, filenames in os.walk(host_dir):
        for name in list(dirnames) + filenames:
            if not name.endswith(".cleanup"):
                continue
            p = os.path.join(dirpath, name)
            if os.path.islink(p):
                os.unlink(p)
                if name in dirnames:
                    dirnames.remove(name)
            elif os.path.isdir(p):
                shutil.rmtree(p)
                dirnames.remove(name)
            elif os.path.isfile(p):
                os.unlink(p)


def snapshot(host_dir):
    """A comparable picture of a directory tree (lstat-based, symlinks not followed)."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(host_dir):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            rel = os.path.relpath(p, host_dir)
            if os.path.islink(p):
                snap[rel] = ("link", os.readlink(p))
            elif os.path.isdir(p):
                snap[rel] = ("dir", st.st_mode & 0o7777, st.st_mtime_ns)
            else:
                snap[rel] = ("file", st.st_mode & 0o7777, st.st_size, st.st_mtime_ns)
    st = os.lstat(host_dir)
    snap["."] = ("dir", st.st_mode & 0o7777, st.st_mtime_ns)
    return snap


def diff_snapshots(before, after):
    changes = []
    for k in sorted(set(before) | set(after)):
        if k not in after:
            changes.append(f"removed {k}")
        elif k not in before:
            changes.append(f"created {k}")
        elif before[k] != after[k]:
            changes.append(f"modified {k}")
    return changes


# --------------------------------------------------------------------------- running


def build_argv(cli, run, root, stdin_file, wasm):
    argv = list(cli) + ["run"]
    for k, v in run["env"].items():
        argv += ["--env", f"{k}={v}"]
    if root:
        argv += ["--dir", f"{root}::/"]
    if stdin_file:
        argv += ["--stdin", stdin_file]
    argv += [wasm, "--"] + list(run["args"])
    return argv


def run_test(test, opts):
    result = {"id": test["id"], "suite": test["suite"], "name": test["name"], "status": "FAIL",
              "failures": [], "notes": [], "argv": [], "exit_code": None,
              "stdout": "", "stderr": "", "duration_s": 0.0}
    try:
        ops = operations(test)
    except Unsupported as e:
        result["status"] = "UNSUPPORTED"
        result["failures"].append(str(e))
        return result
    run = ops[0]
    work = tempfile.mkdtemp(prefix="wasi-testsuite-")
    try:
        root = None
        if run["root"]:
            if opts.in_place:
                root = os.path.abspath(run["root"])
                cleanup_test_output(root)
            else:
                root = os.path.join(work, "root")
                shutil.copytree(run["root"], root, symlinks=True)
        stdin_payload = "".join(o["payload"] for o in ops if o["type"] == "write")
        stdin_file = None
        if any(o["type"] == "write" for o in ops):
            stdin_file = os.path.join(work, "stdin")
            with open(stdin_file, "w", encoding="utf-8") as f:
                f.write(stdin_payload)
        before = snapshot(root) if root and opts.host_check != "off" else None
        argv = build_argv(opts.cli, run, root, stdin_file, os.path.abspath(test["wasm"]))
        result["argv"] = argv
        start = time.monotonic()
        try:
            proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=opts.timeout)
            exit_code, out, err = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            exit_code, out, err = None, e.stdout or b"", e.stderr or b""
        except OSError as e:
            result["failures"].append(f"cannot start {argv[0]}: {e}")
            return result
        result["duration_s"] = round(time.monotonic() - start, 3)
        out = out.decode("utf-8", errors="replace")
        err = err.decode("utf-8", errors="replace")
        result.update(exit_code=exit_code, stdout=out, stderr=err)
        streams = {"stdout": out, "stderr": err}
        for op in ops[1:]:
            if op["type"] == "read":
                got = streams[op["id"]][:len(op["payload"])]
                streams[op["id"]] = streams[op["id"]][len(op["payload"]):]
                if got != op["payload"]:
                    result["failures"].append(
                        f"{op['id']}: expected to start with {op['payload']!r}, got {got!r}")
            elif op["type"] == "wait":
                if exit_code is None:
                    result["failures"].append(f"timed out after {opts.timeout}s")
                elif exit_code != op["exit_code"]:
                    result["failures"].append(
                        f"exit code: expected {op['exit_code']}, got {exit_code}")
        if before is not None:
            changes = diff_snapshots(before, snapshot(root))
            if changes:
                msg = f"host directory changed ({len(changes)}): " + ", ".join(changes[:8]) + \
                    (", ..." if len(changes) > 8 else "")
                if opts.host_check == "strict":
                    result["failures"].append(msg)
                else:
                    result["notes"].append(msg)
        if opts.in_place and root:
            cleanup_test_output(root)
        result["status"] = "FAIL" if result["failures"] else "PASS"
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def tail(text, limit=3000):
    text = text.rstrip("\n")
    return text if len(text) <= limit else "...\n" + text[-limit:]


def describe(test):
    try:
        ops = operations(test)
    except Unsupported as e:
        return f"UNSUPPORTED: {e}"
    run = ops[0]
    parts = []
    if run["args"]:
        parts.append("args=" + json.dumps(run["args"]))
    if run["env"]:
        parts.append("env=" + json.dumps(run["env"]))
    if run["root"]:
        parts.append("dir=" + os.path.basename(run["root"]) + "::/")
    for o in ops[1:]:
        if o["type"] == "read":
            parts.append(f"{o['id']}^=" + json.dumps(o["payload"]))
        elif o["type"] == "write":
            parts.append("stdin=" + json.dumps(o["payload"]))
        elif o["type"] == "wait":
            parts.append(f"exit={o['exit_code']}")
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", required=True,
                    help="checkout of wasi-testsuite's prod/testsuite-base branch")
    ap.add_argument("--wasibox", default=os.environ.get("WASIBOX"),
                    help="command speaking the `wasibox run` CLI (shell words; default $WASIBOX, "
                         "else bin/wasibox of this repository)")
    ap.add_argument("--timeout", type=float,
                    default=float(os.environ.get("WASI_TESTSUITE_TIMEOUT", "60")),
                    help="seconds per test (default $WASI_TESTSUITE_TIMEOUT or 60; upstream: 5)")
    ap.add_argument("-j", "--jobs", type=int,
                    default=int(os.environ.get("WASI_TESTSUITE_JOBS", "0")) or os.cpu_count(),
                    help="tests run in parallel (default: CPU count; 1 with --in-place)")
    ap.add_argument("--in-place", action="store_true",
                    help="mount the suite's fixture dirs themselves, cleaning *.cleanup before "
                         "and after each test like upstream (default: a fresh copy per test)")
    ap.add_argument("--host-check", choices=["off", "report", "strict"],
                    default=os.environ.get("WASI_TESTSUITE_HOST_CHECK", "report"),
                    help="compare the mounted host dir before/after each test: report changes "
                         "as notes, or fail the test (strict; right for wasibox's overlay)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show command, exit code, stdout and stderr of failing tests")
    ap.add_argument("--list", action="store_true", help="list the tests and their specs")
    ap.add_argument("--json", metavar="FILE", help="write results as JSON")
    ap.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                    help="skip tests matching PATTERN (fnmatch on 'lang/name' or 'name')")
    ap.add_argument("patterns", nargs="*",
                    help="run only tests matching one of these (fnmatch on 'lang/name' or 'name')")
    opts = ap.parse_args()

    def matches(test, pats):
        return any(fnmatch.fnmatchcase(test["id"], p) or fnmatch.fnmatchcase(test["name"], p)
                   for p in pats)

    tests = load_tests(opts.suite)
    if opts.patterns:
        tests = [t for t in tests if matches(t, opts.patterns)]
    if opts.exclude:
        tests = [t for t in tests if not matches(t, opts.exclude)]
    if not tests:
        sys.exit("runner: no tests selected")

    if opts.list:
        for t in tests:
            print(f"{t['id']:50} {describe(t)}")
        print(f"{len(tests)} tests")
        return 0

    if opts.wasibox:
        opts.cli = shlex.split(opts.wasibox)
    else:
        repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
        opts.cli = [os.path.join(repo, "bin", "wasibox")]
    exe = opts.cli[0]
    if not (shutil.which(exe) or (os.path.isfile(exe) and os.access(exe, os.X_OK))):
        sys.exit(f"runner: CLI not found or not executable: {exe}\n"
                 "        set WASIBOX='cmd args' (e.g. use run.sh --node for node:wasi)")
    jobs = 1 if opts.in_place else max(1, opts.jobs)

    print(f"wasi-testsuite: {len(tests)} {WASI_VERSION} tests from {opts.suite}")
    print(f"runtime: {' '.join(shlex.quote(a) for a in opts.cli)}  (jobs={jobs}, "
          f"timeout={opts.timeout:g}s, dirs={'in place' if opts.in_place else 'fresh copy'}, "
          f"host-check={opts.host_check})")
    lock = threading.Lock()
    results = []
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for res in pool.map(lambda t: run_test(t, opts), tests):
            results.append(res)
            with lock:
                line = f"{res['status']:4} {res['id']}"
                if res["failures"]:
                    line += ": " + "; ".join(res["failures"])
                print(line, flush=True)
                for n in res["notes"]:
                    print(f"     note: {n}")
                if opts.verbose and res["status"] != "PASS":
                    print("     command: " + " ".join(shlex.quote(a) for a in res["argv"]))
                    print(f"     exit code: {res['exit_code']}")
                    if res["stdout"]:
                        print("     ==stdout==\n" + tail(res["stdout"]))
                    if res["stderr"]:
                        print("     ==stderr==\n" + tail(res["stderr"]))
    passed = sum(1 for r in results if r["status"] == "PASS")
    failed = [r["id"] for r in results if r["status"] != "PASS"]
    if failed:
        print("failed: " + " ".join(failed))
    print(f"passed {passed}/{len(results)} ({time.monotonic() - started:.1f}s)")
    if opts.json:
        with open(opts.json, "w", encoding="utf-8") as f:
            json.dump({"runtime": opts.cli, "suite": opts.suite, "passed": passed,
                       "total": len(results), "results": results}, f, indent=2)
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
