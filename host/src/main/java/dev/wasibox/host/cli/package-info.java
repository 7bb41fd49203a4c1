/**
 * The {@code wasibox} command line: {@code run} and {@code judge}, flags layered over a policy
 * file, one-line diagnostics on stderr and documented exit statuses.
 */
package dev.wasibox.host.cli;
