package dev.wasibox.host.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The committed test guests ({@code guests/bin/NAME.wasm}, built by {@code guests/build.sh}), each
 * loaded and compiled once per test JVM and shared by every test that runs it.
 */
public final class Guests {
  private static final ConcurrentMap<String, WasmProgram> LOADED = new ConcurrentHashMap<>();

  private Guests() {}

  /** The repository's root directory (tests run with a module directory as working directory). */
  public static Path repositoryRoot() {
    Path here = Paths.get("").toAbsolutePath();
    while (here != null && !Files.isDirectory(here.resolve("guests/bin"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("guests/bin not found above " + Paths.get("").toAbsolutePath());
    }
    return here;
  }

  /** The file of guest {@code name}. */
  public static Path file(String name) {
    return repositoryRoot().resolve("guests/bin/" + name + ".wasm");
  }

  /** Guest {@code name}, compiled. */
  public static WasmProgram program(String name) {
    return program(name, Engine.COMPILER);
  }

  /** Guest {@code name}, loaded for {@code engine}. */
  public static WasmProgram program(String name, Engine engine) {
    return LOADED.computeIfAbsent(
        name + "/" + engine,
        key -> {
          try {
            return WasmProgram.load(Files.readAllBytes(file(name)), engine);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
