package dev.wasibox.host.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.LimitExceededException;
import dev.wasibox.host.LimitExceededException.Limit;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A guest's stdout or stderr: bytes go to a host {@link OutputStream} up to this stream's limit
 * and the run's shared {@link OutputBudget}. A write that would pass either limit writes what fits
 * and then ends the run with {@link Limit#OUTPUT}.
 */
public final class GuestOutput {
  private final String name;
  private final OutputStream sink;
  private final long limit;
  private final OutputBudget budget;
  private long written;
  private @Nullable GuestOutput earlier;

  /**
   * @param name {@code stdout} or {@code stderr}, for messages
   * @param sink where the bytes go; the caller keeps ownership
   * @param limit the most bytes this stream may write
   * @param budget the limit shared with the run's other stream
   */
  public GuestOutput(String name, OutputStream sink, long limit, OutputBudget budget) {
    checkArgument(limit >= 0, "limit must be >= 0");
    this.name = checkNotNull(name);
    this.sink = checkNotNull(sink);
    this.limit = limit;
    this.budget = checkNotNull(budget);
  }

  /** A stream that discards everything (still counted against the limits). */
  public static GuestOutput discard(String name, long limit, OutputBudget budget) {
    return new GuestOutput(name, OutputStream.nullOutputStream(), limit, budget);
  }

  /**
   * Makes every write first flush {@code earlier} (stderr flushes stdout), so that when the two
   * sinks meet (a terminal, {@code 2>&1}) their bytes keep the order the guest wrote them in even
   * if {@code earlier}'s sink buffers.
   */
  public void orderAfter(GuestOutput earlier) {
    checkArgument(earlier != this, "an output cannot follow itself");
    this.earlier = checkNotNull(earlier);
  }

  /** Bytes written so far. */
  public synchronized long written() {
    return written;
  }

  /** Writes {@code b[off, off + len)}, or what fits and then throws {@link Limit#OUTPUT}. */
  public synchronized void write(byte[] b, int off, int len) {
    if (earlier != null) {
      earlier.flush();
    }
    long room = Math.min(len, limit - written);
    int allowed = (int) budget.take(room);
    try {
      sink.write(b, off, allowed);
    } catch (IOException e) {
      throw new WasiException(Errno.EIO, name + ": " + e.getClass().getSimpleName());
    }
    written += allowed;
    if (allowed < len) {
      flush();
      throw new LimitExceededException(
          Limit.OUTPUT, name + " went over its output limit after " + written + " bytes");
    }
  }

  /** Flushes the host stream; failures are ignored (the run is ending or the sink is gone). */
  public synchronized void flush() {
    try {
      sink.flush();
    } catch (IOException e) {
      // Nothing to tell the guest; the host side reports the stream's own failure.
    }
  }
}
