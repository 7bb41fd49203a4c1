/**
 * The policy of a guest: an immutable model of exactly what one run is given ({@link
 * dev.wasibox.capabilities.policy.Policy} and one class per section), and its TOML reader ({@link
 * dev.wasibox.capabilities.policy.PolicyReader}).
 *
 * <p>Nothing is granted that the policy does not name: no environment, no filesystem, an empty
 * stdin, and finite limits unless the policy says otherwise. Every class is built by a {@code
 * Builder} whose {@code build()} checks the same rules the reader applies; a builder rejects a
 * value with a {@link dev.wasibox.capabilities.policy.PolicyKeyException} that names the TOML key
 * ({@code key 'stdio.stdin-file': required when stdin = "file"}), and the reader reports the same
 * problem with the file and line ({@link dev.wasibox.capabilities.policy.PolicyException}).
 *
 * <p>The file format, every key with its type and default, is documented in {@code
 * capabilities/POLICY.md}; sizes are parsed by {@link dev.wasibox.capabilities.policy.Sizes}
 * (binary units only) and durations by {@link dev.wasibox.capabilities.policy.Durations}.
 */
package dev.wasibox.capabilities.policy;
