package dev.wasibox.host.policy;

import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.host.HostMountException;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.util.ArrayList;
import java.util.List;

/** Creates the volumes of a policy's mounts, in order, and closes them afterwards. */
final class Mounts implements AutoCloseable {
  private final List<Mount> mounts = new ArrayList<>();

  /**
   * Mounts every spec; file times of writable layers come from {@code realtime}.
   *
   * @throws HostMountException if a host directory cannot be mounted safely (nothing stays open)
   */
  Mounts(List<MountSpec> specs, GuestClock realtime) throws HostMountException {
    try {
      for (MountSpec spec : specs) {
        mounts.add(mount(spec, realtime));
      }
    } catch (HostMountException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static Mount mount(MountSpec spec, GuestClock realtime) throws HostMountException {
    switch (spec.type()) {
      case MEMORY -> {
        MemoryVolume v = MemoryVolume.create(quota(spec), realtime::now);
        return new Mount(spec, v, v.root(), null);
      }
      case HOST_RO -> {
        HostReadOnlyVolume v = HostReadOnlyVolume.mount(spec.source().orElseThrow());
        return new Mount(spec, v, v.root(), v);
      }
      default -> {
        HostReadOnlyVolume lower = HostReadOnlyVolume.mount(spec.source().orElseThrow());
        try {
          OverlayVolume v = OverlayVolume.create(lower.root(), quota(spec), realtime::now);
          return new Mount(spec, v, v.root(), lower);
        } catch (RuntimeException e) {
          lower.close();
          throw e;
        }
      }
    }
  }

  /** The writable layer's quota; host-ro mounts have none (their spec reports 0 and 0). */
  private static Quota quota(MountSpec spec) {
    return new Quota(spec.quotaBytes(), spec.quotaInodes());
  }

  List<Mount> all() {
    return mounts;
  }

  @Override
  public void close() {
    for (Mount m : mounts) {
      if (m.hostLayer() != null) {
        m.hostLayer().close();
      }
    }
  }
}
