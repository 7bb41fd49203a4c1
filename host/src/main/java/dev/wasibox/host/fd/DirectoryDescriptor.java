package dev.wasibox.host.fd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Rights;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A descriptor of a directory: the capability every path syscall starts from. A preopen also has
 * the guest-visible name that {@code fd_prestat_dir_name} reports. It caches the listing taken by
 * {@code fd_readdir} at cookie 0, so that cookies stay stable while the guest pages through it.
 */
public final class DirectoryDescriptor extends Descriptor {
  private final DirectoryNode directory;
  private final @Nullable String preopenName;
  private @Nullable List<DirEntry> listing;

  public DirectoryDescriptor(
      DirectoryNode directory, @Nullable String preopenName, Rights base, Rights inheriting) {
    super(base, inheriting, 0);
    this.directory = checkNotNull(directory);
    this.preopenName = preopenName;
  }

  public DirectoryNode directory() {
    return directory;
  }

  /** The guest path of a preopen, or null for a directory the guest opened itself. */
  public @Nullable String preopenName() {
    return preopenName;
  }

  /** The listing cached for {@code fd_readdir}, or null. */
  public @Nullable List<DirEntry> listing() {
    return listing;
  }

  public void listing(@Nullable List<DirEntry> entries) {
    this.listing = entries;
  }

  @Override
  public FileType type() {
    return FileType.DIRECTORY;
  }

  @Override
  public FileStat stat() {
    return directory.stat();
  }

  @Override
  public void close() {
    listing = null;
  }
}
