package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.Abi;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.host.fd.StreamDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: waits for clock deadlines and fd readiness. Regular files and output
 * streams are always ready; stdin is ready when it has bytes or is at end-of-file (as far as the
 * host can tell). A virtual or frozen clock never makes the host wait: sleeping advances the
 * virtual clock, so deterministic runs take no wall time to sleep.
 */
public final class PollSyscalls {
  /** The most subscriptions one call may pass; more is {@code EINVAL}. */
  static final int MAX_SUBSCRIPTIONS = 4096;

  private static final int EVENT_SIZE = 32;
  private static final int CLOCK = 0;
  private static final int FD_READ = 1;
  private static final int FD_WRITE = 2;
  private static final int ABSTIME = 1;
  private static final int HANGUP = 1;
  private static final long IDLE_POLL_NS = 10_000_000L;

  private final WasiContext context;
  private final ClockSyscalls clocks;

  public PollSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
    this.clocks = new ClockSyscalls(context);
  }

  /** One parsed subscription. */
  private record Subscription(long userdata, int tag, GuestClock clock, long deadline, int fd) {}

  /** One event to report. */
  private record Event(long userdata, Errno error, int type, long nbytes, int flags) {}

  /**
   * {@code poll_oneoff}.
   *
   * <p>Errors: {@code EINVAL} no subscriptions, too many, or an unknown tag · {@code EFAULT} the
   * arrays or the result pointer out of bounds · {@code EINTR} the run is being stopped. Errors of
   * single subscriptions ({@code EBADF}, {@code ENOTCAPABLE}, {@code EINVAL} for a withheld clock)
   * are reported in their events.
   */
  public Errno pollOneoff(GuestMemory mem, long in, long out, long count, long neventsPtr, Abi abi) {
    if (count == 0 || count > MAX_SUBSCRIPTIONS) {
      throw new WasiException(Errno.EINVAL, "subscription count " + count);
    }
    int n = (int) count;
    mem.check(in, (long) n * abi.subscriptionSize());
    mem.check(out, (long) n * EVENT_SIZE);
    mem.check(neventsPtr, 4);
    List<Subscription> subs = new ArrayList<>(n);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parse(mem, in + (long) i * abi.subscriptionSize(), abi, subs, events);
    }
    if (events.isEmpty()) {
      // About to wait (for input, or time): what the guest printed before must be out, as
      // fd_read on a stream does, or a prompt-then-poll guest stalls its peer.
      context.flushOutputs();
      waitForEvents(subs, events);
    }
    for (int i = 0; i < events.size(); i++) {
      write(mem, out + (long) i * EVENT_SIZE, events.get(i));
    }
    mem.putU32(neventsPtr, events.size());
    return Errno.SUCCESS;
  }

  private void parse(GuestMemory mem, long at, Abi abi, List<Subscription> subs, List<Event> events) {
    long userdata = mem.u64(at);
    int tag = mem.u8(at + 8);
    switch (tag) {
      case CLOCK -> {
        long body = at + abi.clockIdOffset();
        int id = (int) mem.u32(body);
        long timeout = mem.u64(body + 8);
        int flags = mem.u16(body + 24);
        GuestClock clock;
        try {
          clock = clocks.clock(id);
        } catch (WasiException e) {
          events.add(new Event(userdata, e.errno(), CLOCK, 0, 0));
          return;
        }
        // timeout is a u64: 2^63 and above (UINT64_MAX is C's "forever") is as far as a long goes.
        long wait = timeout < 0 ? Long.MAX_VALUE : timeout;
        long deadline = (flags & ABSTIME) != 0 ? wait : saturatingAdd(clock.now(), wait);
        subs.add(new Subscription(userdata, CLOCK, clock, deadline, -1));
      }
      case FD_READ, FD_WRITE -> {
        int fd = (int) mem.u32(at + 16);
        subs.add(new Subscription(userdata, tag, null, 0, fd));
      }
      default -> throw new WasiException(Errno.EINVAL, "unknown subscription tag " + tag);
    }
  }

  /** {@code a + b} for {@code b >= 0}, at most {@link Long#MAX_VALUE}. */
  private static long saturatingAdd(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  private void waitForEvents(List<Subscription> subs, List<Event> events) {
    Subscription earliest = null;
    boolean hasFd = false;
    for (Subscription s : subs) {
      if (s.tag() == CLOCK) {
        if (earliest == null || Long.compareUnsigned(s.deadline(), earliest.deadline()) < 0) {
          earliest = s;
        }
      } else {
        hasFd = true;
      }
    }
    while (true) {
      if (hasFd) {
        collectReadyFds(subs, events);
        if (!events.isEmpty()) {
          return;
        }
      }
      if (earliest == null && !hasFd) {
        return;
      }
      try {
        if (earliest != null) {
          if (!hasFd) {
            sleep(earliest.clock(), earliest.deadline());
            collectExpiredClocks(subs, earliest.clock(), events);
            return;
          }
          long now = earliest.clock().now();
          if (now >= earliest.deadline()) {
            collectExpiredClocks(subs, earliest.clock(), events);
            return;
          }
          sleep(earliest.clock(), Math.min(earliest.deadline(), now + IDLE_POLL_NS));
        } else {
          Thread.sleep(IDLE_POLL_NS / 1_000_000L);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WasiException(Errno.EINTR, "interrupted");
      }
    }
  }

  /**
   * Sleeps on {@code clock}; if it is virtual and jumped, the run's other wall or monotonic clock
   * moves by as much, so a guest that sleeps on one clock and measures with the other sees the
   * time it slept.
   */
  private void sleep(GuestClock clock, long deadline) throws InterruptedException {
    long moved = clock.sleepUntil(deadline);
    for (GuestClock other : new GuestClock[] {context.realtime(), context.monotonic()}) {
      if (other != clock) {
        other.advance(moved);
      }
    }
  }

  private static void collectExpiredClocks(List<Subscription> subs, GuestClock clock, List<Event> events) {
    long now = clock.now();
    for (Subscription s : subs) {
      if (s.tag() == CLOCK && s.clock() == clock && s.deadline() <= now) {
        events.add(new Event(s.userdata(), Errno.SUCCESS, CLOCK, 0, 0));
      }
    }
    if (events.isEmpty()) {
      // A virtual clock's reading may step past or short of the deadline; the earliest fired.
      for (Subscription s : subs) {
        if (s.tag() == CLOCK && s.clock() == clock) {
          events.add(new Event(s.userdata(), Errno.SUCCESS, CLOCK, 0, 0));
          return;
        }
      }
    }
  }

  private void collectReadyFds(List<Subscription> subs, List<Event> events) {
    for (Subscription s : subs) {
      if (s.tag() == CLOCK) {
        continue;
      }
      Descriptor d = context.fds().table().find(s.fd());
      if (d == null) {
        events.add(new Event(s.userdata(), Errno.EBADF, s.tag(), 0, 0));
      } else if (!d.base().contains(Right.POLL_FD_READWRITE)) {
        events.add(new Event(s.userdata(), Errno.ENOTCAPABLE, s.tag(), 0, 0));
      } else if (d instanceof DirectoryDescriptor) {
        events.add(new Event(s.userdata(), Errno.EBADF, s.tag(), 0, 0));
      } else if (d instanceof FileDescriptor f) {
        long nbytes = s.tag() == FD_READ ? Math.max(0, f.file().size() - f.position()) : 0;
        events.add(new Event(s.userdata(), Errno.SUCCESS, s.tag(), nbytes, 0));
      } else {
        StreamDescriptor stream = (StreamDescriptor) d;
        if (s.tag() == FD_WRITE) {
          events.add(new Event(s.userdata(), stream.isInput() ? Errno.EBADF : Errno.SUCCESS, FD_WRITE, 0, 0));
        } else if (!stream.isInput()) {
          events.add(new Event(s.userdata(), Errno.EBADF, FD_READ, 0, 0));
        } else {
          long available = stream.input().available();
          if (available > 0) {
            events.add(new Event(s.userdata(), Errno.SUCCESS, FD_READ, available, 0));
          } else if (stream.input().atEnd()) {
            events.add(new Event(s.userdata(), Errno.SUCCESS, FD_READ, 0, HANGUP));
          }
        }
      }
    }
  }

  private static void write(GuestMemory mem, long at, Event e) {
    mem.putU64(at, e.userdata());
    mem.putU16(at + 8, e.error().code());
    mem.putU8(at + 10, e.type());
    mem.putU8(at + 11, 0);
    mem.putU32(at + 12, 0);
    mem.putU64(at + 16, e.nbytes());
    mem.putU16(at + 24, e.flags());
    mem.putU16(at + 26, 0);
    mem.putU32(at + 28, 0);
  }
}
