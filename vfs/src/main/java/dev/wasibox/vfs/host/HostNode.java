package dev.wasibox.vfs.host;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Volume;

/**
 * What every node of a {@link HostReadOnlyVolume} shares: its volume, the host file key it had
 * when it was looked up (its identity), and refusing every change.
 */
abstract class HostNode implements Node {
  final HostReadOnlyVolume volume;
  final Object key;

  HostNode(HostReadOnlyVolume volume, Object key) {
    this.volume = checkNotNull(volume);
    this.key = checkNotNull(key);
  }

  /** The refusal of every mutation on this backend, raised before any I/O. */
  static WasiException readOnly() {
    return new WasiException(Errno.EROFS, "read-only host volume");
  }

  @Override
  public final Volume volume() {
    return volume;
  }

  /**
   * Never changes host times.
   *
   * @throws WasiException {@code EROFS}, always, before any I/O
   */
  @Override
  public final void setTimes(long atimNs, long mtimNs) {
    throw readOnly();
  }

  /** Same volume and same host file key; no I/O. */
  @Override
  public final boolean sameNode(Node other) {
    return other instanceof HostNode
        && ((HostNode) other).volume == volume
        && ((HostNode) other).key.equals(key);
  }
}
