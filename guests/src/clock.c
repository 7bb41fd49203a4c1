/*
 * clock: clock resolutions and readings, a nanosleep, and a two-clock poll.
 *
 *   clock [MS]        MS = nanosleep duration in milliseconds (default 10)
 *
 * Output (values in nanoseconds; timing values are not deterministic on real clocks):
 *   realtime res=N time=N            (or "realtime errno=N" if either call fails)
 *   monotonic res=N time=N
 *   process_cputime res=N time=N
 *   thread_cputime res=N time=N
 *   sleep ms=MS delta_ns=N           monotonic delta across nanosleep (or "sleep errno=N")
 *   poll_rel_vs_abs nevents=N fired=U[,U]   relative 5 ms (userdata 1) vs absolute now+1 s (2)
 *   poll_abs_past nevents=N fired=U[,U]     absolute now-1 ns (userdata 3) vs relative 1 s (4)
 * "fired" lists userdata of events with error 0 and type clock, ascending.
 * Exit code 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

static void show(const char *name, __wasi_clockid_t id) {
    __wasi_timestamp_t res = 0, t = 0;
    __wasi_errno_t e = __wasi_clock_res_get(id, &res);
    if (!e) e = __wasi_clock_time_get(id, 1, &t);
    if (e) printf("%s errno=%d\n", name, e);
    else printf("%s res=%llu time=%llu\n", name, (unsigned long long)res, (unsigned long long)t);
}

static __wasi_timestamp_t mono(void) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t)) return 0;
    return t;
}

static void clock_sub(__wasi_subscription_t *s, uint64_t ud, uint64_t timeout, int abs) {
    memset(s, 0, sizeof *s);
    s->userdata = ud;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s->u.u.clock.timeout = timeout;
    s->u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
}

static void poll2(const char *name, __wasi_subscription_t *subs) {
    __wasi_event_t ev[2];
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, 2, &n);
    if (e) { printf("%s errno=%d\n", name, e); return; }
    if (n == 2 && ev[0].userdata > ev[1].userdata) { __wasi_event_t t = ev[0]; ev[0] = ev[1]; ev[1] = t; }
    printf("%s nevents=%lu fired=", name, (unsigned long)n);
    int first = 1;
    for (__wasi_size_t i = 0; i < n; i++) {
        if (ev[i].error || ev[i].type != __WASI_EVENTTYPE_CLOCK) continue;
        printf("%s%llu", first ? "" : ",", (unsigned long long)ev[i].userdata);
        first = 0;
    }
    printf("\n");
}

int main(int argc, char **argv) {
    long ms = argc > 1 ? atol(argv[1]) : 10;
    show("realtime", __WASI_CLOCKID_REALTIME);
    show("monotonic", __WASI_CLOCKID_MONOTONIC);
    show("process_cputime", __WASI_CLOCKID_PROCESS_CPUTIME_ID);
    show("thread_cputime", __WASI_CLOCKID_THREAD_CPUTIME_ID);

    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    __wasi_timestamp_t t0 = mono();
    if (nanosleep(&ts, NULL) != 0) printf("sleep errno=%d\n", errno);
    else printf("sleep ms=%ld delta_ns=%llu\n", ms, (unsigned long long)(mono() - t0));

    __wasi_subscription_t s[2];
    __wasi_timestamp_t now = mono();
    clock_sub(&s[0], 1, 5000000ull, 0);
    clock_sub(&s[1], 2, now + 1000000000ull, 1);
    poll2("poll_rel_vs_abs", s);
    now = mono();
    clock_sub(&s[0], 3, now - 1, 1);
    clock_sub(&s[1], 4, 1000000000ull, 0);
    poll2("poll_abs_past", s);
    return 0;
}
