package dev.wasibox.fuzz.gen;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Paths and symlink targets from a tiny alphabet (STYLE.md section 6, cap-std's {@code
 * PathToken}): {@code .}, {@code ..}, the few names trees are built from, {@code sandbox} and
 * {@code outside} (the mount and its sibling), a 255-byte and a 256-byte name, empty components
 * ({@code //}), a leading and a trailing {@code /}, and, on the raw bytes, NUL, invalid UTF-8 and
 * lengths around the 4096-byte limit.
 */
public final class PathGen {
  /** A legal name of exactly 255 bytes. */
  public static final String LONG_NAME = "x".repeat(255);

  /** A name one byte over the limit. */
  public static final String TOO_LONG_NAME = "y".repeat(256);

  private PathGen() {}

  /** The names that trees are built from (so that paths often hit something). */
  public static Arbitrary<String> names() {
    return Arbitraries.frequency(
        Tuple.of(6, "a"),
        Tuple.of(4, "b"),
        Tuple.of(2, "c"),
        Tuple.of(8, "l"),
        Tuple.of(6, "m"),
        Tuple.of(1, "sandbox"),
        Tuple.of(1, "outside"),
        Tuple.of(1, "secret"),
        Tuple.of(2, TreeSpec.CHAIN_START),
        Tuple.of(1, LONG_NAME));
  }

  /** One component of a path: a name, a dot, or an empty component (a {@code //}). */
  static Arbitrary<String> tokens() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, names()),
        Tuple.of(6, Arbitraries.just(".")),
        Tuple.of(10, Arbitraries.just("..")),
        Tuple.of(2, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.just(TOO_LONG_NAME)));
  }

  /** A relative path text of 1 to {@code maxTokens} tokens (mostly few), maybe with a trailing slash. */
  static Arbitrary<String> relative(int maxTokens) {
    return Combinators.combine(
            tokens().list().ofMinSize(1).ofMaxSize(maxTokens).withSizeDistribution(net.jqwik.api.RandomDistribution.biased()),
            Arbitraries.frequency(Tuple.of(80, ""), Tuple.of(15, "/"), Tuple.of(5, "//")))
        .as((parts, trailing) -> String.join("/", parts) + trailing);
  }

  /** A path text: mostly relative, sometimes absolute, empty, or around 4096 bytes long. */
  public static Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(180, relative(8)),
        Tuple.of(6, relative(4).map(p -> "/" + p)),
        Tuple.of(2, Arbitraries.of("", "/", "//")),
        Tuple.of(2, Arbitraries.integers().between(2040, 2050).map(n -> "a/".repeat(n) + "b")),
        Tuple.of(1, Arbitraries.integers().between(16, 17).map(n -> (LONG_NAME + "/").repeat(n))));
  }

  /** Guest path bytes: {@link #texts()}, sometimes with a NUL or an invalid UTF-8 sequence. */
  public static Arbitrary<RawPath> paths() {
    return Combinators.combine(texts(), corruptions(), Arbitraries.integers().between(0, 10_000))
        .as((text, corruption, at) -> new RawPath(corrupt(text, corruption, at)))
        .withoutEdgeCases();
  }

  /**
   * Paths for operation sequences: mostly one to three tokens (so that they name things that
   * exist, or that an earlier step created), sometimes anything {@link #paths()} makes.
   */
  public static Arbitrary<RawPath> opPaths() {
    Arbitrary<String> token =
        Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.of("a", "b", "c", "l", "m")),
            Tuple.of(3, Arbitraries.just(".")),
            Tuple.of(3, Arbitraries.just("..")),
            Tuple.of(1, Arbitraries.just("")));
    Arbitrary<String> text =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(5, token.list().ofSize(1)),
                    Tuple.of(4, token.list().ofSize(2)),
                    Tuple.of(2, token.list().ofSize(3))),
                Arbitraries.frequency(Tuple.of(85, ""), Tuple.of(15, "/")))
            .as((parts, trailing) -> String.join("/", parts) + trailing);
    return Arbitraries.frequencyOf(Tuple.of(12, text.map(RawPath::of)), Tuple.of(1, paths()))
        .withoutEdgeCases();
  }

  private static Arbitrary<byte[]> corruptions() {
    return Arbitraries.frequency(
        Tuple.of(186, new byte[0]),
        Tuple.of(6, new byte[] {0}),
        Tuple.of(1, new byte[] {(byte) 0xFF}),
        Tuple.of(1, new byte[] {(byte) 0xC0, (byte) 0xAE}),
        Tuple.of(1, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        Tuple.of(1, "\u00e9".getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] corrupt(String text, byte[] insert, int at) {
    byte[] base = text.getBytes(StandardCharsets.UTF_8);
    if (insert.length == 0) {
      return base;
    }
    int pos = at % (base.length + 1);
    byte[] out = new byte[base.length + insert.length];
    System.arraycopy(base, 0, out, 0, pos);
    System.arraycopy(insert, 0, out, pos, insert.length);
    System.arraycopy(base, pos, out, pos + insert.length, base.length - pos);
    return out;
  }

  /**
   * Symlink targets: relative paths from the same alphabet, the classic escapes and loops
   * ({@code ..}, {@code ../outside}, a target ending in {@code /}), absolute and empty targets,
   * and rarely a target over 4096 bytes, or one with a NUL (planted through the SPI, which
   * stores any text).
   */
  public static Arbitrary<String> targets() {
    return Arbitraries.frequencyOf(
        Tuple.of(55, relative(4)),
        // A target ending in / (GHSA-vqjp): it must name a directory when the link is last.
        Tuple.of(12, names().map(n -> n + "/")),
        Tuple.of(
            25,
            Arbitraries.of(
                "..", "../..", "../../..", ".", "./", "../outside", "../outside/", "../../outside",
                "../outside/secret", "../sandbox", "a/..", "../a", "l", "m", "a/", "l/", "secret")),
        Tuple.of(5, Arbitraries.of("/", "/etc/passwd", "//a", "/a/..")),
        Tuple.of(2, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of("a\0", "\0")),
        Tuple.of(1, Arbitraries.of((LONG_NAME + "/").repeat(17), (LONG_NAME + "/").repeat(17) + "\0")))
        .withoutEdgeCases();
  }

}
