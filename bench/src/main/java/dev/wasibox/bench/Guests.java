package dev.wasibox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark guests (guests/README.md, "Benchmarks") and where to find them: the repository
 * root comes from the system property {@code wasibox.root} (bench/run.sh sets it), else the
 * working directory or its parent, whichever holds {@code guests/bin}.
 */
final class Guests {
  /** The guest path of the memory directory that files4k works in. */
  static final String FILES_GUEST_DIR = "/w";

  private Guests() {}

  static Path root() {
    String p = System.getProperty("wasibox.root");
    if (p != null) {
      return Path.of(p).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path c = cwd; c != null; c = c.getParent()) {
      if (Files.isDirectory(c.resolve("guests/bin"))) {
        return c;
      }
    }
    throw new IllegalStateException("cannot find guests/bin: set -Dwasibox.root=REPO");
  }

  static Path module(String guest) {
    return root().resolve("guests/bin/" + guest + ".wasm");
  }

  static byte[] bytes(String guest) {
    try {
      return Files.readAllBytes(module(guest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the guest needs a writable directory (its first argument). */
  static boolean needsDir(String guest) {
    return guest.equals("files4k");
  }

  /** argv after argv[0]: the guest's default workload (guests/README.md). */
  static List<String> args(String guest) {
    return needsDir(guest) ? List.of(FILES_GUEST_DIR) : List.of();
  }

  /** The first line each guest prints with its default arguments (guests/README.md). */
  static String expectedFirstLine(String guest) {
    return switch (guest) {
      case "sha256" -> "sha256 MiB=32 2324928f25626c74392b42d0898d7aee84a9cb573cf60fa60bcc538b09cecf93";
      case "sieve" -> "sieve N=20000000 primes=1270607";
      case "fib" -> "fib(35)=9227465";
      case "sort2m" -> "sort2m N=2000000 checksum=13433337674080102762 sorted=1";
      case "files4k" -> "files4k n=4000 written=400000 stat=4000 read=400000 listed=4000 removed=4000 errors=0";
      case "hello" -> "hello, world";
      case "writes" -> "0123456789abcde";
      case "sum_ok" -> "0";
      default -> throw new IllegalArgumentException("unknown guest " + guest);
    };
  }
}
