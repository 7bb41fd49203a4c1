/**
 * Export: after a run has ended, copies what a guest left in a writable mount to a new or empty
 * host directory. This is the only way a guest's files reach the host.
 */
package dev.wasibox.host.export;
