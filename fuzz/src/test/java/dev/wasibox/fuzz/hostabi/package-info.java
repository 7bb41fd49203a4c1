/**
 * Host ABI fuzzing: random sequences of calls to every host function, with wild pointers, huge
 * lengths, overlapping buffers, random fds, rights and flags, against real read-only and overlay
 * mounts of a host directory.
 */
package dev.wasibox.fuzz.hostabi;
