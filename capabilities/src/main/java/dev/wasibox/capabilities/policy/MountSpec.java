package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One directory the guest sees ({@code [[mount]]}): at guest path {@code guest}, an empty memory
 * tree, a read-only host directory, or a host directory under a writable memory layer.
 *
 * <p>{@code guest} is absolute and canonical ({@code "/data/"} is stored as {@code "/data"};
 * {@code "/"} is allowed; {@code .}, {@code ..} and NUL are rejected). {@code source} is required
 * for {@code host-ro} and {@code overlay}, forbidden for {@code memory}, stored absolute, and must
 * be an existing directory when the mount is built. Quotas bound the writable layer of {@code
 * memory} and {@code overlay} mounts (defaults {@value #DEFAULT_QUOTA_BYTES} bytes = 64MiB and
 * {@value #DEFAULT_QUOTA_INODES} nodes); {@code host-ro} takes none and reports 0.
 *
 * <p>Errors name the keys as {@code mount.KEY}; {@link PolicyReader} adds the entry's index.
 */
@Immutable
public final class MountSpec {
  /** Bytes (file contents and symlink targets) a writable layer may hold unless the policy says otherwise. */
  public static final long DEFAULT_QUOTA_BYTES = 64L << 20;

  /** Nodes (files, directories, symlinks, the root included) a writable layer may hold. */
  public static final long DEFAULT_QUOTA_INODES = 1L << 16;

  private final String guest;
  private final MountType type;

  @SuppressWarnings("Immutable") // java.nio.file.Path is immutable
  private final @Nullable Path source;

  private final long quotaBytes;
  private final long quotaInodes;

  private MountSpec(
      String guest, MountType type, @Nullable Path source, long quotaBytes, long quotaInodes) {
    this.guest = guest;
    this.type = type;
    this.source = source;
    this.quotaBytes = quotaBytes;
    this.quotaInodes = quotaInodes;
  }

  /** An empty memory directory at {@code guest} with the default quotas (CLI {@code --tmp}). */
  public static MountSpec memory(String guest) {
    return builder().guest(guest).type(MountType.MEMORY).build();
  }

  /** Host directory {@code source}, read-only, at {@code guest} (CLI {@code --ro-dir}). */
  public static MountSpec hostReadOnly(Path source, String guest) {
    return builder().guest(guest).type(MountType.HOST_RO).source(source).build();
  }

  /** Host directory {@code source} under a writable memory layer at {@code guest} ({@code --dir}). */
  public static MountSpec overlay(Path source, String guest) {
    return builder().guest(guest).type(MountType.OVERLAY).source(source).build();
  }

  /** An empty builder: {@code guest} and {@code type} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this mount. */
  public Builder toBuilder() {
    Builder b = builder().guest(guest).type(type).source(source);
    if (type != MountType.HOST_RO) {
      b.quotaBytes(quotaBytes).quotaInodes(quotaInodes);
    }
    return b;
  }

  /** {@code guest}: the canonical absolute guest path. */
  public String guest() {
    return guest;
  }

  /** {@code type}. */
  public MountType type() {
    return type;
  }

  /** {@code source}: the absolute host directory, present exactly for host-ro and overlay. */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /** {@code quota-bytes}: bytes (file contents and symlink targets) the writable layer may hold; 0 for host-ro. */
  public long quotaBytes() {
    return quotaBytes;
  }

  /** {@code quota-inodes}: nodes the writable layer may hold, root included; 0 for host-ro. */
  public long quotaInodes() {
    return quotaInodes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MountSpec)) {
      return false;
    }
    MountSpec that = (MountSpec) o;
    return guest.equals(that.guest)
        && type == that.type
        && Objects.equals(source, that.source)
        && quotaBytes == that.quotaBytes
        && quotaInodes == that.quotaInodes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(guest, type, source, quotaBytes, quotaInodes);
  }

  @Override
  public String toString() {
    MoreObjects.ToStringHelper h =
        MoreObjects.toStringHelper(this)
            .omitNullValues()
            .add("guest", guest)
            .add("type", type.keyword())
            .add("source", source);
    if (type != MountType.HOST_RO) {
      h.add("quotaBytes", Sizes.format(quotaBytes)).add("quotaInodes", quotaInodes);
    }
    return h.toString();
  }

  /** Builds a {@link MountSpec}; {@link #build} checks the guest path, source and quotas. */
  public static final class Builder {
    private @Nullable String guest;
    private @Nullable MountType type;
    private @Nullable Path source;
    private @Nullable Long quotaBytes;
    private @Nullable Long quotaInodes;

    private Builder() {}

    /** Sets {@code guest}. */
    @CanIgnoreReturnValue
    public Builder guest(String guest) {
      this.guest = checkNotNull(guest);
      return this;
    }

    /** Sets {@code type}. */
    @CanIgnoreReturnValue
    public Builder type(MountType type) {
      this.type = checkNotNull(type);
      return this;
    }

    /** Sets {@code source} (relative paths are taken from the working directory). */
    @CanIgnoreReturnValue
    public Builder source(@Nullable Path source) {
      this.source = source;
      return this;
    }

    /** Sets {@code quota-bytes}; null for the default. */
    @CanIgnoreReturnValue
    public Builder quotaBytes(@Nullable Long bytes) {
      this.quotaBytes = bytes;
      return this;
    }

    /** Sets {@code quota-inodes}; null for the default. */
    @CanIgnoreReturnValue
    public Builder quotaInodes(@Nullable Long inodes) {
      this.quotaInodes = inodes;
      return this;
    }

    /**
     * The mount.
     *
     * @throws PolicyKeyException if {@code guest} or {@code type} is missing, the guest path is
     *     not absolute or holds {@code .}, {@code ..} or NUL, the source is missing, forbidden, not
     *     there or not a directory, or a quota is out of range or given to a host-ro mount
     */
    public MountSpec build() {
      String canonical = canonicalGuest(KeyPath.of("mount", "guest"), guest);
      if (type == null) {
        throw new PolicyKeyException(
            KeyPath.of("mount", "type"), "required: one of \"memory\", \"host-ro\", \"overlay\"");
      }
      String is = " (type is \"" + type.keyword() + "\")";
      KeyPath sourceKey = KeyPath.of("mount", "source");
      Path dir = null;
      if (type == MountType.MEMORY && source != null) {
        throw new PolicyKeyException(sourceKey, "not allowed for a memory mount" + is);
      }
      if (type != MountType.MEMORY) {
        if (source == null) {
          throw new PolicyKeyException(sourceKey, "required for type \"" + type.keyword() + "\"");
        }
        dir = HostPaths.absolute(source);
        if (!Files.exists(dir)) {
          throw new PolicyKeyException(sourceKey, "directory does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
          throw new PolicyKeyException(sourceKey, "not a directory: " + dir);
        }
      }
      if (type == MountType.HOST_RO) {
        if (quotaBytes != null) {
          throw new PolicyKeyException(
              KeyPath.of("mount", "quota-bytes"), "only for memory and overlay mounts" + is);
        }
        if (quotaInodes != null) {
          throw new PolicyKeyException(
              KeyPath.of("mount", "quota-inodes"), "only for memory and overlay mounts" + is);
        }
        return new MountSpec(canonical, type, dir, 0, 0);
      }
      long bytes = quotaBytes == null ? DEFAULT_QUOTA_BYTES : quotaBytes;
      long inodes = quotaInodes == null ? DEFAULT_QUOTA_INODES : quotaInodes;
      if (bytes < 0) {
        throw new PolicyKeyException(
            KeyPath.of("mount", "quota-bytes"), "must not be negative: " + bytes);
      }
      if (inodes < 1) {
        throw new PolicyKeyException(
            KeyPath.of("mount", "quota-inodes"), "must be at least 1 (the root): " + inodes);
      }
      return new MountSpec(canonical, type, dir, bytes, inodes);
    }
  }

  /** Checks a required guest directory, reporting problems at {@code key}. */
  static String canonicalGuest(KeyPath key, @Nullable String guest) {
    if (guest == null) {
      throw new PolicyKeyException(key, "required: an absolute guest path such as \"/data\"");
    }
    try {
      return GuestDirs.canonical(guest);
    } catch (IllegalArgumentException e) {
      throw new PolicyKeyException(key, e.getMessage());
    }
  }
}
