package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tree copied out of the guest after the run ({@code [[export]]}): the guest's files under
 * {@code guest} go to host directory {@code host}, at most {@code max-bytes} of content, with
 * guest symlinks copied as links or refused.
 *
 * <p>The model only stores the request. {@code guest} is canonical like a mount's and must lie
 * in a mount (checked by {@link Policy}); {@code host} is stored absolute, and the runtime checks
 * at export time that it is empty or absent. Defaults: {@code max-bytes} {@value
 * #DEFAULT_MAX_BYTES} (64MiB), {@code symlinks = "refuse"}.
 *
 * <p>Errors name the keys as {@code export.KEY}; {@link PolicyReader} adds the entry's index.
 */
@Immutable
public final class ExportSpec {
  /** The default {@code max-bytes}. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final String guest;

  @SuppressWarnings("Immutable") // java.nio.file.Path is immutable
  private final Path host;

  private final long maxBytes;
  private final SymlinkHandling symlinks;

  private ExportSpec(String guest, Path host, long maxBytes, SymlinkHandling symlinks) {
    this.guest = guest;
    this.host = host;
    this.maxBytes = maxBytes;
    this.symlinks = symlinks;
  }

  /** An export of {@code guest} to {@code host} with the defaults. */
  public static ExportSpec of(String guest, Path host) {
    return builder().guest(guest).host(host).build();
  }

  /** An empty builder: {@code guest} and {@code host} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this export. */
  public Builder toBuilder() {
    return builder().guest(guest).host(host).maxBytes(maxBytes).symlinks(symlinks);
  }

  /** {@code guest}: the canonical guest directory copied out. */
  public String guest() {
    return guest;
  }

  /** {@code host}: the absolute host directory written. */
  public Path host() {
    return host;
  }

  /** {@code max-bytes}: the most bytes of file content copied; more fails the export. */
  public long maxBytes() {
    return maxBytes;
  }

  /** {@code symlinks}. */
  public SymlinkHandling symlinks() {
    return symlinks;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExportSpec)) {
      return false;
    }
    ExportSpec that = (ExportSpec) o;
    return guest.equals(that.guest)
        && host.equals(that.host)
        && maxBytes == that.maxBytes
        && symlinks == that.symlinks;
  }

  @Override
  public int hashCode() {
    return Objects.hash(guest, host, maxBytes, symlinks);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .add("guest", guest)
        .add("host", host)
        .add("maxBytes", Sizes.format(maxBytes))
        .add("symlinks", symlinks.keyword())
        .toString();
  }

  /** Builds an {@link ExportSpec}; {@link #build} checks the paths and the size. */
  public static final class Builder {
    private @Nullable String guest;
    private @Nullable Path host;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private SymlinkHandling symlinks = SymlinkHandling.REFUSE;

    private Builder() {}

    /** Sets {@code guest}. */
    @CanIgnoreReturnValue
    public Builder guest(String guest) {
      this.guest = checkNotNull(guest);
      return this;
    }

    /** Sets {@code host} (relative paths are taken from the working directory). */
    @CanIgnoreReturnValue
    public Builder host(Path host) {
      this.host = checkNotNull(host);
      return this;
    }

    /** Sets {@code max-bytes}. */
    @CanIgnoreReturnValue
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /** Sets {@code symlinks}. */
    @CanIgnoreReturnValue
    public Builder symlinks(SymlinkHandling symlinks) {
      this.symlinks = checkNotNull(symlinks);
      return this;
    }

    /**
     * The export.
     *
     * @throws PolicyKeyException if {@code guest} or {@code host} is missing, the guest path is
     *     invalid, or {@code max-bytes} is negative
     */
    public ExportSpec build() {
      String canonical = MountSpec.canonicalGuest(KeyPath.of("export", "guest"), guest);
      if (host == null) {
        throw new PolicyKeyException(KeyPath.of("export", "host"), "required: a host directory");
      }
      if (maxBytes < 0) {
        throw new PolicyKeyException(
            KeyPath.of("export", "max-bytes"), "must not be negative: " + maxBytes);
      }
      return new ExportSpec(canonical, HostPaths.absolute(host), maxBytes, symlinks);
    }
  }
}
