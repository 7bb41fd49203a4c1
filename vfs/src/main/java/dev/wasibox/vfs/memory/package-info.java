/**
 * The memory backend: one private Jimfs filesystem per volume, used as a node store. Jimfs is only
 * ever handed absolute paths made of real directory names plus one final name, with {@code
 * NOFOLLOW_LINKS}, so its own path and symlink logic never decides anything.
 */
package dev.wasibox.vfs.memory;
