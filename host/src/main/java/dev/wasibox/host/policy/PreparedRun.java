package dev.wasibox.host.policy;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Splitter;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.SymlinkHandling;
import dev.wasibox.capabilities.policy.MountType;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.export.ExportException;
import dev.wasibox.host.export.Exporter;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A run made ready from a policy: the config and limits to run with, what was captured, the
 * exports to perform once the guest has stopped, and what to close afterwards.
 */
public final class PreparedRun implements AutoCloseable {
  private final WasiConfig config;
  private final RunLimits limits;
  private final Mounts mounts;
  private final List<ExportSpec> exports;
  private final List<Closeable> streams;
  private final @Nullable ByteArrayOutputStream capturedStdout;
  private final @Nullable ByteArrayOutputStream capturedStderr;

  PreparedRun(
      WasiConfig config,
      RunLimits limits,
      Mounts mounts,
      List<ExportSpec> exports,
      List<Closeable> streams,
      @Nullable ByteArrayOutputStream capturedStdout,
      @Nullable ByteArrayOutputStream capturedStderr) {
    this.config = checkNotNull(config);
    this.limits = checkNotNull(limits);
    this.mounts = checkNotNull(mounts);
    this.exports = List.copyOf(exports);
    this.streams = List.copyOf(streams);
    this.capturedStdout = capturedStdout;
    this.capturedStderr = capturedStderr;
  }

  public WasiConfig config() {
    return config;
  }

  public RunLimits limits() {
    return limits;
  }

  /** Captured stdout ({@code stdout = "capture"}), or null. */
  public byte @Nullable [] capturedStdout() {
    return capturedStdout == null ? null : capturedStdout.toByteArray();
  }

  /** Captured stderr ({@code stderr = "capture"}), or null. */
  public byte @Nullable [] capturedStderr() {
    return capturedStderr == null ? null : capturedStderr.toByteArray();
  }

  /** One export's outcome. */
  public record ExportResult(ExportSpec spec, Exporter.Summary summary) {}

  /**
   * Performs every export of the policy, in order; call only after the run has ended.
   *
   * @throws ExportException on the first export that fails
   */
  public List<ExportResult> export() throws ExportException {
    List<ExportResult> out = new ArrayList<>();
    Vfs vfs = Vfs.withDefaults();
    for (ExportSpec e : exports) {
      Mount mount = mountOf(e.guest());
      List<String> relative = relative(mount.spec().guest(), e.guest());
      Exporter exporter =
          new Exporter(e.maxBytes(), e.symlinks() == SymlinkHandling.COPY ? Exporter.Symlinks.COPY : Exporter.Symlinks.REFUSE);
      Exporter.Summary s;
      if (mount.spec().type() == MountType.OVERLAY) {
        s = exporter.exportChanges((OverlayVolume) mount.volume(), relative, e.host());
      } else {
        Node dir;
        try {
          dir = relative.isEmpty() ? mount.root() : vfs.node(mount.root(), vfs.parse(String.join("/", relative)), false);
        } catch (WasiException x) {
          throw new ExportException(
              "export " + e.guest() + (x.errno() == Errno.ENOENT ? " does not exist" : ": " + x.errno()) + " in the guest");
        }
        if (!(dir instanceof DirectoryNode d)) {
          throw new ExportException("export " + e.guest() + " is not a directory in the guest");
        }
        s = exporter.export(d, e.host());
      }
      out.add(new ExportResult(e, s));
    }
    return out;
  }

  private Mount mountOf(String guest) {
    Mount best = null;
    for (Mount m : mounts.all()) {
      String g = m.spec().guest();
      boolean contains = g.equals("/") || guest.equals(g) || guest.startsWith(g + "/");
      if (contains && (best == null || g.length() > best.spec().guest().length())) {
        best = m;
      }
    }
    // The policy refuses an export outside every mount or inside a read-only one when it is built.
    checkState(best != null && best.spec().type() != MountType.HOST_RO, "export %s not in a writable mount", guest);
    return best;
  }

  private static List<String> relative(String mountGuest, String exportGuest) {
    String rest = exportGuest.substring(mountGuest.equals("/") ? 0 : mountGuest.length());
    return Splitter.on('/').omitEmptyStrings().splitToList(rest);
  }

  /** Closes files opened for stdio and the host directories of mounts. */
  @Override
  public void close() {
    for (Closeable c : streams) {
      try {
        c.close();
      } catch (IOException e) {
        // A stdio file that fails to close has already been flushed by the run.
      }
    }
    mounts.close();
  }
}
