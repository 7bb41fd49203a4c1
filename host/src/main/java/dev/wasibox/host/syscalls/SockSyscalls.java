package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;

/**
 * The {@code sock_*} functions. wasibox grants no sockets, so no descriptor is ever a socket:
 * each function returns {@code EBADF} for a closed fd and {@code ENOTSOCK} for any open one.
 */
public final class SockSyscalls {
  private final WasiContext context;

  public SockSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  private Errno notASocket(int fd) {
    context.fds().get(fd);
    return Errno.ENOTSOCK;
  }

  /** {@code sock_accept}. Errors: {@code EBADF} not open · {@code ENOTSOCK} otherwise. */
  public Errno sockAccept(GuestMemory mem, int fd, int flags, long fdPtr) {
    return notASocket(fd);
  }

  /** {@code sock_recv}. Errors: {@code EBADF} not open · {@code ENOTSOCK} otherwise. */
  public Errno sockRecv(
      GuestMemory mem, int fd, long riData, long riDataLen, int riFlags, long roDataLen, long roFlags) {
    return notASocket(fd);
  }

  /** {@code sock_send}. Errors: {@code EBADF} not open · {@code ENOTSOCK} otherwise. */
  public Errno sockSend(GuestMemory mem, int fd, long siData, long siDataLen, int siFlags, long soDataLen) {
    return notASocket(fd);
  }

  /** {@code sock_shutdown}. Errors: {@code EBADF} not open · {@code ENOTSOCK} otherwise. */
  public Errno sockShutdown(int fd, int how) {
    return notASocket(fd);
  }
}
