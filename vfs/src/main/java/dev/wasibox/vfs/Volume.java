package dev.wasibox.vfs;

/**
 * One mounted filesystem instance. Nodes report the volume they live on; two nodes on different
 * volumes can never be renamed or linked into each other ({@code EXDEV}).
 */
public interface Volume {
  /** A short description for logs, such as {@code memory} or {@code host-ro:/srv/data}. */
  String describe();

  /** Whether every mutation on this volume fails with {@code EROFS}. */
  boolean readOnly();

  /** The {@link FileStat#dev()} of every node on this volume. */
  long deviceId();
}
