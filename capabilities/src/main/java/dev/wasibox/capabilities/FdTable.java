package dev.wasibox.capabilities;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The descriptor table of one guest: maps preview1 fd numbers to host handles of type {@code H}.
 *
 * <p>It holds at most {@code maxOpen} entries; one more gives {@link Errno#EMFILE}. Numbers are
 * assigned lowest-free or at random (see {@link FdNumbering}). {@link #renumber} follows wasmtime:
 * both numbers must be open, the handle at {@code to} is removed (and returned so the caller can
 * close it; preopens included) and the handle at {@code from} moves there. Not thread-safe: a
 * table belongs to one run.
 *
 * @param <H> the handle type, owned by the host
 */
public final class FdTable<H> {
  private final int maxOpen;
  private final FdNumbering numbering;
  private final SplittableRandom random;
  private final int randomRange;
  private Object[] slots;
  private int open;
  private int lowestFreeHint;

  /** A table of at most {@code maxOpen} descriptors numbered lowest-free. */
  public FdTable(int maxOpen) {
    this(maxOpen, FdNumbering.LOWEST_FREE, 0);
  }

  /** A table of at most {@code maxOpen} descriptors numbered as {@code numbering} says. */
  public FdTable(int maxOpen, FdNumbering numbering, long seed) {
    checkArgument(maxOpen > 0 && maxOpen <= (1 << 20), "maxOpen out of range: %s", maxOpen);
    this.maxOpen = maxOpen;
    this.numbering = checkNotNull(numbering);
    this.random = new SplittableRandom(seed);
    this.randomRange = Math.max(64, maxOpen * 4);
    this.slots = new Object[Math.min(maxOpen, 16)];
  }

  /** The limit given at construction. */
  public int maxOpen() {
    return maxOpen;
  }

  /** How many descriptors are open. */
  public int size() {
    return open;
  }

  /**
   * Places {@code handle} at a chosen number (stdio and preopens, before the guest runs).
   *
   * @throws IllegalStateException if {@code fd} is taken
   */
  public void put(int fd, H handle) {
    checkArgument(fd >= 0, "negative fd %s", fd);
    checkNotNull(handle);
    checkState(find(fd) == null, "fd %s already open", fd);
    if (open >= maxOpen) {
      throw new WasiException(Errno.EMFILE, "fd table full (" + maxOpen + ")");
    }
    ensureCapacity(fd);
    slots[fd] = handle;
    open++;
  }

  /**
   * Adds {@code handle} under a new number and returns that number.
   *
   * @throws WasiException {@link Errno#EMFILE} if {@code maxOpen} descriptors are open
   */
  public int add(H handle) {
    checkNotNull(handle);
    if (open >= maxOpen) {
      throw new WasiException(Errno.EMFILE, "fd table full (" + maxOpen + ")");
    }
    int fd = numbering == FdNumbering.RANDOM ? randomFree() : lowestFree();
    ensureCapacity(fd);
    slots[fd] = handle;
    open++;
    return fd;
  }

  /** The handle at {@code fd}, or null if none is open there (any int is a valid query). */
  @SuppressWarnings("unchecked")
  public @Nullable H find(int fd) {
    return fd >= 0 && fd < slots.length ? (H) slots[fd] : null;
  }

  /**
   * The handle at {@code fd}.
   *
   * @throws WasiException {@link Errno#EBADF} if no descriptor is open at {@code fd}
   */
  public H get(int fd) {
    H h = find(fd);
    if (h == null) {
      throw new WasiException(Errno.EBADF);
    }
    return h;
  }

  /**
   * Removes and returns the handle at {@code fd}; the caller closes it.
   *
   * @throws WasiException {@link Errno#EBADF} if no descriptor is open at {@code fd}
   */
  public H remove(int fd) {
    H h = get(fd);
    slots[fd] = null;
    open--;
    lowestFreeHint = Math.min(lowestFreeHint, fd);
    return h;
  }

  /**
   * Moves the handle at {@code from} to {@code to}, displacing what was at {@code to}. Renumbering
   * a descriptor to itself does nothing and returns null.
   *
   * @return the displaced handle, which the caller must close, or null when {@code from == to}
   * @throws WasiException {@link Errno#EBADF} unless both numbers are open
   */
  public @Nullable H renumber(int from, int to) {
    H moving = get(from);
    H displaced = get(to);
    if (from == to) {
      return null;
    }
    slots[to] = moving;
    slots[from] = null;
    open--;
    lowestFreeHint = Math.min(lowestFreeHint, from);
    return displaced;
  }

  /** Every open (fd, handle) pair in fd order. */
  public List<Entry<H>> entries() {
    List<Entry<H>> out = new ArrayList<>(open);
    for (int fd = 0; fd < slots.length; fd++) {
      H h = find(fd);
      if (h != null) {
        out.add(new Entry<>(fd, h));
      }
    }
    return out;
  }

  /** Removes every descriptor and returns the handles, in fd order, for the caller to close. */
  public List<H> clear() {
    List<H> out = new ArrayList<>(open);
    for (Entry<H> e : entries()) {
      out.add(e.handle());
    }
    Arrays.fill(slots, null);
    open = 0;
    lowestFreeHint = 0;
    return out;
  }

  private int lowestFree() {
    int fd = lowestFreeHint;
    while (fd < slots.length && slots[fd] != null) {
      fd++;
    }
    lowestFreeHint = fd + 1;
    return fd;
  }

  private int randomFree() {
    // At most a quarter of the range is in use, so a few draws find a free number.
    while (true) {
      int fd = 3 + random.nextInt(randomRange);
      if (find(fd) == null) {
        return fd;
      }
    }
  }

  private void ensureCapacity(int fd) {
    if (fd >= slots.length) {
      slots = Arrays.copyOf(slots, Math.max(fd + 1, slots.length * 2));
    }
  }

  /** One open descriptor. */
  public record Entry<H>(int fd, H handle) {}
}
