package dev.wasibox.host.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Volume;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import org.jspecify.annotations.Nullable;

/**
 * One mounted volume of a run: its spec, its root, and the host-backed lower layer to close when
 * the run is over (host-ro and overlay mounts hold directory handles).
 */
record Mount(MountSpec spec, Volume volume, DirectoryNode root, @Nullable HostReadOnlyVolume hostLayer) {
  Mount {
    checkNotNull(spec);
    checkNotNull(volume);
    checkNotNull(root);
  }
}
