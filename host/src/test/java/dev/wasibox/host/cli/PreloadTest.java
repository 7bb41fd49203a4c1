package dev.wasibox.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wasibox.host.run.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Preload}: which command lines start an early load, and when its result is used. */
class PreloadTest {
  @TempDir Path dir;

  private Path module() throws IOException {
    Path hello = Path.of("../guests/bin/hello.wasm");
    Path m = dir.resolve("m.wasm");
    Files.copy(hello, m);
    return m;
  }

  @Test
  void moduleOf_findsTheFirstPositionalOfRunAndJudge() throws IOException {
    String m = module().toString();
    assertEquals(Path.of(m), Preload.moduleOf(new String[] {"run", m}));
    assertEquals(Path.of(m), Preload.moduleOf(new String[] {"run", "--tmp", "/w", "--env", "A=b", m, "x.wasm"}));
    assertEquals(Path.of(m), Preload.moduleOf(new String[] {"run", "--memory=64MiB", m}));
    assertEquals(Path.of(m), Preload.moduleOf(new String[] {"judge", "--policy", "p.toml", "--tests", "t", "--stop-on-failure", m}));
  }

  @Test
  void moduleOf_nothingWhenTheGuessCouldBeWrongOrUseless() throws IOException {
    String m = module().toString();
    assertNull(Preload.moduleOf(new String[] {"run", "--engine", "interpreter", m}));
    assertNull(Preload.moduleOf(new String[] {"run", "--engine=interpreter", m}));
    assertNull(Preload.moduleOf(new String[] {"run", "--no-cache", m}));
    assertNull(Preload.moduleOf(new String[] {"run", "--help"}));
    assertNull(Preload.moduleOf(new String[] {"run", "--", m}));
    assertNull(Preload.moduleOf(new String[] {"--version"}));
    assertNull(Preload.moduleOf(new String[] {"run"}));
    assertNull(Preload.moduleOf(new String[] {"run", dir.resolve("missing.wasm").toString()}));
    assertNull(Preload.moduleOf(new String[] {"run", dir.toString()}));
    assertNull(Preload.moduleOf(new String[] {"frobnicate", m}));
  }

  @Test
  void take_usesTheEarlyLoadOnlyForTheSameFileBytesAndDefaults() throws IOException {
    Path m = module();
    byte[] bytes = Files.readAllBytes(m);
    Preload.start(new String[] {"run", m.toString()});
    assertNull(Preload.take(m, bytes, Engine.INTERPRETER, true));
    Preload.start(new String[] {"run", m.toString()});
    assertNull(Preload.take(m, new byte[] {0, 'a', 's', 'm'}, Engine.COMPILER, true));
    Preload.start(new String[] {"run", m.toString()});
    assertNull(Preload.take(dir.resolve("other.wasm"), bytes, Engine.COMPILER, true));
    Preload.start(new String[] {"run", m.toString()});
    assertNotNull(Preload.take(m, bytes, Engine.COMPILER, true));
    assertNull(Preload.take(m, bytes, Engine.COMPILER, true), "used once");
  }

  @Test
  void take_anEarlyLoadThatFailed_isIgnored() throws IOException {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {1, 2, 3});
    Preload.start(new String[] {"run", bad.toString()});
    assertNull(Preload.take(bad, Files.readAllBytes(bad), Engine.COMPILER, true));
  }

  @Test
  void take_withoutStart_isNull() throws IOException {
    Path m = module();
    assertSame(null, Preload.take(m, Files.readAllBytes(m), Engine.COMPILER, true));
  }
}
