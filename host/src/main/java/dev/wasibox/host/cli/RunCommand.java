package dev.wasibox.host.cli;

import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.PolicyReader;
import dev.wasibox.capabilities.policy.Sizes;
import dev.wasibox.capabilities.policy.Durations;
import dev.wasibox.host.export.ExportException;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.policy.PolicyRuntime;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.host.run.WasmProgram;
import dev.wasibox.vfs.host.HostMountException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasibox run}: one guest under a policy, flags layered over it. */
@Command(
    name = "run",
    header = "Runs a WASI command module under a policy.",
    sortOptions = false,
    description = {
      "Nothing is granted that the policy or a flag does not name: no environment, no directories, empty stdin. Flags add to the policy "
          + "or override it; what they do not name is kept.",
    },
    footer = {
      "",
      "Examples:",
      "  wasibox run --policy policy-examples/hello.toml guests/bin/hello.wasm",
      "  wasibox run --dir ./project::/ tool.wasm -- build",
      "      (the guest may write anywhere; ./project never changes)",
      "  wasibox run --ro-dir ./data::/data --tmp /tmp --env LANG=C app.wasm",
      "  wasibox run --tmp /out --export /out::./results gen.wasm",
      "      (copies what the guest left in /out to ./results after the run)",
      "",
      "Exit status: the guest's exit code; 134 trap; 124 time limit;",
      "137 memory limit; 153 output limit; 2 usage, policy, module, mount or",
      "export error; 125 internal error.",
    })
final class RunCommand implements Callable<Integer> {
  private final HostStreams host;

  @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (TOML); flags add to or override it.")
  Path policyFile;

  @Option(names = "--dir", paramLabel = "HOST[::GUEST]", description = "Mount HOST as an overlay: the guest may write, HOST never changes.")
  List<String> dirs = new ArrayList<>();

  @Option(names = "--ro-dir", paramLabel = "HOST[::GUEST]", description = "Mount HOST read-only.")
  List<String> roDirs = new ArrayList<>();

  @Option(names = "--tmp", paramLabel = "GUEST", description = "Mount an empty in-memory directory at GUEST.")
  List<String> tmps = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME[=VALUE]", description = "Set NAME, or pass the host's NAME through.")
  List<String> env = new ArrayList<>();

  @Option(names = "--stdin", paramLabel = "FILE", description = "Read stdin from FILE.")
  Path stdin;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Linear memory limit, e.g. 256MiB.")
  String memory;

  @Option(names = "--time-limit", paramLabel = "DUR", description = "Wall-time limit, e.g. 2s.")
  String timeLimit;

  @Option(names = "--cpu-time", paramLabel = "DUR", description = "CPU-time limit, e.g. 1500ms.")
  String cpuTime;

  @Option(names = "--max-output", paramLabel = "SIZE", description = "Limit on stdout and stderr together.")
  String maxOutput;

  @Option(names = "--export", paramLabel = "GUEST::HOST", description = "After the run, copy GUEST (in a writable mount) to the new or empty HOST dir.")
  List<String> exportFlags = new ArrayList<>();

  @Option(names = "--report", paramLabel = "FILE", description = "Write the run report (JSON) to FILE.")
  Path report;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "compiler (default) or interpreter.")
  Engine engine = Engine.COMPILER;

  @Option(names = "--no-cache", description = "Do not use the compiled-module cache on disk.")
  boolean noCache;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "The module to run.")
  Path module;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Guest arguments (after --); replace the policy's args.")
  List<String> args = new ArrayList<>();

  RunCommand(HostStreams host) {
    this.host = host;
  }

  @Override
  public Integer call() throws UsageException {
    Policy policy = policy();
    if (report != null) {
      Reports.checkWritable(report);
    }
    WasmProgram program = Modules.load(module, engine, !noCache);
    RunResult result;
    List<PreparedRun.ExportResult> exported = List.of();
    String exportError = null;
    int status;
    try (PreparedRun prepared = prepare(policy)) {
      result = program.run(prepared.config(), prepared.limits());
      try {
        exported = prepared.export();
      } catch (ExportException e) {
        exportError = e.getMessage();
      }
      status = exportError != null ? ExitCodes.USAGE : ExitCodes.of(result);
      if (report != null) {
        Reports.write(report, Reports.run(status, result, prepared, exported, exportError));
      }
    }
    if (result.verdict() != Verdict.OK) {
      host.err().println("wasibox: " + describe(result));
    }
    if (exportError != null) {
      host.err().println("wasibox: export failed: " + exportError);
    }
    return status;
  }

  /** Mounts the policy's directories and opens its stdio files; a failure is the user's to fix. */
  private PreparedRun prepare(Policy policy) throws UsageException {
    try {
      return new PolicyRuntime(host).prepare(policy, module.getFileName().toString());
    } catch (HostMountException e) {
      throw new UsageException(e.getMessage());
    } catch (IOException e) {
      throw UsageException.io("cannot open", e);
    }
  }

  private static String describe(RunResult r) {
    String what = switch (r.verdict()) {
      case TRAP -> "guest trapped";
      case TLE -> "time limit";
      case MLE -> "memory limit";
      case OLE -> "output limit";
      case OK -> "exited";
    };
    return r.message() == null ? what : what + ": " + r.message();
  }

  /** The policy file with the flags layered over it (package-private for tests). */
  Policy policy() throws UsageException {
    Policy base = policyFile == null ? Policy.defaults() : PolicyReader.read(policyFile);
    Policy.Builder b = base.toBuilder();
    for (String d : dirs) {
      flag(b, "--dir", d, () -> {
        DirFlag f = DirFlag.parse(d);
        b.putMount(MountSpec.overlay(f.host(), f.guest()));
      });
    }
    for (String d : roDirs) {
      flag(b, "--ro-dir", d, () -> {
        DirFlag f = DirFlag.parse(d);
        b.putMount(MountSpec.hostReadOnly(f.host(), f.guest()));
      });
    }
    for (String t : tmps) {
      flag(b, "--tmp", t, () -> b.putMount(MountSpec.memory(t)));
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      flag(b, "--env", e, () -> {
        if (eq < 0) {
          b.editEnv(x -> x.passThrough(e));
        } else {
          b.putEnv(e.substring(0, eq), e.substring(eq + 1));
        }
      });
    }
    if (stdin != null) {
      flag(b, "--stdin", stdin.toString(), () -> {
        if (!Files.isRegularFile(stdin)) {
          throw new UsageException("not a readable file");
        }
        b.stdinFile(stdin.toAbsolutePath());
      });
    }
    if (memory != null) {
      flag(b, "--memory", memory, () -> b.editLimits(l -> l.memory(Sizes.parse(memory))));
    }
    if (timeLimit != null) {
      flag(b, "--time-limit", timeLimit, () -> b.editLimits(l -> l.wallTime(Durations.parse(timeLimit))));
    }
    if (cpuTime != null) {
      flag(b, "--cpu-time", cpuTime, () -> b.editLimits(l -> l.cpuTime(Durations.parse(cpuTime))));
    }
    if (maxOutput != null) {
      flag(b, "--max-output", maxOutput, () -> b.editLimits(l -> l.output(Sizes.parse(maxOutput))));
    }
    for (String x : exportFlags) {
      flag(b, "--export", x, () -> {
        int sep = x.indexOf("::");
        if (sep <= 0 || sep + 2 >= x.length()) {
          throw new UsageException("wants GUEST::HOST");
        }
        b.addExport(ExportSpec.of(x.substring(0, sep), Path.of(x.substring(sep + 2)).toAbsolutePath()));
      });
    }
    // Everything after MODULE is the guest's; a "--" right after it only marks that.
    List<String> guestArgs = !args.isEmpty() && args.get(0).equals("--") ? args.subList(1, args.size()) : args;
    if (!guestArgs.isEmpty()) {
      b.args(guestArgs);
    }
    return b.build();
  }

  /** One change a flag makes to the policy. */
  @FunctionalInterface
  private interface Edit {
    void apply() throws UsageException;
  }

  /**
   * Applies {@code edit} and checks the policy's cross-section rules at once, so that an error
   * names the flag that caused it: {@code --memory 1KiB: key 'limits.memory': must be at least...}.
   */
  private static void flag(Policy.Builder b, String name, String value, Edit edit) throws UsageException {
    try {
      edit.apply();
      b.build();
    } catch (UsageException | IllegalArgumentException e) {
      throw new UsageException(name + " " + value + ": " + e.getMessage());
    }
  }
}
