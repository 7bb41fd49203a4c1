/**
 * Open descriptors of a guest: files, directories and stdio streams, their rights and flags, and
 * the typed guards ({@link dev.wasibox.host.fd.Fds}) that syscalls use to fetch them.
 */
package dev.wasibox.host.fd;
