// run-node.mjs: run a guest under Node's node:wasi (preview1) as a behavioural reference.
//
//   node --no-warnings guests/run-node.mjs [OPTIONS] MODULE.wasm [--] [ARGS...]
//
// Options (all before MODULE.wasm):
//   --dir HOST[::GUEST]   preopen host directory HOST as GUEST (default GUEST = HOST).
//                         NOTE: node:wasi is NOT a sandbox (symlinks escape); use scratch dirs.
//   --env K=V             add an environment variable (nothing is inherited)
//   --argv0 NAME          argv[0] seen by the guest (default: MODULE.wasm as given)
//   --unstable            provide the `wasi_unstable` import module instead of preview1
//   --call NAME[:A,B,..]  reactor mode: run _initialize, then call export NAME with integer
//                         args; prints "NAME = RESULT" (or "NAME done") to stdout. Repeatable.
// stdin/stdout/stderr are the process's own. Exit status: the guest's exit code;
// 134 on a trap (message on stderr as "run-node: trap: ..."); 2 on a usage or load error.
import { WASI } from 'node:wasi';
import fs from 'node:fs';
import process from 'node:process';

function usage(msg) {
  process.stderr.write(`run-node: ${msg}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
const calls = [];
let argv0 = null;
let version = 'preview1';
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('--')) break;
  const val = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--dir') {
    const v = val();
    const sep = v.indexOf('::');
    const host = sep < 0 ? v : v.slice(0, sep);
    const guest = sep < 0 ? v : v.slice(sep + 2);
    preopens[guest] = host;
  } else if (a === '--env') {
    const v = val();
    const eq = v.indexOf('=');
    if (eq <= 0) usage(`--env wants K=V, got ${v}`);
    env[v.slice(0, eq)] = v.slice(eq + 1);
  } else if (a === '--argv0') {
    argv0 = val();
  } else if (a === '--unstable') {
    version = 'unstable';
  } else if (a === '--call') {
    const v = val();
    const [name, list] = v.split(':', 2);
    calls.push({ name, args: list ? list.split(',').map(Number) : [] });
  } else if (a === '--') {
    i++;
    break;
  } else {
    usage(`unknown option ${a}`);
  }
}
if (i >= argv.length) usage('usage: run-node.mjs [--dir H::G] [--env K=V] [--call F:a,b] MODULE.wasm [ARGS...]');
const modulePath = argv[i++];
if (argv[i] === '--') i++;
const args = [argv0 ?? modulePath, ...argv.slice(i)];

let module;
try {
  module = await WebAssembly.compile(fs.readFileSync(modulePath));
} catch (e) {
  usage(`cannot load ${modulePath}: ${e.message}`);
}

const wasi = new WASI({ version, args, env, preopens, returnOnExit: true });
let instance;
try {
  instance = await WebAssembly.instantiate(module, wasi.getImportObject());
} catch (e) {
  usage(`cannot instantiate ${modulePath}: ${e.message}`);
}
if (calls.length === 0 && typeof instance.exports._start !== 'function') {
  usage(`${modulePath} exports no _start (a reactor? use --call)`);
}
let code = 0;
try {
  if (calls.length === 0) {
    code = wasi.start(instance);
  } else {
    wasi.initialize(instance);
    for (const c of calls) {
      const f = instance.exports[c.name];
      if (typeof f !== 'function') usage(`no exported function ${c.name}`);
      const r = f(...c.args);
      process.stdout.write(r === undefined ? `${c.name} done\n` : `${c.name} = ${r}\n`);
    }
  }
} catch (e) {
  process.stderr.write(`run-node: trap: ${e && e.message ? e.message : e}\n`);
  code = 134;
}
process.exitCode = code;
