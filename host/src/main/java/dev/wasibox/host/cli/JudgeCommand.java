package dev.wasibox.host.cli;

import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.PolicyReader;
import dev.wasibox.host.judge.CaseResult;
import dev.wasibox.host.judge.CaseVerdict;
import dev.wasibox.host.judge.Checker;
import dev.wasibox.host.judge.ExactChecker;
import dev.wasibox.host.judge.FloatChecker;
import dev.wasibox.host.judge.Judge;
import dev.wasibox.host.judge.JudgeReport;
import dev.wasibox.host.judge.TestCase;
import dev.wasibox.host.judge.TokenChecker;
import dev.wasibox.host.judge.WasmChecker;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.policy.PolicyRuntime;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.WasmProgram;
import dev.wasibox.vfs.host.HostMountException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasibox judge}: one submission against a directory of test cases. */
@Command(
    name = "judge",
    header = "Judges a submission against a directory of test cases.",
    sortOptions = false,
    description = {
      "Runs a submission against every NAME.in of a directory (natural order) and compares its "
          + "stdout with NAME.out or NAME.ans. The module is compiled once; each case is a fresh "
          + "run under the policy, with the case's input as stdin.",
    },
    footer = {
      "",
      "Example:",
      "  wasibox judge --policy policy-examples/judge.toml --tests tests/ sol.wasm",
      "",
      "Per-case verdicts: AC WA TLE MLE OLE RE (IE: the checker failed;",
      "SKIPPED: after a failure with --stop-on-failure).",
      "Exit status: 0 if every case is AC, 1 otherwise, 2 on a usage,",
      "policy or module error.",
    })
final class JudgeCommand implements Callable<Integer> {
  private final HostStreams host;

  @Option(names = "--policy", paramLabel = "FILE", required = true, description = "Policy file (TOML); its stdin and stdout are replaced per case.")
  Path policyFile;

  @Option(names = "--tests", paramLabel = "DIR", required = true, description = "Directory of NAME.in and NAME.out (or NAME.ans) files.")
  Path tests;

  @Option(names = "--checker", paramLabel = "CHECKER", description = "exact, tokens (default), float:EPS, or wasm:FILE (a checker module).")
  String checker = "tokens";

  @Option(names = "--report", paramLabel = "FILE", description = "Write the judge report (JSON) to FILE.")
  Path report;

  @Option(names = "--jobs", paramLabel = "N", description = "Run N cases at once (default 1).")
  int jobs = 1;

  @Option(names = "--stop-on-failure", description = "Skip the cases after the first one not accepted.")
  boolean stopOnFailure;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "compiler (default) or interpreter.")
  Engine engine = Engine.COMPILER;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "The submission.")
  Path module;

  JudgeCommand(HostStreams host) {
    this.host = host;
  }

  @Override
  public Integer call() throws UsageException {
    if (jobs < 1) {
      throw new UsageException("--jobs must be at least 1");
    }
    Policy policy = PolicyReader.read(policyFile);
    if (report != null) {
      Reports.checkWritable(report);
    }
    List<TestCase> cases;
    try {
      cases = TestCase.discover(tests);
    } catch (IOException e) {
      throw new UsageException(e.getMessage());
    }
    WasmProgram program = Modules.load(module, engine, true);
    Checker check = checker(policy);
    PolicyRuntime runtime = new PolicyRuntime(host);
    String name = module.getFileName().toString();
    // Mount once before any case runs, so that a host directory that cannot be mounted is a usage
    // error (exit 2) and not a failure inside the first case.
    try (PreparedRun probe = runtime.prepareCase(policy, name, new byte[0], OutputStream.nullOutputStream())) {
      probe.limits();
    } catch (IOException e) {
      throw new UsageException(e.getMessage());
    }
    Judge.CaseRunner runner =
        (stdin, stdout) -> {
          try (PreparedRun prepared = runtime.prepareCase(policy, name, stdin, stdout)) {
            return program.run(prepared.config(), prepared.limits());
          } catch (HostMountException e) {
            throw new IllegalStateException(e.getMessage(), e);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    AtomicInteger done = new AtomicInteger();
    JudgeReport result =
        new Judge(runner, check, jobs, stopOnFailure)
            .judge(cases, r -> progress(done.incrementAndGet(), cases.size(), r));
    if (host.terminal()) {
      host.err().print("\r\033[K");
    }
    for (CaseResult r : result.tests()) {
      host.out().printf("%-16s %-7s %6d ms %10d bytes%s%n", r.name(), r.verdict(), r.timeMs(), r.memoryBytes(),
          r.message() == null ? "" : "  " + r.message());
    }
    long passed = result.tests().stream().filter(r -> r.verdict() == CaseVerdict.AC).count();
    host.out().println("verdict " + result.verdict() + " (" + passed + "/" + result.tests().size() + ")");
    if (report != null) {
      Reports.write(report, result.toJson());
    }
    return result.accepted() ? 0 : ExitCodes.NOT_ACCEPTED;
  }

  private void progress(int done, int total, CaseResult last) {
    if (host.terminal()) {
      synchronized (host.err()) {
        host.err().print("\r\033[K[" + done + "/" + total + "] " + last.name() + " " + last.verdict());
        host.err().flush();
      }
    }
  }

  private Checker checker(Policy policy) throws UsageException {
    if (checker.equals("exact")) {
      return new ExactChecker();
    }
    if (checker.equals("tokens")) {
      return new TokenChecker();
    }
    if (checker.startsWith("float:")) {
      try {
        return new FloatChecker(Double.parseDouble(checker.substring(6)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--checker float:EPS wants a number >= 0, got '" + checker.substring(6) + "'");
      }
    }
    if (checker.startsWith("wasm:")) {
      WasmProgram p = Modules.load(Path.of(checker.substring(5)), engine, true);
      return new WasmChecker(p, PolicyRuntime.runLimits(policy.limits()));
    }
    throw new UsageException("unknown --checker '" + checker + "': exact, tokens, float:EPS or wasm:FILE");
  }
}
