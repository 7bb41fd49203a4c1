package dev.wasibox.host.judge;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.host.run.WasmProgram;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A custom checker that is itself a sandboxed wasm command (testlib style): it runs as {@code
 * checker /judge/input /judge/expected /judge/actual} with the three files in a private memory
 * mount at {@code /judge} and nothing else granted; exit code 0 accepts, 1 rejects (its stderr's
 * first line is the reason), anything else is a {@link CheckerException}.
 */
public final class WasmChecker implements Checker {
  private static final long OUTPUT_LIMIT = 64 * 1024;

  private final WasmProgram program;
  private final RunLimits limits;

  public WasmChecker(WasmProgram program, RunLimits limits) {
    this.program = checkNotNull(program);
    this.limits = checkNotNull(limits);
  }

  @Override
  public String check(byte[] input, byte[] expected, byte[] actual) {
    long content = (long) input.length + expected.length + actual.length;
    MemoryVolume volume = MemoryVolume.create(new Quota(content + (1 << 20), 16), () -> 0L);
    DirectoryNode root = volume.root();
    put(root, "input", input);
    put(root, "expected", expected);
    put(root, "actual", actual);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig config =
        WasiConfig.builder()
            .args(List.of("checker", "/judge/input", "/judge/expected", "/judge/actual"))
            .stderr(err, OUTPUT_LIMIT, false)
            .preopen("/judge", root)
            .realtime(GuestClock.frozen(0, 1))
            .monotonic(GuestClock.virtual(0, 1_000, 1))
            .cpuTime(null)
            .random(RandomSource.seeded(0))
            .build();
    RunResult r = program.run(config, limits);
    if (r.verdict() == Verdict.OK && r.exitCode() == 0) {
      return null;
    }
    if (r.verdict() == Verdict.OK && r.exitCode() == 1) {
      String reason = err.toString(StandardCharsets.UTF_8).strip();
      int nl = reason.indexOf('\n');
      return "checker: " + (nl < 0 ? reason : reason.substring(0, nl));
    }
    throw new CheckerException(
        "checker failed: " + (r.verdict() == Verdict.OK ? "exit code " + r.exitCode() : r.verdict() + " " + r.message()));
  }

  private static void put(DirectoryNode dir, String name, byte[] content) {
    try (OpenFile f = dir.createFile(name).open(false, true)) {
      f.write(ByteBuffer.wrap(content), 0);
    }
  }

  @Override
  public String name() {
    return "wasm";
  }
}
