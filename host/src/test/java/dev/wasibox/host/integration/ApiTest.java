package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasibox.host.ProcExitException;
import dev.wasibox.host.Wasi;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node:wasi-shaped {@link Wasi} API as a plugin host uses it: build the imports, instantiate
 * with Chicory yourself, then {@code start} a command or {@code initialize} a reactor and call its
 * exports. Instances are built with the interpreter, or with the compiler where the engine
 * matters (an exit unwinding through compiled code).
 */
class ApiTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  /** A fresh WASI environment: argv {@code [argv0]}, stdout captured, plus what {@code customize} grants. */
  private Wasi wasi(boolean returnOnExit, String argv0, Consumer<WasiConfig.Builder> customize) {
    WasiConfig.Builder b =
        WasiConfig.builder().args(List.of(argv0)).stdout(stdout, 1 << 20, false).failOnHostBug(true);
    customize.accept(b);
    return Wasi.create(b.build(), returnOnExit);
  }

  private static Instance instantiate(String guest, Wasi wasi, Engine engine) {
    WasmModule module = Guests.program(guest).module();
    Instance.Builder b = Instance.builder(module).withImportValues(wasi.importValues()).withStart(false);
    if (engine == Engine.COMPILER) {
      b.withMachineFactory(MachineFactoryCompiler.compile(module));
    }
    return b.build();
  }

  private String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  // ---- reactor ----

  @Test
  void initialize_reactor_runsConstructorsThenExportsWork() {
    Wasi wasi = wasi(true, "reactor", b -> {});
    Instance reactor = instantiate("reactor", wasi, Engine.INTERPRETER);
    assertEquals(0, reactor.export("initialized").apply()[0], "initialized() before _initialize");
    wasi.initialize(reactor);
    assertAll(
        () -> assertEquals(1, reactor.export("initialized").apply()[0]),
        () -> assertEquals(5, reactor.export("add").apply(2, 3)[0]),
        () -> assertEquals(Integer.MIN_VALUE, (int) reactor.export("add").apply(Integer.MAX_VALUE, 1)[0], "wraps"));
  }

  @Test
  void greet_afterInitialize_printsToTheCapturedStdout() {
    Wasi wasi = wasi(true, "reactor", b -> {});
    Instance reactor = instantiate("reactor", wasi, Engine.INTERPRETER);
    wasi.initialize(reactor);
    reactor.export("greet").apply();
    reactor.export("greet").apply();
    wasi.close();
    assertEquals("hello from reactor\nhello from reactor\n", stdout());
  }

  @Test
  void counter_twoInstances_keepSeparateState() {
    Wasi wasiA = wasi(true, "reactor", b -> {});
    Wasi wasiB = wasi(true, "reactor", b -> {});
    Instance a = instantiate("reactor", wasiA, Engine.INTERPRETER);
    Instance b = instantiate("reactor", wasiB, Engine.COMPILER);
    wasiA.initialize(a);
    wasiB.initialize(b);
    assertEquals(1, a.export("counter").apply()[0]);
    assertEquals(2, a.export("counter").apply()[0]);
    assertEquals(1, b.export("counter").apply()[0]);
    assertEquals(3, a.export("counter").apply()[0]);
  }

  /**
   * <pre>
   * /data            (memory volume)
   *   a = "1"
   *   b/
   *   c -> a
   * </pre>
   */
  @Test
  void countFiles_pathPassedThroughGuestMemory_seesOnlyItsPreopen() {
    MemoryVolume data = MemoryVolume.create();
    Tree.of(Tree.file("a", "1"), Tree.dir("b"), Tree.link("c", "a")).plantWithSpi(data.root());
    Wasi wasi = wasi(true, "reactor", b -> b.preopen("/data", data.root()));
    Instance reactor = instantiate("reactor", wasi, Engine.INTERPRETER);
    wasi.initialize(reactor);
    assertAll(
        () -> assertEquals(3, countFiles(reactor, "/data")),
        () -> assertEquals(0, countFiles(reactor, "/data/b")),
        () -> assertEquals(-44, countFiles(reactor, "/data/nope"), "ENOENT"),
        () -> assertEquals(-54, countFiles(reactor, "/data/a"), "ENOTDIR"),
        () -> assertEquals(-63, countFiles(reactor, "/data/.."), "EPERM: above the preopen"),
        () -> assertEquals(-76, countFiles(reactor, "/etc"), "ENOTCAPABLE: no preopen (wasi-libc)"));
  }

  private static int countFiles(Instance reactor, String path) {
    byte[] bytes = (path + "\0").getBytes(StandardCharsets.UTF_8);
    int ptr = (int) reactor.export("alloc").apply(bytes.length)[0];
    reactor.memory().write(ptr, bytes);
    int n = (int) reactor.export("count_files").apply(ptr)[0];
    reactor.export("dealloc").apply(ptr);
    return n;
  }

  @Test
  void initialize_twice_isRefused() {
    Wasi wasi = wasi(true, "reactor", b -> {});
    Instance reactor = instantiate("reactor", wasi, Engine.INTERPRETER);
    wasi.initialize(reactor);
    assertThrows(IllegalStateException.class, () -> wasi.initialize(reactor));
  }

  @Test
  void start_onReactor_isRefused() {
    Wasi wasi = wasi(true, "reactor", b -> {});
    Instance reactor = instantiate("reactor", wasi, Engine.INTERPRETER);
    assertThrows(IllegalStateException.class, () -> wasi.start(reactor));
  }

  // ---- command ----

  @ParameterizedTest
  @EnumSource(Engine.class)
  void start_helloReturningNormally_returnsZeroWhateverReturnOnExit(Engine engine) {
    for (boolean returnOnExit : new boolean[] {true, false}) {
      stdout.reset();
      Wasi wasi = wasi(returnOnExit, "hello", b -> b.env("K", "v"));
      assertEquals(0, wasi.start(instantiate("hello", wasi, engine)));
      wasi.close();
      assertEquals("hello, world\nargv[0]=hello\nenv K=v\n", stdout());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void start_returnOnExitTrue_returnsTheExitCode(Engine engine) {
    Wasi wasi = wasi(true, "hello", b -> b.env("EXIT_CODE", "7"));
    assertEquals(7, wasi.start(instantiate("hello", wasi, engine)));
    wasi.close();
    assertEquals("hello, world\nargv[0]=hello\nenv EXIT_CODE=7\n", stdout());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void start_returnOnExitFalse_throwsProcExitWithTheCode(Engine engine) {
    Wasi wasi = wasi(false, "hello", b -> b.env("EXIT_CODE", "7"));
    Instance hello = instantiate("hello", wasi, engine);
    ProcExitException e = assertThrows(ProcExitException.class, () -> wasi.start(hello));
    assertEquals(7, e.exitCode());
    wasi.close();
    assertEquals("hello, world\nargv[0]=hello\nenv EXIT_CODE=7\n", stdout(), "output before the exit is kept");
  }

  @Test
  void start_twice_isRefused() {
    Wasi wasi = wasi(true, "hello", b -> {});
    Instance hello = instantiate("hello", wasi, Engine.INTERPRETER);
    wasi.start(hello);
    assertThrows(IllegalStateException.class, () -> wasi.start(hello));
    wasi.close();
    assertEquals("hello, world\nargv[0]=hello\n", stdout(), "_start ran once");
  }

  @Test
  void initialize_onCommand_isRefusedAndRunsNothing() {
    Wasi wasi = wasi(true, "hello", b -> {});
    Instance hello = instantiate("hello", wasi, Engine.INTERPRETER);
    assertThrows(IllegalStateException.class, () -> wasi.initialize(hello));
    wasi.close();
    assertEquals("", stdout());
  }

  // ---- wasi_unstable ----

  @Test
  void start_unstableHello_printsThroughWasiUnstableImports() {
    Wasi wasi = wasi(true, "unstable_hello", b -> {});
    assertEquals(0, wasi.start(instantiate("unstable_hello", wasi, Engine.INTERPRETER)));
    wasi.close();
    assertEquals("hello from wasi_unstable\n", stdout());
  }

  @Test
  void run_unstableHello_endsOkWithItsGreeting() {
    RunHarness.Run run = RunHarness.run("unstable_hello", RunLimits.DEFAULT, List.of());
    assertAll(
        () -> assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString),
        () -> assertEquals(0, run.result().exitCode()),
        () -> assertEquals("hello from wasi_unstable\n", run.stdout()));
  }
}
