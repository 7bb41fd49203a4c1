package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Volume;

/** What every node of an overlay shares: the volume it reports, whose lock guards it. */
abstract class OverlayNode implements Node {
  final OverlayVolume volume;

  OverlayNode(OverlayVolume volume) {
    this.volume = volume;
  }

  @Override
  public Volume volume() {
    return volume;
  }
}
