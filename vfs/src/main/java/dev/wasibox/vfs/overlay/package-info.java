/**
 * The overlay backend: a read-only lower directory tree (any {@link dev.wasibox.vfs.DirectoryNode}
 * tree: the memory backend, the read-only host backend, another overlay) under a private,
 * writable {@link dev.wasibox.vfs.memory.MemoryVolume}, with Linux overlayfs semantics. The lower
 * layer is never written; {@link dev.wasibox.vfs.overlay.OverlayVolume#changes()} lists what the
 * guest changed.
 *
 * <p>The overlay combines nodes, never paths: each directory node holds an optional upper and an
 * optional lower directory and answers for one name at a time; the resolver walks it like any
 * other backend and follows symlinks of either layer itself.
 *
 * <ul>
 *   <li><b>Whiteouts and opaque directories</b> live outside the name space, in side tables keyed
 *       by the upper directory's inode number ({@code Markers}); no name is reserved.
 *   <li><b>Copy-up</b> on the first write intent (open for writing, truncation, times, hard link,
 *       rename of a file or symlink): parents first, then content streamed through a fixed buffer
 *       or the link text verbatim, then times; charged to the upper quota, and undone completely
 *       if the operation fails ({@code CopyUp}).
 *   <li><b>Inode numbers</b>: upper numbers as they are, lower numbers moved into a disjoint range,
 *       copies keep the lower number ({@code Inodes}). The device number is the private upper
 *       volume's.
 *   <li><b>Stale handles</b>: one directory object per directory, marked when removed; file and
 *       symlink nodes check that their name still holds them before each use. A read-only handle
 *       on a lower file moves onto the copy when the file is copied up, as on Linux since 4.19.
 * </ul>
 *
 * <p>Where this differs from overlayfs: renaming a directory with a lower part is always {@code
 * EXDEV} (no {@code redirect_dir}); hard links between lower files are broken by copy-up ({@code
 * index=off}); whiteouts cost no upper inode; special files (devices, FIFOs) of the lower layer
 * cannot be copied up ({@code ENOTSUP}). {@code O_TRUNC} on a lower file copies up an empty file
 * (with the lower file's times), never the content it discards.
 */
package dev.wasibox.vfs.overlay;
