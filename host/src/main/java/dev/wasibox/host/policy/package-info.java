/**
 * Turns a {@link dev.wasibox.capabilities.policy.Policy} into a run: volumes for its mounts,
 * streams for its stdio, clocks, randomness and limits, then its exports once the run is over.
 */
package dev.wasibox.host.policy;
