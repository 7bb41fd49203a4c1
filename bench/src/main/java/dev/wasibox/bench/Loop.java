package dev.wasibox.bench;

import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.WasmProgram;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Runs one guest many times in this JVM and prints each run's wall time: a target for profilers
 * (JFR: {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile}) outside JMH.
 *
 * <pre>java -cp bench.jar dev.wasibox.bench.Loop GUEST [RUNS=20] [compiler|interpreter] [STDIN-FILE]</pre>
 */
public final class Loop {
  private Loop() {}

  public static void main(String[] argv) throws Exception {
    String guest = argv[0];
    int runs = argv.length > 1 ? Integer.parseInt(argv[1]) : 20;
    Engine engine = argv.length > 2 ? Engine.valueOf(argv[2].toUpperCase()) : Engine.COMPILER;
    byte[] stdin = argv.length > 3 ? java.nio.file.Files.readAllBytes(java.nio.file.Path.of(argv[3])) : new byte[0];
    long t0 = System.nanoTime();
    WasmProgram program = WasmProgram.load(Guests.bytes(guest), engine);
    System.err.printf("load %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    double[] ms = new double[runs];
    double[] cpu = new double[runs];
    try (OutputStream devnull = new FileOutputStream("/dev/null")) {
      for (int i = 0; i < runs; i++) {
        long s = System.nanoTime();
        dev.wasibox.host.run.RunResult r = WasiboxBench.runOnce(program, guest, devnull, stdin);
        ms[i] = (System.nanoTime() - s) / 1e6;
        cpu[i] = r.cpuNanos() / 1e6;
        System.err.printf("run %d %.2f ms (guest thread CPU %.2f ms)%n", i, ms[i], cpu[i]);
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double[] sortedCpu = cpu.clone();
    Arrays.sort(sortedCpu);
    System.err.printf("%s: median %.2f ms, min %.2f ms; guest CPU median %.2f ms, min %.2f ms%n",
        guest, sorted[runs / 2], sorted[0], sortedCpu[runs / 2], sortedCpu[0]);
  }
}
