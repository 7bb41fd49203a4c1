/**
 * Part 2 of the fuzzing harness: random sequences of filesystem operations applied through {@code
 * Vfs} to a real backend and to the reference model ({@link dev.wasibox.fuzz.model.ModelFs}),
 * comparing every outcome, the visible tree after every step, the quota accounting, and that
 * nothing outside the mounted directory ever changes. {@link
 * dev.wasibox.fuzz.vfsops.VfsOperationProperties} is the backend-independent base; a subclass
 * supplies the {@link dev.wasibox.fuzz.vfsops.Backend}.
 */
package dev.wasibox.fuzz.vfsops;
