package dev.wasibox.host.syscalls;

import dev.wasibox.capabilities.Errno;

/** {@code sched_yield}. */
public final class SchedSyscalls {
  /** {@code sched_yield}: yields the guest's host thread. Never fails. */
  public Errno schedYield() {
    Thread.yield();
    return Errno.SUCCESS;
  }
}
