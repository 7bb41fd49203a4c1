package dev.wasibox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-process wasmtime peer, with the flags of guests/run-node.mjs that the benchmarks use:
 *
 * <pre>
 * java -Djava.library.path=bench/target/native -cp bench/target/bench.jar \
 *     dev.wasibox.bench.WasmtimeMain [--dir HOST[::GUEST]]... MODULE.wasm [--] [ARGS...]
 * </pre>
 *
 * stdin, stdout and stderr are the process's own; no environment. Exit status: the guest's exit
 * code, 134 on a trap, 2 on a usage or load error.
 */
public final class WasmtimeMain {
  private WasmtimeMain() {}

  public static void main(String[] argv) throws Exception {
    Map<String, Path> preopens = new LinkedHashMap<>();
    int i = 0;
    for (; i < argv.length && argv[i].startsWith("--"); i++) {
      if (argv[i].equals("--dir") && i + 1 < argv.length) {
        String v = argv[++i];
        int sep = v.indexOf("::");
        String host = sep < 0 ? v : v.substring(0, sep);
        String guest = sep < 0 ? v : v.substring(sep + 2);
        preopens.put(guest, Path.of(host));
      } else if (argv[i].equals("--")) {
        i++;
        break;
      } else {
        usage("unknown option " + argv[i]);
      }
    }
    if (i >= argv.length) {
      usage("usage: WasmtimeMain [--dir HOST[::GUEST]]... MODULE.wasm [--] [ARGS...]");
    }
    String modulePath = argv[i++];
    if (i < argv.length && argv[i].equals("--")) {
      i++;
    }
    List<String> args = new ArrayList<>();
    args.add(modulePath);
    for (; i < argv.length; i++) {
      args.add(argv[i]);
    }
    byte[] wasm;
    try {
      wasm = Files.readAllBytes(Path.of(modulePath));
    } catch (java.io.IOException e) {
      usage("cannot read " + modulePath + ": " + e);
      return;
    }
    int code;
    try (WasmtimePeer peer = new WasmtimePeer(wasm)) {
      code = peer.run(args, preopens, null);
    }
    System.out.flush();
    System.exit(code);
  }

  private static void usage(String msg) {
    System.err.println("wasmtime-main: " + msg);
    System.exit(2);
  }
}
