package dev.wasibox.capabilities.policy;

import java.util.List;

/** The checks of {@link Policy.Builder#build} that span sections. */
final class PolicyChecks {
  private PolicyChecks() {}

  /** No two mounts at one (canonical) guest path. */
  static void distinctMounts(List<MountSpec> mounts) {
    for (int j = 0; j < mounts.size(); j++) {
      for (int i = 0; i < j; i++) {
        if (mounts.get(i).guest().equals(mounts.get(j).guest())) {
          throw new PolicyKeyException(
              KeyPath.of("mount").index(j).key("guest"),
              "\"" + mounts.get(j).guest() + "\" is already mounted by mount[" + i + "]");
        }
      }
    }
  }

  /** Exports distinct in guest and host directory, each inside a mount. */
  static void exports(List<ExportSpec> exports, List<MountSpec> mounts) {
    for (int j = 0; j < exports.size(); j++) {
      ExportSpec e = exports.get(j);
      KeyPath at = KeyPath.of("export").index(j);
      for (int i = 0; i < j; i++) {
        if (exports.get(i).guest().equals(e.guest())) {
          throw new PolicyKeyException(
              at.key("guest"), "\"" + e.guest() + "\" is already exported by export[" + i + "]");
        }
        if (exports.get(i).host().equals(e.host())) {
          throw new PolicyKeyException(
              at.key("host"), "export[" + i + "] already writes to " + e.host());
        }
      }
      MountSpec innermost = null;
      for (MountSpec m : mounts) {
        if (GuestDirs.within(e.guest(), m.guest())
            && (innermost == null || m.guest().length() > innermost.guest().length())) {
          innermost = m;
        }
      }
      if (innermost == null) {
        throw new PolicyKeyException(
            at.key("guest"), "\"" + e.guest() + "\" is not inside any mount");
      }
      if (innermost.type() == MountType.HOST_RO) {
        throw new PolicyKeyException(
            at.key("guest"),
            "\"" + e.guest() + "\" is inside the read-only mount at \"" + innermost.guest()
                + "\": the guest cannot have written anything there");
      }
    }
  }

  /** Room in the fd table for stdin, stdout, stderr and one preopen per mount. */
  static void openFiles(Limits limits, int mountCount) {
    long needed = 3L + mountCount;
    if (limits.openFiles() < needed) {
      throw new PolicyKeyException(
          KeyPath.of("limits", "open-files"),
          "must be at least "
              + needed
              + " (3 stdio descriptors and "
              + mountCount
              + " mounts), got "
              + limits.openFiles());
    }
  }
}
