"""Renders the results of bench/driver.py as Markdown (bench/RESULTS.md); also usable alone:

    python3 bench/report.py bench/results/results-DATE.json > bench/RESULTS.md
"""
import json
import math
import os
import sys

GUEST_TEXT = {
    'sha256': 'SHA-256 over 32 MiB',
    'sieve': 'sieve to 2e7',
    'fib': 'recursive fib(35)',
    'sort2m': 'C++ std::sort of 2M ints',
    'writes': '200k fd_write of 16 B',
    'files4k': '4,000 files create/write/stat/read/list/remove',
    'hello': 'hello world',
}


def ms(s):
    if s is None or (isinstance(s, float) and math.isnan(s)):
        return 'n/a'
    v = s * 1000
    return '%.0f' % v if v >= 100 else ('%.1f' % v if v >= 1 else '%.2f' % v)


def x(a, b):
    if not a or not b:
        return 'n/a'
    return '%.2fx' % (a / b)


def ok(cond):
    return 'met' if cond else '**not met**'


def render(R):
    i = R['info']
    out = []
    w = out.append
    w('# wasibox benchmark results\n')
    w('Machine: %s, %s cores, %s GiB RAM, Linux %s. %s; Node %s; %s.' % (
        i['cpu'], i['cores'], i['memory_gib'], i['kernel'], i['java'], i['node'], i['gcc']))
    w('Date: %s. Commit: %s. Mode: %s (%s s).' % (i['date'], i['commit'], i['mode'], i.get('duration_s', '?')))
    la, lb = i['load_before'], i.get('load_after', ['?'] * 3)
    w('Load average (1/5/15 min) before: %s, after: %s.%s\n' % (
        ' / '.join(map(str, la)), ' / '.join(map(str, lb)),
        ' **The machine was not quiet (load >= 0.5): wall times are inflated; CPU times are given beside them.**'
        if la[0] >= 0.5 or (isinstance(lb[0], float) and lb[0] >= 0.5) else ''))
    if i.get('crashes'):
        w('Crashes tolerated: %s (Node segfaulting at exit after printing its complete, checked output; the run '
          'is counted).\n' % ', '.join('%s %d' % kv for kv in i['crashes'].items()))
    w('Reproduce: `bench/run.sh` (full) or `bench/run.sh --quick`. Each figure is the median of several runs '
      'taken in alternating order. Ratios are wasibox time / peer time (below 1 = wasibox faster). '
      'wasmtime = wasmtime-java 0.19.0 (wasmtime 7.0.1, Cranelift) with its JNI library loaded from a fixed path. '
      'Node = Node\'s `node:wasi` through `guests/run-node.mjs` / `bench/node/inproc.mjs`.\n')

    if 'inproc' in R:
        ip = R['inproc']
        nat = {g: R['cpu'][g]['native']['wall_s'] for g in R.get('cpu', {})}
        w('## In-process time per run of an already-compiled module\n')
        w('Median ms per run after warm-up: wasibox `WasmProgram.run` (fresh instance, config, thread, and for files4k '
          'a fresh memory volume per run; JMH `WasiboxBench`, JVM option `-XX:-DontCompileHugeMethods`), wasmtime '
          '(fresh store, WASI context, linker, instance; JMH `WasmtimeBench`), Node (fresh `WASI` and instance; '
          '`bench/node/inproc.mjs`). stdout is /dev/null for all (one write(2) per guest write). files4k works in a '
          'wasibox memory mount, and in a tmpfs directory (/dev/shm) for Node and wasmtime. Native = the whole '
          'process (start-up is about 1 ms of it).\n')
        w('| workload | wasibox | Node | wasmtime | native | vs native | vs Node | vs wasmtime | target | |')
        w('|---|---:|---:|---:|---:|---:|---:|---:|---|---|')
        for g, v in ip.items():
            wb, nd, wt = v['wasibox'] / 1000, v['node'] / 1000, v['wasmtime'] / 1000
            na = nat.get(g) if g in nat else (R.get('syscall', {}).get(g, {}).get('native', {}).get('wall_s'))
            if g == 'hello':
                na = R.get('startup', {}).get('native', {}).get('wall_s')
            if g in ('sha256', 'sieve', 'fib', 'sort2m'):
                target = '<= 2x native, < Node'
                met = ok(na and wb <= 2 * na and wb < nd)
            elif g in ('writes', 'files4k'):
                target = '< Node, < wasmtime'
                met = ok(wb < nd and wb < wt)
            else:
                target = '(reported)'
                met = ''
            w('| %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                g, GUEST_TEXT[g], ms(wb), ms(nd), ms(wt), ms(na), x(wb, na), x(wb, nd), x(wb, wt), target, met))
            if g == 'writes' and 'wasibox_buffered' in v:
                wbb = v['wasibox_buffered'] / 1000
                w('| writes, host stdout buffered (64 KiB, as the CLI; JMH `StdoutBench`) | %s | | | | %s | %s | %s | '
                  '< Node, < wasmtime | %s |' % (ms(wbb), x(wbb, na), x(wbb, nd), x(wbb, wt), ok(wbb < nd and wbb < wt)))
        w('')

    def process_table(title, note, data, target_fn=None, target_text=''):
        w('## %s\n' % title)
        if note:
            w(note + '\n')
        w('| workload | wasibox | Node | wasmtime | native | vs Node | vs wasmtime | vs native | wasibox CPU | Node CPU | target | |')
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|')
        for g, v in data.items():
            wb = v['wasibox']['wall_s']
            nd = v['node']['wall_s']
            wt = v.get('wasmtime', {}).get('wall_s')
            na = v.get('native', {}).get('wall_s')
            label = g + (' ' + ' '.join(v['args']) if 'args' in v else '')
            t, met = (target_fn(g, v) if target_fn else ('', ''))
            w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                label, ms(wb), ms(nd), ms(wt), ms(na), x(wb, nd), x(wb, wt), x(wb, na),
                ms(v['wasibox']['cpu_s']), ms(v['node']['cpu_s']), t, met))
        w('')

    if 'cpu' in R:
        process_table('CPU-bound, whole process (default arguments)',
                      'Wall ms, start to exit, `bin/wasibox run` (compiled-module disk cache and CDS archive warm) vs '
                      '`node guests/run-node.mjs`, `java ... WasmtimeMain` and the gcc -O2 binary. CPU = user+sys.',
                      R['cpu'], lambda g, v: ('(reported)', ''))
    if 'long' in R:
        process_table('CPU-bound, whole process, guests running >= 1 s',
                      'As above with larger arguments so that the guest runs about a second or more.',
                      R['long'], lambda g, v: ('<= 0.6x Node', ok(v['wasibox']['wall_s'] <= 0.6 * v['node']['wall_s'])))
    if 'syscall' in R:
        process_table('Syscall-bound, whole process',
                      'writes: stdout to /dev/null. files4k: wasibox `--tmp /w` (memory mount); Node, wasmtime and '
                      'native in a tmpfs directory.',
                      R['syscall'], lambda g, v: ('< Node, < wasmtime', ok(
                          v['wasibox']['wall_s'] < v['node']['wall_s'] and v['wasibox']['wall_s'] < v['wasmtime']['wall_s'])))
    if 'startup' in R:
        s = R['startup']
        w('## Start-up: hello world, whole process\n')
        w('| runtime | wall ms | CPU ms | vs Node |')
        w('|---|---:|---:|---:|')
        for n, v in s.items():
            w('| %s | %s | %s | %s |' % (n, ms(v['wall_s']), ms(v['cpu_s']), x(v['wall_s'], s['node']['wall_s'])))
        w('\nTarget: wasibox at most 2x Node: %s (%s).\n' % (
            ok(s['wasibox']['wall_s'] <= 2 * s['node']['wall_s']), x(s['wasibox']['wall_s'], s['node']['wall_s'])))
    if 'judge' in R:
        j = R['judge']
        n = j['cases']
        wb, nd = j['wasibox']['wall_s'], j['node']['wall_s']
        w('## Judge: one C++ solution (sum_ok, iostream) against %d test cases\n' % n)
        w('`bin/wasibox judge --policy bench/judge.toml --tests DIR guests/bin/sum_ok.wasm` (one process, whole '
          'command) vs a loop starting `node guests/run-node.mjs` per case (token comparison in the loop).\n')
        w('| | wall s | CPU s | cases/s | per case ms |')
        w('|---|---:|---:|---:|---:|')
        for name, v in (('wasibox judge', j['wasibox']), ('Node per case', j['node'])):
            w('| %s | %.2f | %.2f | %.0f | %.1f |' % (name, v['wall_s'], v['cpu_s'], n / v['wall_s'], 1000 * v['wall_s'] / n))
        w('\nThroughput ratio wasibox / Node: %.1fx (target >= 10x: %s).\n' % (nd / wb, ok(nd / wb >= 10)))
    if 'cache_process' in R or 'cache_inproc' in R:
        w('## Compile once per distinct module\n')
        if 'cache_inproc' in R:
            c = R['cache_inproc']
            w('In process (JMH `CacheBench`, ms per load, p50). Its setup checks that a disk cache filled once is '
              'read and never written again, and that a second `ProgramCache.load` returns the same program.\n')
            w('| module | compile | disk-cache hit | in-memory hit | interpreter (parse only) |')
            w('|---|---:|---:|---:|---:|')
            for g in ('hello', 'sum_ok'):
                if g + '.compile' in c:
                    w('| %s | %.2f | %.2f | %.4f | %.2f |' % (g, c[g + '.compile']['p50_ms'], c[g + '.diskHit']['p50_ms'],
                                                          c[g + '.memoryHit']['p50_ms'], c[g + '.interpreter']['p50_ms']))
            w('')
        if 'cache_process' in R:
            w('Whole process, `bin/wasibox run` (wall ms / CPU ms):\n')
            w('| module | disk cache warm | --no-cache | --engine interpreter |')
            w('|---|---:|---:|---:|')
            for g, v in R['cache_process'].items():
                w('| %s | %s / %s | %s / %s | %s / %s |' % (g, ms(v['cached']['wall_s']), ms(v['cached']['cpu_s']),
                                                         ms(v['no-cache']['wall_s']), ms(v['no-cache']['cpu_s']),
                                                         ms(v['interpreter']['wall_s']), ms(v['interpreter']['cpu_s'])))
            w('')
    if 'memory' in R:
        m = R['memory']
        kib = lambda k: int(m[k]) / 1024
        w('## Memory per concurrent run (hello world)\n')
        w('%s runs held in flight at once (each blocked in its first fd_write), compared with the idle JVM after a '
          'full GC (`MemoryPerRun`, thread stacks from Native Memory Tracking).\n' % m['runs'])
        w('| Java heap per run | of which linear memory | thread stacks per run | overhead beyond linear memory | target |')
        w('|---:|---:|---:|---:|---|')
        w('| %.0f KiB | %.0f KiB | %.0f KiB | **%.0f KiB** | < 2 MiB: %s |\n' % (
            kib('heap_per_run'), kib('linear_per_run'), kib('stacks_per_run'), kib('overhead_per_run'),
            ok(int(m['overhead_per_run']) < 2 << 20)))
    if 'limits' in R:
        w('## How closely the limits hold\n')
        w('`LimitLatency`, in one JVM: each endless loop shape run against a 200 ms wall-time limit (CPU limit '
          '30 s), then against a 200 ms CPU-time limit (wall limit 30 s). "late" = wall time from the call to '
          '`WasmProgram.run` until it returned, or the guest thread\'s CPU time, minus the limit.\n')
        w('| guest | engine | limit | runs | all TLE | late, median ms | late, max ms |')
        w('|---|---|---|---:|---|---:|---:|')
        for c in R['limits']:
            if c['limit'] in ('wall', 'cpu'):
                w('| %s | %s | %s %s ms | %s | %s | %s | %s |' % (c['guest'], c['engine'], c['limit'], c['limit_ms'], c['runs'],
                                                            c['all_tle'], c['late_median_ms'], c['late_max_ms']))
        w('')
        for c in R['limits']:
            if c['limit'] == 'memory':
                w('- memory: `mem_bomb` under an %d MiB cap: %s, peak linear memory %d bytes.' % (
                    int(c['cap']) >> 20, c['verdict'], int(c['peak'])))
            elif c['limit'] == 'output':
                w('- output: `output_bomb` under a %d-byte limit: %s, %s bytes written.' % (int(c['cap']), c['verdict'], c['written']))
            elif c['limit'] == 'stack':
                w('- stack: `recurse` (unbounded recursion): %s after %s ms.' % (c['verdict'], c['ms']))
        w('')
    findings = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'FINDINGS.md')
    if os.path.exists(findings):
        with open(findings) as f:
            w(f.read())
    return '\n'.join(out) + '\n'


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        sys.stdout.write(render(json.load(f)))
