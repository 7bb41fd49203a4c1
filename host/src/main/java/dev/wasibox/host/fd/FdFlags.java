package dev.wasibox.host.fd;

/** The preview1 {@code fdflags} bits. */
public final class FdFlags {
  public static final int APPEND = 1;
  public static final int DSYNC = 2;
  public static final int NONBLOCK = 4;
  public static final int RSYNC = 8;
  public static final int SYNC = 16;

  /** Every defined bit. */
  public static final int ALL = APPEND | DSYNC | NONBLOCK | RSYNC | SYNC;

  private FdFlags() {}
}
