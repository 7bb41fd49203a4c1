package dev.wasibox.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.run.Guests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the {@code wasibox} command line in this JVM ({@link Main#run}) with captured streams, a
 * given host environment and stdin, and returns what a shell would see.
 */
final class Cli {
  /** A host environment with things no policy in these tests grants. */
  static final Map<String, String> HOST_ENV =
      Map.of("HOME", "/home/host", "SECRET_TOKEN", "s3cr3t", "LANG", "en_US.UTF-8", "PATH", "/usr/bin");

  private Cli() {}

  /** What one command line did. */
  record Result(int status, String out, String err) {
    /** The lines of stderr (none if it is empty). */
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The single line of stderr; fails unless stderr is exactly one line with no stack trace. */
    String oneErrorLine() {
      assertFalse(err.contains("\tat "), () -> "stack trace on stderr:\n" + err);
      assertEquals(1, errLines().size(), () -> "stderr is not one line:\n" + err);
      return errLines().get(0);
    }

    @Override
    public String toString() {
      return "status " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs {@code args} with {@link #HOST_ENV} and an empty stdin. */
  static Result run(String... args) {
    return run(HOST_ENV, new byte[0], args);
  }

  /** Runs {@code args} with {@code env} as the host environment and {@code stdin} as its stdin. */
  static Result run(Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int status = Main.run(args, new HostStreams(env, new ByteArrayInputStream(stdin), o, e, false));
      return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Concatenates argument lists: {@code args("run", "--tmp", "/t", guest("hello"))}. */
  static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof List<?> l) {
        l.forEach(x -> out.add(Objects.toString(x)));
      } else if (p instanceof Object[] a) {
        out.addAll(List.of(args(a)));
      } else {
        out.add(Objects.toString(p));
      }
    }
    return out.toArray(new String[0]);
  }

  /** The path of test guest {@code name} ({@code guests/bin/NAME.wasm}). */
  static String guest(String name) {
    return Guests.file(name).toString();
  }

  /** The repository's root directory. */
  static Path repo() {
    return Guests.repositoryRoot();
  }

  /** A file in {@code policy-examples/}. */
  static Path example(String name) {
    return repo().resolve("policy-examples").resolve(name);
  }

  /** Writes {@code text} to {@code dir/name} (parents created) and returns the file. */
  static Path write(Path dir, String name, String text) {
    try {
      Path f = dir.resolve(name);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a UTF-8 file. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
