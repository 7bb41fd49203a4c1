/**
 * Part 1 of the fuzzing harness: the resolver model check. Random trees of directories, files and
 * symlinks are planted in a memory volume under {@code sandbox/} beside {@code outside/}, and
 * random paths from a tiny alphabet are resolved both by wasibox ({@code Vfs.node}, {@code
 * PathResolver.walk}) and by the reference model ({@link dev.wasibox.fuzz.model.ModelResolver}).
 */
package dev.wasibox.fuzz.resolver;
