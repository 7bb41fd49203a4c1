package dev.wasibox.host.syscalls;

import static dev.wasibox.host.HostHarness.rights;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.HostHarness;

/**
 * The kinds of descriptor a syscall table runs against, each made fresh in a harness of the
 * standard fixture: stdio, the preopen, files of {@code /sandbox/file} ("hello") opened with
 * different rights, a directory, and numbers that are not open.
 */
enum FdKind {
  STDIN,
  STDOUT,
  STDERR,
  PREOPEN,
  /** {@code file} with every file right but {@code FD_WRITE}: opened read-only. */
  FILE_RO,
  /** {@code file} with every file right but {@code FD_READ}: opened write-only. */
  FILE_WO,
  /** {@code file} with every file right. */
  FILE_RW,
  /** {@code file} with {@code FD_READ | FD_WRITE} only (no seek, tell, sync, ...). */
  FILE_BARE,
  /** {@code dir}, opened with {@code O_DIRECTORY} and every directory right. */
  DIR,
  /** 3 after {@code fd_close(3)}. */
  CLOSED_PREOPEN,
  /** 10, never opened. */
  CLOSED,
  /** -1 (0xFFFFFFFF on the wire). */
  NEGATIVE,
  /** Integer.MAX_VALUE. */
  HUGE;

  static final long ALL_FILE = Rights.REGULAR_FILE.bits();
  static final long READ_ONLY = ALL_FILE & ~rights(Right.FD_WRITE);
  static final long WRITE_ONLY = ALL_FILE & ~rights(Right.FD_READ);

  /** Makes the descriptor in {@code h} and returns its number. */
  int fd(HostHarness h) {
    return switch (this) {
      case STDIN -> 0;
      case STDOUT -> 1;
      case STDERR -> 2;
      case PREOPEN -> 3;
      case FILE_RO -> h.open(3, "file", 0, READ_ONLY, 0, 0);
      case FILE_WO -> h.open(3, "file", 0, WRITE_ONLY, 0, 0);
      case FILE_RW -> h.open(3, "file", 0, ALL_FILE, 0, 0);
      case FILE_BARE -> h.open(3, "file", 0, rights(Right.FD_READ, Right.FD_WRITE), 0, 0);
      case DIR -> h.open(3, "dir", 2, Rights.DIRECTORY.bits(), Rights.ALL.bits(), 0);
      case CLOSED_PREOPEN -> {
        if (h.call("fd_close", 3) != Errno.SUCCESS) {
          throw new IllegalStateException("cannot close 3");
        }
        yield 3;
      }
      case CLOSED -> 10;
      case NEGATIVE -> -1;
      case HUGE -> Integer.MAX_VALUE;
    };
  }

  /** Whether this kind names no open descriptor. */
  boolean notOpen() {
    return this == CLOSED_PREOPEN || this == CLOSED || this == NEGATIVE || this == HUGE;
  }
}
