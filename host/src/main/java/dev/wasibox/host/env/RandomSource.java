package dev.wasibox.host.env;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Where {@code random_get} bytes come from: the host's secure generator, or a seeded one. */
public abstract class RandomSource {
  /** Fills {@code out} with random bytes. */
  public abstract void fill(byte[] out);

  /**
   * Cryptographically strong bytes from {@link SecureRandom}, created on the first {@code
   * random_get} (creating one costs tens of milliseconds in a fresh JVM, and most guests never ask).
   */
  public static RandomSource secure() {
    return new RandomSource() {
      private SecureRandom random;

      @Override
      public synchronized void fill(byte[] out) {
        if (random == null) {
          random = new SecureRandom();
        }
        random.nextBytes(out);
      }
    };
  }

  /**
   * Reproducible bytes: the same seed gives the same stream on every JVM ({@link SplittableRandom}'s
   * algorithm is fixed by its specification). Not for secrets.
   */
  public static RandomSource seeded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new RandomSource() {
      @Override
      public synchronized void fill(byte[] out) {
        int i = 0;
        while (i < out.length) {
          long word = random.nextLong();
          for (int k = 0; k < 8 && i < out.length; k++, word >>>= 8) {
            out[i++] = (byte) word;
          }
        }
      }
    };
  }
}
