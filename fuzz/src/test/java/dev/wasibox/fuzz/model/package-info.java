/**
 * The reference model the fuzz properties compare wasibox against: a tiny tree of plain objects
 * ({@link dev.wasibox.fuzz.model.MDir}, {@link dev.wasibox.fuzz.model.MFile}, {@link
 * dev.wasibox.fuzz.model.MLink}), a recursive resolver written from the rules table of DESIGN.md
 * and the Javadoc of {@code PathResolver} ({@link dev.wasibox.fuzz.model.ModelResolver}), and a
 * filesystem with the semantics of {@code Vfs} over it ({@link dev.wasibox.fuzz.model.ModelFs}).
 *
 * <p>The model shares no code with {@code vfs} beyond {@code Errno} and {@code WasiException}: it
 * parses paths its own way and resolves symlinks by recursion (namei style) where the real
 * resolver uses a work list, so that a bug in one is unlikely to be mirrored in the other.
 */
package dev.wasibox.fuzz.model;
