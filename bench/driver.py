#!/usr/bin/env python3
"""wasibox side-by-side benchmark driver (run it through bench/run.sh, which builds first).

Measures wasibox against Node's node:wasi, wasmtime (wasmtime-java 0.19.0) and native gcc -O2:
whole-process figures by starting processes here, in-process figures with JMH (wasibox, wasmtime)
and bench/node/inproc.mjs (Node). Every figure is the median of several runs taken in alternating
order (one run of each runtime per round, the order rotating between rounds). Writes the Markdown
table to bench/RESULTS.md (or --out) and the raw numbers to bench/results/results-DATE.json.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
T = os.path.join(ROOT, 'bench', 'target')
GUESTS = os.path.join(ROOT, 'guests', 'bin')
NATIVE = os.path.join(T, 'native-guests')
JNI_DIR = os.path.join(T, 'native')
BENCH_JAR = os.path.join(T, 'bench.jar')
WASIBOX = os.path.join(ROOT, 'bin', 'wasibox')
SHM = '/dev/shm/wasibox-bench-%d' % os.getpid()

# Default workloads (guests/README.md) and "long" ones sized so that Node runs about 1 s or more.
CPU = ['sha256', 'sieve', 'fib', 'sort2m']
LONG_ARGS = {'sha256': ['160'], 'sieve': ['100000000'], 'fib': ['40'], 'sort2m': ['10000000']}
EXPECTED = {
    'sha256': 'sha256 MiB=32 2324928f25626c74392b42d0898d7aee84a9cb573cf60fa60bcc538b09cecf93',
    'sieve': 'sieve N=20000000 primes=1270607',
    'fib': 'fib(35)=9227465',
    'sort2m': 'sort2m N=2000000 checksum=13433337674080102762 sorted=1',
    'writes': '0123456789abcde',
    'files4k': 'files4k n=4000 written=400000 stat=4000 read=400000 listed=4000 removed=4000 errors=0',
    'hello': 'hello, world',
}
RUNTIMES = ['wasibox', 'node', 'wasmtime', 'native']
JAVA = os.environ.get('JAVA', 'java')
NODE = os.environ.get('NODE', 'node')
# JVM options of the in-process (JMH) wasibox benchmarks: what README recommends to embedders.
WASIBOX_EMBED_OPTS = os.environ.get('WASIBOX_EMBED_OPTS', '-XX:-DontCompileHugeMethods')


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def loadavg():
    with open('/proc/loadavg') as f:
        return [float(x) for x in f.read().split()[:3]]


def machine():
    cpu = 'unknown'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    with open('/proc/meminfo') as f:
        mem_kb = int(f.readline().split()[1])

    def ver(cmd):
        try:
            r = subprocess.run(cmd, text=True, capture_output=True)
            return (r.stdout + r.stderr).strip().splitlines()[0]
        except OSError:
            return 'missing'
    commit = ver(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'])
    dirty = subprocess.run(['git', '-C', ROOT, 'diff', '--quiet', 'HEAD'], capture_output=True).returncode != 0
    return {
        'date': datetime.datetime.now().astimezone().isoformat(timespec='seconds'),
        'host': platform.node(),
        'cpu': cpu,
        'cores': os.cpu_count(),
        'memory_gib': round(mem_kb / 1048576, 1),
        'kernel': platform.release(),
        'java': ver([JAVA, '-version']),
        'node': ver([NODE, '--version']),
        'gcc': ver(['gcc', '--version']),
        'commit': commit + (' (with uncommitted changes)' if dirty else ''),
    }


# ---------------------------------------------------------------- whole-process runs

class Cmd:
    """One way to run a workload: argv, stdin file, and a check of the first stdout line."""

    def __init__(self, argv, stdin=None, check=None, env=None):
        self.argv = argv
        self.stdin = stdin
        self.check = check
        self.env = env


CRASHES = {}


def timed(cmd, capture=False):
    """Runs cmd; returns (wall s, cpu s, rc, stdout or None)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    stdin = open(cmd.stdin, 'rb') if cmd.stdin else subprocess.DEVNULL
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    env = dict(os.environ, **cmd.env) if cmd.env else None
    t0 = time.perf_counter()
    p = subprocess.run(cmd.argv, stdin=stdin, stdout=out, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cmd.stdin:
        stdin.close()
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        if p.returncode == -11 and cmd.argv[0] == NODE:
            # Node 20 sometimes segfaults while exiting after a large guest memory (guests/README.md,
            # "Node differences"); the guest's work and output are complete by then, so the run
            # counts, and the report says how often it happened.
            CRASHES['node'] = CRASHES.get('node', 0) + 1
        else:
            raise RuntimeError('%s exited %d: %s' % (' '.join(cmd.argv), p.returncode, p.stderr.decode(errors='replace')[-2000:]))
    return wall, cpu, (p.stdout.decode(errors='replace') if capture else None)


def alternate(cmds, rounds, label):
    """cmds: {runtime: Cmd or callable}. One check run each, then `rounds` rounds, order rotating."""
    names = list(cmds)
    for n in names:
        c = cmds[n]
        if isinstance(c, Cmd):
            _, _, out = timed(c, capture=True)
            first = out.splitlines()[0] if out else ''
            if c.check is not None and first != c.check:
                raise RuntimeError('%s/%s: first line %r, expected %r' % (label, n, first, c.check))
        else:
            c()
    samples = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            c = cmds[n]
            wall, cpu = (timed(c)[:2] if isinstance(c, Cmd) else c())
            samples[n].append((wall, cpu))
    res = {}
    for n in names:
        walls = [s[0] for s in samples[n]]
        cpus = [s[1] for s in samples[n]]
        res[n] = {'wall_s': statistics.median(walls), 'cpu_s': statistics.median(cpus),
                  'walls': walls, 'cpus': cpus}
        log('  %-9s %-10s median wall %8.3f s  cpu %8.3f s  (%s)' % (label, n, res[n]['wall_s'], res[n]['cpu_s'],
            ' '.join('%.3f' % w for w in walls)))
    return res


def wasm(g):
    return os.path.join(GUESTS, g + '.wasm')


def wasmtime_cmd(*args):
    return [JAVA, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto',
            '-Djava.library.path=' + JNI_DIR, '-cp', BENCH_JAR, 'dev.wasibox.bench.WasmtimeMain'] + list(args)


def node_cmd(*args):
    return [NODE, '--no-warnings', os.path.join(ROOT, 'guests', 'run-node.mjs')] + list(args)


def workload_cmds(g, args, check, with_native=True):
    cmds = {
        'wasibox': Cmd([WASIBOX, 'run', wasm(g), '--'] + args, check=check),
        'node': Cmd(node_cmd(wasm(g), '--', *args), check=check),
        'wasmtime': Cmd(wasmtime_cmd(wasm(g), '--', *args), check=check),
    }
    if with_native:
        cmds['native'] = Cmd([os.path.join(NATIVE, g)] + args, check=check)
    return cmds


def files_cmds():
    d = os.path.join(SHM, 'files')
    os.makedirs(d, exist_ok=True)
    check = EXPECTED['files4k']
    return {
        'wasibox': Cmd([WASIBOX, 'run', '--tmp', '/w', wasm('files4k'), '--', '/w'], check=check),
        'node': Cmd(node_cmd('--dir', d + '::/w', wasm('files4k'), '--', '/w'), check=check),
        'wasmtime': Cmd(wasmtime_cmd('--dir', d + '::/w', wasm('files4k'), '--', '/w'), check=check),
        'native': Cmd([os.path.join(NATIVE, 'files4k'), d], check=check),
    }


# ---------------------------------------------------------------- judge

def make_judge_tests(n):
    d = os.path.join(T, 'judge-tests')
    if os.path.isdir(d) and len(os.listdir(d)) == 2 * n:
        return d
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    x = 12345
    for i in range(1, n + 1):
        count = 1 + (i * 37) % 1000
        vals = []
        for _ in range(count):
            x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            v = (x >> 11) - (1 << 52)
            vals.append(v)
        s = sum(vals) % (1 << 64)
        if s >= 1 << 63:
            s -= 1 << 64
        with open(os.path.join(d, '%d.in' % i), 'w') as f:
            f.write('%d\n%s\n' % (count, ' '.join(map(str, vals))))
        with open(os.path.join(d, '%d.out' % i), 'w') as f:
            f.write('%d\n' % s)
    return d


def node_judge_loop(tests, n):
    """A loop starting Node per case, comparing tokens; returns (wall, cpu)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for i in range(1, n + 1):
        with open(os.path.join(tests, '%d.in' % i), 'rb') as f:
            p = subprocess.run(node_cmd(wasm('sum_ok')), stdin=f, capture_output=True)
        with open(os.path.join(tests, '%d.out' % i)) as f:
            want = f.read().split()
        if p.returncode != 0 or p.stdout.decode().split() != want:
            raise RuntimeError('node judge: case %d failed' % i)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


# ---------------------------------------------------------------- in-process

def jmh(bench, guests, extra_jvm, wi, w, i, r, tag):
    out = os.path.join(T, 'jmh-%s-%s.json' % (bench, tag))
    cmd = [JAVA, '-jar', BENCH_JAR, bench, '-p', 'guest=' + ','.join(guests), '-f', '1',
           '-wi', str(wi), '-w', '%ds' % w, '-i', str(i), '-r', '%ds' % r, '-rf', 'json', '-rff', out,
           '-jvmArgsAppend', ' '.join(['-Dwasibox.root=' + ROOT, '-Dbench.tmpfs=' + SHM] + extra_jvm)]
    log('  $ ' + ' '.join(shlex.quote(c) for c in cmd))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        data = json.load(f)
    res = {}
    for b in data:
        g = b['params']['guest']
        m = b['primaryMetric']
        name = b['benchmark'].rsplit('.', 1)[1]
        key = g if name == 'run' else '%s.%s' % (g, name)
        res[key] = {'p50_ms': m['scorePercentiles']['50.0'], 'mean_ms': m['score']}
    return res


def node_inproc(g, args, seconds, dirs=()):
    cmd = [NODE, '--no-warnings', '--expose-gc', os.path.join(ROOT, 'bench', 'node', 'inproc.mjs'), '--seconds', str(seconds)]
    for d in dirs:
        cmd += ['--dir', d]
    cmd += [wasm(g)] + args
    p = subprocess.run(cmd, check=True, text=True, capture_output=True)
    check = p.stderr.strip().splitlines()[-1].replace('inproc check: ', '')
    if check != EXPECTED[g]:
        raise RuntimeError('node inproc %s: %r' % (g, check))
    return json.loads(p.stdout)['median_ms']


# ---------------------------------------------------------------- report

def ratio(a, b):
    return a / b if a and b else float('nan')


def fmt_ms(s):
    return '%.1f' % (s * 1000) if s >= 0.01 else '%.2f' % (s * 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--quick', action='store_true', help='few iterations (smoke test of the harness)')
    ap.add_argument('--out', default=os.path.join(ROOT, 'bench', 'RESULTS.md'))
    ap.add_argument('--only', default='', help='comma list of sections: cpu,long,syscall,startup,judge,inproc,cache,memory,limits')
    a = ap.parse_args()
    quick = a.quick
    only = set(a.only.split(',')) if a.only else None
    want = lambda s: only is None or s in only

    rounds = 2 if quick else 7
    long_rounds = 1 if quick else 3
    judge_rounds = 1 if quick else 3
    in_rounds = 1 if quick else 3
    jmh_cfg = (1, 1, 2, 1) if quick else (3, 2, 5, 2)
    node_seconds = 2 if quick else 10
    judge_cases = 200

    os.makedirs(SHM, exist_ok=True)
    info = machine()
    info['mode'] = 'quick' if quick else 'full'
    info['load_before'] = loadavg()
    log('machine: %s' % json.dumps(info))
    if info['load_before'][0] >= 0.5 and not quick:
        log('WARNING: load average %.2f >= 0.5: figures will be noisy; recorded in the report' % info['load_before'][0])
    R = {'info': info}
    t_start = time.time()

    # Warm-up of one-time costs that are not part of any figure: the CDS archive of bin/wasibox
    # and the compiled-module disk cache of every guest. The archive is written by the first run
    # after a build and also holds that run's generated classes; it is made by a guest that no
    # figure uses (random), so that no benchmark finds its own classes in it.
    cds = os.path.join(ROOT, 'host', 'target', 'wasibox.jsa')
    if os.path.exists(cds):
        os.remove(cds)
    subprocess.run([WASIBOX, 'run', wasm('random'), '--', '16'], stdout=subprocess.DEVNULL, check=True)
    for g in CPU + ['writes', 'hello', 'sum_ok']:
        subprocess.run([WASIBOX, 'run', wasm(g)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False,
                       stderr=subprocess.DEVNULL)
    subprocess.run([WASIBOX, 'run', '--tmp', '/w', wasm('files4k'), '--', '/w'], stdout=subprocess.DEVNULL, check=True)

    try:
        if want('cpu'):
            log('== CPU-bound, whole process, default arguments')
            R['cpu'] = {g: alternate(workload_cmds(g, [], EXPECTED[g]), rounds, g) for g in CPU}
        if want('long'):
            log('== CPU-bound, whole process, long arguments')
            R['long'] = {}
            for g in CPU:
                ref = timed(Cmd([os.path.join(NATIVE, g)] + LONG_ARGS[g]), capture=True)[2].splitlines()[0]
                R['long'][g] = alternate(workload_cmds(g, LONG_ARGS[g], ref), long_rounds, g + '-long')
                R['long'][g]['args'] = LONG_ARGS[g]
        if want('syscall'):
            log('== syscall-bound, whole process')
            R['syscall'] = {'writes': alternate(workload_cmds('writes', [], EXPECTED['writes']), rounds, 'writes'),
                            'files4k': alternate(files_cmds(), rounds, 'files4k')}
        if want('startup'):
            log('== start-up: hello world, whole process')
            cmds = workload_cmds('hello', [], EXPECTED['hello'], with_native=False)
            cmds['native'] = Cmd([os.path.join(NATIVE, 'hello')], check=EXPECTED['hello'])
            cmds['wasibox-interp'] = Cmd([WASIBOX, 'run', '--engine', 'interpreter', wasm('hello')], check=EXPECTED['hello'])
            R['startup'] = alternate(cmds, rounds * 2, 'hello')
        if want('cache'):
            log('== compile cache: whole process, sum_ok (295 KB) and hello')
            case = os.path.join(make_judge_tests(judge_cases), '1.in')
            R['cache_process'] = {}
            for g in ['hello', 'sum_ok']:
                stdin = case if g == 'sum_ok' else None
                R['cache_process'][g] = alternate({
                    'cached': Cmd([WASIBOX, 'run', wasm(g)], stdin=stdin),
                    'no-cache': Cmd([WASIBOX, 'run', '--no-cache', wasm(g)], stdin=stdin),
                    'interpreter': Cmd([WASIBOX, 'run', '--engine', 'interpreter', wasm(g)], stdin=stdin),
                }, rounds, 'cache-' + g)
        if want('judge'):
            log('== judge: sum_ok against %d cases' % judge_cases)
            tests = make_judge_tests(judge_cases)
            R['judge'] = alternate({
                'wasibox': Cmd([WASIBOX, 'judge', '--policy', os.path.join(ROOT, 'bench', 'judge.toml'), '--tests', tests,
                                wasm('sum_ok')]),
                'node': lambda: node_judge_loop(tests, judge_cases),
            }, judge_rounds, 'judge')
            R['judge']['cases'] = judge_cases
        if want('inproc'):
            log('== in-process time per run (JMH for wasibox and wasmtime, inproc.mjs for Node)')
            guests = CPU + ['writes', 'files4k', 'hello']
            rounds_in = []
            for r in range(in_rounds):
                wb = jmh('WasiboxBench', guests, WASIBOX_EMBED_OPTS.split(), *jmh_cfg, tag='r%d' % r)
                wt = jmh('WasmtimeBench', guests, ['-Djava.library.path=' + JNI_DIR], *jmh_cfg, tag='r%d' % r)
                sb = jmh('StdoutBench', ['writes'], WASIBOX_EMBED_OPTS.split(), *jmh_cfg, tag='r%d' % r)
                nd = {}
                for g in guests:
                    dirs = [os.path.join(SHM, 'files') + '::/w'] if g == 'files4k' else []
                    os.makedirs(os.path.join(SHM, 'files'), exist_ok=True)
                    nd[g] = node_inproc(g, ['/w'] if g == 'files4k' else [], node_seconds, dirs)
                rounds_in.append({'wasibox': wb, 'wasmtime': wt, 'node': nd, 'wasibox_buffered': sb})
                log('  round %d: %s' % (r, json.dumps(rounds_in[-1])))
            R['inproc_rounds'] = rounds_in
            R['inproc'] = {g: {
                'wasibox': statistics.median(x['wasibox'][g]['p50_ms'] for x in rounds_in),
                'wasmtime': statistics.median(x['wasmtime'][g]['p50_ms'] for x in rounds_in),
                'node': statistics.median(x['node'][g] for x in rounds_in),
            } for g in guests}
            R['inproc']['writes']['wasibox_buffered'] = statistics.median(
                x['wasibox_buffered']['writes.buffered']['p50_ms'] for x in rounds_in)
        if want('cache'):
            log('== compile cache: in process (JMH CacheBench)')
            R['cache_inproc'] = jmh('CacheBench', ['hello', 'sum_ok'], WASIBOX_EMBED_OPTS.split(), *jmh_cfg, tag='cache')
        if want('memory'):
            log('== memory per concurrent run (hello)')
            out = sh([JAVA, '-XX:NativeMemoryTracking=summary', '-Dwasibox.root=' + ROOT, '-cp', BENCH_JAR,
                      'dev.wasibox.bench.MemoryPerRun', '20' if quick else '200', 'hello'])
            R['memory'] = dict(kv.split('=', 1) for kv in out.split())
            log('  ' + out)
        if want('limits'):
            log('== how closely the limits hold (LimitLatency)')
            out = sh([JAVA, '-Dwasibox.root=' + ROOT, '-cp', BENCH_JAR, 'dev.wasibox.bench.LimitLatency',
                      '5' if quick else '15', '200'])
            R['limits'] = [dict(kv.split('=', 1) for kv in line.split(' message=')[0].split()) for line in out.splitlines()
                           if line.startswith('limit=')]
            log('  ' + out.replace('\n', '\n  '))
    finally:
        shutil.rmtree(SHM, ignore_errors=True)

    info['load_after'] = loadavg()
    info['crashes'] = CRASHES
    info['duration_s'] = round(time.time() - t_start)
    os.makedirs(os.path.join(ROOT, 'bench', 'results'), exist_ok=True)
    stamp = datetime.datetime.now().strftime('%Y%m%d-%H%M%S')
    raw = os.path.join(ROOT, 'bench', 'results', 'results-%s%s.json' % (stamp, '-quick' if quick else ''))
    with open(raw, 'w') as f:
        json.dump(R, f, indent=1)
    md = report(R)
    with open(a.out, 'w') as f:
        f.write(md)
    log('wrote %s and %s' % (a.out, raw))
    print(md)


def report(R):
    from report import render
    return render(R)


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
