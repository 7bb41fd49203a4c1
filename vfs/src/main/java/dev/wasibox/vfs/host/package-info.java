/**
 * The read-only host-directory backend: a host directory exposed to guests through the node SPI,
 * race-free against a host process that renames, replaces or plants entries while the guest runs,
 * as far as the JDK allows.
 *
 * <h2>How it stays inside the mount</h2>
 *
 * <ul>
 *   <li>The mount root is opened once as a {@link java.nio.file.SecureDirectoryStream} and kept
 *       for the volume's lifetime; mounting refuses to work without one (musl/Alpine and Windows
 *       JDKs do not offer it), so there is no silent path-based fallback.
 *   <li>Every other host access is relative to an open directory handle and names exactly one
 *       component ({@code openat}/{@code fstatat} with {@code O_NOFOLLOW}/{@code
 *       AT_SYMLINK_NOFOLLOW}). The OS never follows a link for us and never sees {@code ..}: the
 *       {@link dev.wasibox.vfs.PathResolver} pops its own stack.
 *   <li>Host symlinks become {@link dev.wasibox.vfs.SymlinkNode}s whose text the resolver
 *       re-resolves inside the mount. The JDK has no {@code readlinkat}, so {@link
 *       dev.wasibox.vfs.host.HostSymlinkReader} reads link text by host path, accepted only
 *       between identity checks; that text is data, never followed by the OS.
 *   <li>Nothing is ever written: every mutator fails with {@code EROFS} before any I/O, and no
 *       write, create, truncate or delete option is ever passed to NIO.
 * </ul>
 *
 * <h2>Choices</h2>
 *
 * <ul>
 *   <li><b>FIFOs, sockets, devices</b> are listed and stat'ed as {@code UNKNOWN} and never opened:
 *       they are not {@link dev.wasibox.vfs.FileNode}s, so {@link dev.wasibox.vfs.Vfs#open}
 *       answers {@code ENOTSUP} before any I/O and no host thread can block on them.
 *   <li><b>Host fds</b> belong to the volume, never to nodes: a bounded cache of directory
 *       handles ({@link dev.wasibox.vfs.host.DirectoryHandles}) and one channel per open file.
 *   <li><b>Errors</b>: {@code EROFS} for every mutation, before any I/O; {@code ENOENT} when an
 *       entry a node stands for is gone or was replaced on the host (a node never silently turns
 *       into another file); {@code EILSEQ} for names or link text without an exact UTF-8 form;
 *       {@code EIO} after {@link dev.wasibox.vfs.host.HostReadOnlyVolume#close()}, or when no host
 *       path provably reaches a symlink; {@code EACCES} as the host reports it.
 * </ul>
 *
 * <h2>What pure Java cannot close</h2>
 *
 * <ul>
 *   <li>Opening has no {@code O_NONBLOCK} and no {@code O_DIRECTORY}: if a host process swaps a
 *       file or directory for a FIFO between our stat and our open, the open blocks until a
 *       writer appears (planted FIFOs are never opened; only this swap race remains).
 *   <li>There is no {@code fstat} on a {@link java.nio.channels.FileChannel}: after opening a
 *       file we re-stat its name and compare file keys, which detects a swap but not a swap that
 *       is undone before the check (ABA). Whatever is opened was an entry of a directory inside
 *       the mount at that instant, never a link target.
 *   <li>Symlink text is read by path (no {@code readlinkat}); an ABA swap between the identity
 *       checks could return the text of another link. The text is only data for our resolver.
 *   <li>Host hard links to files outside the mount, and bind mounts, are indistinguishable from
 *       ordinary entries (attack corpus F08): the host administrator decides what the directory
 *       contains.
 * </ul>
 */
package dev.wasibox.vfs.host;
