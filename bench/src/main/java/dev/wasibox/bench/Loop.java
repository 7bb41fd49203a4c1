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
 * <pre>java -cp bench.jar dev.wasibox.bench.Loop GUEST [RUNS=20] [compiler|interpreter]</pre>
 */
public final class Loop {
  private Loop() {}

  public static void main(String[] argv) throws Exception {
    String guest = argv[0];
    int runs = argv.length > 1 ? Integer.parseInt(argv[1]) : 20;
    Engine engine = argv.length > 2 ? Engine.valueOf(argv[2].toUpperCase()) : Engine.COMPILER;
    long t0 = System.nanoTime();
    WasmProgram program = WasmProgram.load(Guests.bytes(guest), engine);
    System.err.printf("load %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    double[] ms = new double[runs];
    try (OutputStream devnull = new FileOutputStream("/dev/null")) {
      for (int i = 0; i < runs; i++) {
        long s = System.nanoTime();
        WasiboxBench.runOnce(program, guest, devnull);
        ms[i] = (System.nanoTime() - s) / 1e6;
        System.err.printf("run %d %.2f ms%n", i, ms[i]);
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.err.printf("median %.2f ms, min %.2f ms%n", sorted[runs / 2], sorted[0]);
  }
}
