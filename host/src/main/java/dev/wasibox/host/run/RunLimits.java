package dev.wasibox.host.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.dylibso.chicory.runtime.Memory;
import java.time.Duration;

/**
 * The execution limits of one run (the filesystem and output limits live in {@link
 * dev.wasibox.host.WasiConfig} and the volumes).
 *
 * @param maxMemoryBytes linear memory cap, rounded down to whole 64 KiB pages
 * @param wallTime wall-clock time from the start of the guest
 * @param cpuTime CPU time of the guest's thread
 * @param stackBytes the guest thread's stack size (bounds recursion depth)
 */
public record RunLimits(long maxMemoryBytes, Duration wallTime, Duration cpuTime, long stackBytes) {
  /** 256 MiB of memory, 10 s wall, 10 s CPU, 256 MiB of stack. */
  public static final RunLimits DEFAULT =
      new RunLimits(256L << 20, Duration.ofSeconds(10), Duration.ofSeconds(10), 256L << 20);

  public RunLimits {
    checkArgument(maxMemoryBytes >= 0, "maxMemoryBytes must be >= 0");
    checkArgument(!wallTime.isNegative() && !wallTime.isZero(), "wallTime must be > 0");
    checkArgument(!cpuTime.isNegative() && !cpuTime.isZero(), "cpuTime must be > 0");
    checkArgument(stackBytes >= (1 << 20), "stackBytes must be >= 1 MiB");
  }

  /** The memory cap in pages (at most Chicory's 32767-page runtime maximum). */
  public int maxPages() {
    return (int) Math.min(maxMemoryBytes / Memory.PAGE_SIZE, Memory.RUNTIME_MAX_PAGES);
  }

  public RunLimits withMemory(long bytes) {
    return new RunLimits(bytes, wallTime, cpuTime, stackBytes);
  }

  public RunLimits withWallTime(Duration d) {
    return new RunLimits(maxMemoryBytes, d, cpuTime, stackBytes);
  }

  public RunLimits withCpuTime(Duration d) {
    return new RunLimits(maxMemoryBytes, wallTime, d, stackBytes);
  }
}
