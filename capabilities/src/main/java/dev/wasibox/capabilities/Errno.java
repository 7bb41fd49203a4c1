package dev.wasibox.capabilities;

/**
 * A WASI preview1 error number, each constant carrying its wire code as defined by {@code
 * typenames.witx} (never its ordinal).
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/v0.2.1/legacy/preview1/docs.md#errno">errno</a>
 */
public enum Errno {
  /** No error occurred. */
  SUCCESS(0),
  /** Argument list too long. */
  E2BIG(1),
  /** Permission denied. */
  EACCES(2),
  /** Address in use. */
  EADDRINUSE(3),
  /** Address not available. */
  EADDRNOTAVAIL(4),
  /** Address family not supported. */
  EAFNOSUPPORT(5),
  /** Resource unavailable, or operation would block. */
  EAGAIN(6),
  /** Connection already in progress. */
  EALREADY(7),
  /** Bad file descriptor. */
  EBADF(8),
  /** Bad message. */
  EBADMSG(9),
  /** Device or resource busy. */
  EBUSY(10),
  /** Operation canceled. */
  ECANCELED(11),
  /** No child processes. */
  ECHILD(12),
  /** Connection aborted. */
  ECONNABORTED(13),
  /** Connection refused. */
  ECONNREFUSED(14),
  /** Connection reset. */
  ECONNRESET(15),
  /** Resource deadlock would occur. */
  EDEADLK(16),
  /** Destination address required. */
  EDESTADDRREQ(17),
  /** Mathematics argument out of domain of function. */
  EDOM(18),
  /** Reserved. */
  EDQUOT(19),
  /** File exists. */
  EEXIST(20),
  /** Bad address. */
  EFAULT(21),
  /** File too large. */
  EFBIG(22),
  /** Host is unreachable. */
  EHOSTUNREACH(23),
  /** Identifier removed. */
  EIDRM(24),
  /** Illegal byte sequence. */
  EILSEQ(25),
  /** Operation in progress. */
  EINPROGRESS(26),
  /** Interrupted function. */
  EINTR(27),
  /** Invalid argument. */
  EINVAL(28),
  /** I/O error. */
  EIO(29),
  /** Socket is connected. */
  EISCONN(30),
  /** Is a directory. */
  EISDIR(31),
  /** Too many levels of symbolic links. */
  ELOOP(32),
  /** File descriptor value too large. */
  EMFILE(33),
  /** Too many links. */
  EMLINK(34),
  /** Message too large. */
  EMSGSIZE(35),
  /** Reserved. */
  EMULTIHOP(36),
  /** Filename too long. */
  ENAMETOOLONG(37),
  /** Network is down. */
  ENETDOWN(38),
  /** Connection aborted by network. */
  ENETRESET(39),
  /** Network unreachable. */
  ENETUNREACH(40),
  /** Too many files open in system. */
  ENFILE(41),
  /** No buffer space available. */
  ENOBUFS(42),
  /** No such device. */
  ENODEV(43),
  /** No such file or directory. */
  ENOENT(44),
  /** Executable file format error. */
  ENOEXEC(45),
  /** No locks available. */
  ENOLCK(46),
  /** Reserved. */
  ENOLINK(47),
  /** Not enough space. */
  ENOMEM(48),
  /** No message of the desired type. */
  ENOMSG(49),
  /** Protocol not available. */
  ENOPROTOOPT(50),
  /** No space left on device. */
  ENOSPC(51),
  /** Function not supported. */
  ENOSYS(52),
  /** The socket is not connected. */
  ENOTCONN(53),
  /** Not a directory or a symbolic link to a directory. */
  ENOTDIR(54),
  /** Directory not empty. */
  ENOTEMPTY(55),
  /** State not recoverable. */
  ENOTRECOVERABLE(56),
  /** Not a socket. */
  ENOTSOCK(57),
  /** Not supported, or operation not supported on socket. */
  ENOTSUP(58),
  /** Inappropriate I/O control operation. */
  ENOTTY(59),
  /** No such device or address. */
  ENXIO(60),
  /** Value too large to be stored in data type. */
  EOVERFLOW(61),
  /** Previous owner died. */
  EOWNERDEAD(62),
  /** Operation not permitted. */
  EPERM(63),
  /** Broken pipe. */
  EPIPE(64),
  /** Protocol error. */
  EPROTO(65),
  /** Protocol not supported. */
  EPROTONOSUPPORT(66),
  /** Protocol wrong type for socket. */
  EPROTOTYPE(67),
  /** Result too large. */
  ERANGE(68),
  /** Read-only file system. */
  EROFS(69),
  /** Invalid seek. */
  ESPIPE(70),
  /** No such process. */
  ESRCH(71),
  /** Reserved. */
  ESTALE(72),
  /** Connection timed out. */
  ETIMEDOUT(73),
  /** Text file busy. */
  ETXTBSY(74),
  /** Cross-device link. */
  EXDEV(75),
  /** Extension: Capabilities insufficient. */
  ENOTCAPABLE(76);

  private static final Errno[] BY_CODE = new Errno[77];

  static {
    for (Errno e : values()) {
      BY_CODE[e.code] = e;
    }
  }

  private final int code;

  Errno(int code) {
    this.code = code;
  }

  /** The number written to guest memory or returned from a host function. */
  public int code() {
    return code;
  }

  /** The errno whose wire code is {@code code}. */
  public static Errno fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("not a preview1 errno: " + code);
    }
    return BY_CODE[code];
  }
}
