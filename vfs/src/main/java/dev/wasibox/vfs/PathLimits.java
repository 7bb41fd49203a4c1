package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Length limits on guest paths, checked on the raw bytes before any lookup ({@code
 * ENAMETOOLONG}).
 *
 * @param maxPathBytes the longest path, and the longest symlink target, in bytes
 * @param maxNameBytes the longest single component, in bytes
 */
public record PathLimits(int maxPathBytes, int maxNameBytes) {
  /** PATH_MAX 4096 and NAME_MAX 255, as on Linux. */
  public static final PathLimits DEFAULT = new PathLimits(4096, 255);

  public PathLimits {
    checkArgument(maxPathBytes > 0 && maxPathBytes <= (1 << 20), "maxPathBytes out of range");
    checkArgument(maxNameBytes > 0 && maxNameBytes <= maxPathBytes, "maxNameBytes out of range");
  }
}
