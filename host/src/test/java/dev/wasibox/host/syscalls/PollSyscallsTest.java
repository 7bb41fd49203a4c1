package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.io.GuestInput;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code poll_oneoff} on virtual clocks (monotonic starts at 0 and steps 1 ns per read; realtime
 * at 1.7e18), so that sleeping advances the clock and takes no wall time. A test that waited for
 * real would hang, which the class-level timeout turns into a failure; no test measures time.
 *
 * <p>Layouts (preview1): subscription 48 bytes {@code userdata u64 @0, tag u8 @8, clock id u32
 * @16, timeout u64 @24, precision u64 @32, flags u16 @40} or {@code fd u32 @16}; event 32 bytes
 * {@code userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24}.
 */
@Timeout(60)
class PollSyscallsTest {
  private static final long MEM = 65536;
  private static final long WILD = 0xFFFF_FFF0L;
  private static final int CLOCK = 0;
  private static final int FD_READ = 1;
  private static final int FD_WRITE = 2;
  private static final int ABSTIME = 1;

  /** Writes one preview1 clock subscription at {@code at}. */
  static void clockSub(HostHarness h, long at, long userdata, int id, long timeout, int flags) {
    h.putU64(at, userdata);
    h.putU8(at + 8, CLOCK);
    h.putU32(at + 16, id);
    h.putU64(at + 24, timeout);
    h.putU64(at + 32, 0);
    h.putU16(at + 40, flags);
  }

  /** Writes one preview1 fd subscription at {@code at}. */
  static void fdSub(HostHarness h, long at, long userdata, int tag, int fd) {
    h.putU64(at, userdata);
    h.putU8(at + 8, tag);
    h.putU32(at + 16, fd);
  }

  /** One decoded event. */
  record Event(long userdata, Errno error, int type, long nbytes, int flags) {}

  static Event event(HostHarness h, long at) {
    return new Event(h.u64(at), Errno.fromCode(h.u16(at + 8)), h.u8(at + 10), h.u64(at + 16), h.u16(at + 24));
  }

  private static long monotonicNow(HostHarness h) {
    long p = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("clock_time_get", 1, 0L, p));
    return h.u64(p);
  }

  /** Subscriptions set up by a row, as (in, count). */
  interface Subs {
    int write(HostHarness h, long in);
  }

  /** {@code (name, subscriptions, errno, expected events)}. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("relativeClock", (Subs) (h, in) -> {
          clockSub(h, in, 7, 1, 1_000, 0);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(7, Errno.SUCCESS, CLOCK, 0, 0))),
        Arguments.of("absoluteClock", (Subs) (h, in) -> {
          clockSub(h, in, 8, 1, 5_000, ABSTIME);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(8, Errno.SUCCESS, CLOCK, 0, 0))),
        Arguments.of("absoluteInThePast", (Subs) (h, in) -> {
          clockSub(h, in, 9, 0, 1, ABSTIME);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(9, Errno.SUCCESS, CLOCK, 0, 0))),
        Arguments.of("earliestOfTwoFires", (Subs) (h, in) -> {
          clockSub(h, in, 1, 1, 1_000_000, 0);
          clockSub(h, in + 48, 2, 1, 10, 0);
          return 2;
        }, Errno.SUCCESS, List.of(new Event(2, Errno.SUCCESS, CLOCK, 0, 0))),
        Arguments.of("sameAbsoluteDeadlineBothFire", (Subs) (h, in) -> {
          clockSub(h, in, 1, 1, 500, ABSTIME);
          clockSub(h, in + 48, 2, 1, 500, ABSTIME);
          return 2;
        }, Errno.SUCCESS, List.of(new Event(1, Errno.SUCCESS, CLOCK, 0, 0), new Event(2, Errno.SUCCESS, CLOCK, 0, 0))),
        Arguments.of("cpuClockWithheld", (Subs) (h, in) -> {
          clockSub(h, in, 3, 2, 10, 0);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(3, Errno.EINVAL, CLOCK, 0, 0))),
        Arguments.of("unknownClockId", (Subs) (h, in) -> {
          clockSub(h, in, 4, 77, 10, 0);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(4, Errno.EINVAL, CLOCK, 0, 0))),
        Arguments.of("badClockBeatsGoodClock", (Subs) (h, in) -> {
          clockSub(h, in, 1, 1, 10, 0);
          clockSub(h, in + 48, 2, 99, 10, 0);
          return 2;
        }, Errno.SUCCESS, List.of(new Event(2, Errno.EINVAL, CLOCK, 0, 0))),
        Arguments.of("stdinWithData", (Subs) (h, in) -> {
          fdSub(h, in, 5, FD_READ, 0);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(5, Errno.SUCCESS, FD_READ, 5, 0))),
        Arguments.of("stdoutWritable", (Subs) (h, in) -> {
          fdSub(h, in, 6, FD_WRITE, 1);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(6, Errno.SUCCESS, FD_WRITE, 0, 0))),
        Arguments.of("stdoutForRead", (Subs) (h, in) -> {
          fdSub(h, in, 6, FD_READ, 1);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(6, Errno.EBADF, FD_READ, 0, 0))),
        Arguments.of("stdinForWrite", (Subs) (h, in) -> {
          fdSub(h, in, 6, FD_WRITE, 0);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(6, Errno.EBADF, FD_WRITE, 0, 0))),
        Arguments.of("fileReadable", (Subs) (h, in) -> {
          fdSub(h, in, 10, FD_READ, FdKind.FILE_RO.fd(h));
          return 1;
        }, Errno.SUCCESS, List.of(new Event(10, Errno.SUCCESS, FD_READ, 5, 0))),
        Arguments.of("fileWithoutPollRight", (Subs) (h, in) -> {
          fdSub(h, in, 10, FD_READ, FdKind.FILE_BARE.fd(h));
          return 1;
        }, Errno.SUCCESS, List.of(new Event(10, Errno.ENOTCAPABLE, FD_READ, 0, 0))),
        Arguments.of("directory", (Subs) (h, in) -> {
          fdSub(h, in, 11, FD_READ, 3);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(11, Errno.ENOTCAPABLE, FD_READ, 0, 0))),
        Arguments.of("closedFd", (Subs) (h, in) -> {
          fdSub(h, in, 12, FD_READ, 10);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(12, Errno.EBADF, FD_READ, 0, 0))),
        Arguments.of("negativeFd", (Subs) (h, in) -> {
          fdSub(h, in, 12, FD_WRITE, -1);
          return 1;
        }, Errno.SUCCESS, List.of(new Event(12, Errno.EBADF, FD_WRITE, 0, 0))),
        Arguments.of("fdReadyClockNotFired", (Subs) (h, in) -> {
          clockSub(h, in, 1, 1, 1_000, 0);
          fdSub(h, in + 48, 2, FD_WRITE, 1);
          return 2;
        }, Errno.SUCCESS, List.of(new Event(2, Errno.SUCCESS, FD_WRITE, 0, 0))),
        Arguments.of("zeroSubscriptions", (Subs) (h, in) -> 0, Errno.EINVAL, List.of()),
        Arguments.of("unknownTag", (Subs) (h, in) -> {
          clockSub(h, in, 1, 1, 10, 0);
          h.putU8(in + 8, 3);
          return 1;
        }, Errno.EINVAL, List.of()),
        Arguments.of("unknownTagAfterGoodOne", (Subs) (h, in) -> {
          fdSub(h, in, 1, FD_WRITE, 1);
          fdSub(h, in + 48, 2, 200, 1);
          return 2;
        }, Errno.EINVAL, List.of()));
  }

  private static HostHarness harness() {
    return HostHarness.builder()
        .stdin("input".getBytes(StandardCharsets.UTF_8))
        .cpuTime(null)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pollOneoff_table(String name, Subs subs, Errno errno, List<Event> expected) {
    HostHarness h = harness();
    long in = h.alloc(48 * 4);
    long out = h.alloc(32 * 4);
    h.fill(out, 32 * 4, 0xEE);
    long nevents = h.alloc(4);
    h.putU32(nevents, 0xDEAD);
    int n = subs.write(h, in);
    assertEquals(errno, h.call("poll_oneoff", in, out, n, nevents));
    if (errno != Errno.SUCCESS) {
      assertEquals(0xDEAD, h.u32(nevents));
      assertEquals(0xEEEEEEEEEEEEEEEEL, h.u64(out), "no event written");
      return;
    }
    assertEquals(expected.size(), h.u32(nevents));
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), event(h, out + 32L * i), "event " + i);
      assertEquals(0, h.u8(out + 32L * i + 11), "padding");
      assertEquals(0, h.u32(out + 32L * i + 12), "padding");
      assertEquals(0, h.u16(out + 32L * i + 26), "padding");
      assertEquals(0, h.u32(out + 32L * i + 28), "padding");
    }
    assertEquals(0xEEEEEEEEEEEEEEEEL, h.u64(out + 32L * expected.size()), "nothing past the events");
  }

  @Test
  void pollOneoff_relativeSleep_advancesVirtualClockWithoutWaiting() {
    HostHarness h = harness();
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, 3_600_000_000_000L, 0);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
    assertTrue(monotonicNow(h) >= 3_600_000_000_000L, "an hour passed in virtual time");
  }

  @Test
  void pollOneoff_absoluteDeadline_clockReadsAtLeastDeadline() {
    HostHarness h = harness();
    long in = h.alloc(48);
    clockSub(h, in, 1, 0, 1_700_000_000_000_000_000L + 86_400_000_000_000L, ABSTIME);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
    long p = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("clock_time_get", 0, 0L, p));
    assertTrue(h.u64(p) >= 1_700_000_000_000_000_000L + 86_400_000_000_000L);
  }

  @Test
  void pollOneoff_relativeTimeoutMaxU64_meansForeverNotNow() {
    HostHarness h = harness();
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, -1L, 0);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
    assertEquals(Long.MAX_VALUE, monotonicNow(h), "slept to the end of (virtual) time");
    assertEquals(Long.MAX_VALUE, monotonicNow(h), "and the clock stays there, never wrapping");
  }

  @Test
  void pollOneoff_absoluteTimeoutPast2pow63_meansForever() {
    HostHarness h = harness();
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, 0x8000_0000_0000_0000L, ABSTIME);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
    assertEquals(Long.MAX_VALUE, monotonicNow(h));
  }

  /**
   * A guest that prints a prompt and then waits must not leave the prompt in a buffered host
   * stdout (the CLI buffers it when it is not a terminal), or its peer never answers.
   */
  @Test
  void pollOneoff_beforeWaiting_flushesBufferedOutput() {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    HostHarness h =
        HostHarness.builder()
            .configure(c -> c.stdout(new java.io.BufferedOutputStream(sink, 1 << 16), Long.MAX_VALUE, false))
            .build();
    HostHarness.Ptr prompt = h.str("> ");
    assertEquals(Errno.SUCCESS, h.call("fd_write", 1, h.iovecs(prompt.ptr(), prompt.len()), 1, h.alloc(4)));
    assertEquals(0, sink.size(), "buffered until something waits");
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, 1_000, 0);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
    assertEquals("> ", sink.toString(StandardCharsets.UTF_8));
  }

  @Test
  void pollOneoff_frozenClock_returnsAtOnce() {
    HostHarness h = HostHarness.builder().monotonic(GuestClock.frozen(5, 1)).build();
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, 1_000_000_000L, 0);
    long out = h.alloc(32);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, out, 1, h.alloc(4)));
    assertEquals(1, event(h, out).userdata());
  }

  @Test
  void pollOneoff_emptyFiniteStdin_readyWithHangup() {
    HostHarness h = HostHarness.create();
    long in = h.alloc(48);
    fdSub(h, in, 1, FD_READ, 0);
    long out = h.alloc(32);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, out, 1, h.alloc(4)));
    assertEquals(new Event(1, Errno.SUCCESS, FD_READ, 0, 1), event(h, out));
  }

  @Test
  void pollOneoff_openStdinWithoutDataAndClock_clockFires() {
    InputStream never = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("poll must not read");
      }

      @Override
      public int available() {
        return 0;
      }
    };
    HostHarness h = HostHarness.builder().stdin(GuestInput.of(never)).build();
    long in = h.alloc(96);
    fdSub(h, in, 1, FD_READ, 0);
    clockSub(h, in + 48, 2, 1, 50_000_000L, 0);
    long out = h.alloc(64);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, out, 2, n));
    assertEquals(1, h.u32(n));
    assertEquals(new Event(2, Errno.SUCCESS, CLOCK, 0, 0), event(h, out));
  }

  @Test
  void pollOneoff_interruptedWhileSleeping_eintr() {
    HostHarness h = HostHarness.builder().monotonic(GuestClock.monotonic()).build();
    long in = h.alloc(48);
    clockSub(h, in, 1, 1, 600_000_000_000L, 0);
    Thread.currentThread().interrupt();
    try {
      assertEquals(Errno.EINTR, h.call("poll_oneoff", in, h.alloc(32), 1, h.alloc(4)));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the run to see");
    } finally {
      Thread.interrupted();
    }
  }

  /** {@code (name, in, out, count, nevents ptr, errno)}; one valid clock subscription at 0x100. */
  static Stream<Arguments> pointers() {
    return Stream.of(
        Arguments.of("inWild", WILD, 0x400L, 1L, 0x500L, Errno.EFAULT),
        Arguments.of("inStraddlesEnd", MEM - 47, 0x400L, 1L, 0x500L, Errno.EFAULT),
        Arguments.of("outWild", 0x100L, WILD, 1L, 0x500L, Errno.EFAULT),
        Arguments.of("outStraddlesEnd", 0x100L, MEM - 31, 1L, 0x500L, Errno.EFAULT),
        Arguments.of("neventsWild", 0x100L, 0x400L, 1L, WILD, Errno.EFAULT),
        Arguments.of("neventsAtMemorySize", 0x100L, 0x400L, 1L, MEM, Errno.EFAULT),
        Arguments.of("countPastMemory", 0x100L, 0x400L, 2000L, 0x500L, Errno.EFAULT),
        Arguments.of("countOverMax", 0x100L, 0x400L, 4097L, 0x500L, Errno.EINVAL),
        Arguments.of("countMaxU32", 0x100L, 0x400L, 0xFFFF_FFFFL, 0x500L, Errno.EINVAL),
        Arguments.of("countZeroWildPointers", WILD, WILD, 0L, WILD, Errno.EINVAL),
        Arguments.of("lastSlots", MEM - 48, MEM - 36, 1L, MEM - 4, Errno.SUCCESS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pointers")
  void pollOneoff_wildPointers_nothingWrittenClockUntouched(
      String name, long in, long out, long count, long nevents, Errno errno) {
    HostHarness h = harness();
    long sub = in == MEM - 48 ? in : 0x100;
    clockSub(h, sub, 1, 1, 1_000_000_000L, 0);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("poll_oneoff", in, out, count, nevents));
    if (errno != Errno.SUCCESS) {
      assertArrayEquals(before, h.read(0, MEM), "nothing written");
      assertEquals(0, monotonicNow(h), "no sleep happened");
    } else {
      assertEquals(1, h.u32(nevents));
    }
  }

  @Test
  void pollOneoff_maxSubscriptions_allFire() {
    HostHarness h = HostHarness.builder().pages(6).build();
    long in = 0x100;
    long out = in + 48L * 4096;
    for (int i = 0; i < 4096; i++) {
      clockSub(h, in + 48L * i, i, 1, 100, ABSTIME);
    }
    long n = out + 32L * 4096;
    assertEquals(Errno.SUCCESS, h.call("poll_oneoff", in, out, 4096, n));
    assertEquals(4096, h.u32(n));
    assertEquals(4095, event(h, out + 32L * 4095).userdata());
  }

  @Test
  void pollOneoff_wasiUnstable_56ByteSubscriptions() {
    HostHarness h = harness();
    long in = h.alloc(56 * 2);
    for (int i = 0; i < 2; i++) {
      long at = in + 56L * i;
      h.putU64(at, 100 + i);
      h.putU8(at + 8, CLOCK);
      h.putU64(at + 16, 0xABCD); // identifier, snapshot 0 only
      h.putU32(at + 24, 1);
      h.putU64(at + 32, i == 0 ? 5_000 : 10);
      h.putU64(at + 40, 0);
      h.putU16(at + 48, 0);
    }
    long out = h.alloc(64);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call(Abi.SNAPSHOT0, "poll_oneoff", in, out, 2, n));
    assertEquals(1, h.u32(n));
    assertEquals(new Event(101, Errno.SUCCESS, CLOCK, 0, 0), event(h, out));
  }

  @Test
  void pollOneoff_trace() {
    HostHarness h = harness();
    h.call("poll_oneoff", 0x100, 0x200, 0, 0x300);
    assertEquals(List.of("==> poll_oneoff(in=256,out=512,nsubscriptions=0)", "<== errno=EINVAL"), h.trace());
  }
}
