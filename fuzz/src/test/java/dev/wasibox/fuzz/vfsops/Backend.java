package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import java.util.Optional;

/**
 * A backend under test: how to mount a tree on it, and which model semantics it should match.
 * Adding a backend to the operation-sequence properties is a subclass of {@link
 * VfsOperationProperties} returning one of these.
 */
public interface Backend {
  /** A short name for reports. */
  String describe();

  /** The semantics the model must follow for this backend (read-only, quota). */
  ModelFs.Semantics semantics(Quota quota);

  /**
   * Mounts a fresh volume holding {@code tree} (the volume root, with {@code sandbox/} and {@code
   * outside/}), planted the backend's own way (through the SPI, on a host directory, as the lower
   * layer of an overlay), with {@code quota} on whatever is writable.
   */
  Mount mount(ModelTree tree, Quota quota);

  /** One mounted volume. */
  interface Mount extends AutoCloseable {
    /** The mounted {@code sandbox} directory, from which every path is resolved. */
    DirectoryNode sandbox();

    /**
     * Bytes and nodes in use, if the backend accounts them the way the model's census does (the
     * memory backend); empty otherwise.
     */
    Optional<ModelFs.Usage> usage();

    /**
     * Bytes and nodes held by the writable layer, whatever the model's census says (an overlay's
     * upper layer holds only copies and new nodes): what must stay within the quota.
     */
    default Optional<ModelFs.Usage> writableUsage() {
      return usage();
    }

    /** The writable layer's quota, when it is not the one {@link Backend#mount} was given. */
    default Optional<Quota> writableQuota() {
      return Optional.empty();
    }

    /**
     * Fails (with an {@link AssertionError} naming the difference) if anything outside the
     * sandbox changed since the mount: the {@code outside/} sibling, the volume root, and for
     * backends over a host directory or a lower layer, the host directory itself (content,
     * links, timestamps).
     */
    void checkOutsideUnchanged();

    @Override
    void close();
  }
}
