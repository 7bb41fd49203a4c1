/**
 * The capability-checked virtual filesystem: {@link dev.wasibox.vfs.GuestPath} parsing, the one
 * {@link dev.wasibox.vfs.PathResolver}, the node SPI that backends implement (one name in one
 * directory), and {@link dev.wasibox.vfs.Vfs}, the operations a WASI host needs.
 *
 * <p>Backends live in the sub-packages {@code memory} (Jimfs), {@code host} (a read-only host
 * directory) and {@code overlay}. No backend ever sees a path.
 */
package dev.wasibox.vfs;
