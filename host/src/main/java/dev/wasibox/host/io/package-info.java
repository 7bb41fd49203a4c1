/** The guest's standard streams: where stdin comes from and where bounded stdout/stderr go. */
package dev.wasibox.host.io;
