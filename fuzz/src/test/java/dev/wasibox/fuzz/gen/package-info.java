/**
 * Generators shared by the properties: random trees of directories, files and symlinks ({@link
 * dev.wasibox.fuzz.gen.TreeSpec}), paths from a tiny alphabet ({@link
 * dev.wasibox.fuzz.gen.PathGen}), and the planting of a model tree into a real volume through the
 * node SPI ({@link dev.wasibox.fuzz.gen.Planter}).
 */
package dev.wasibox.fuzz.gen;
