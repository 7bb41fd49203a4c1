package dev.wasibox.host.judge;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.host.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one submission against many test cases. The submission is compiled once by whoever builds
 * the {@link CaseRunner}; each case is a fresh run with the case's input as stdin and its stdout
 * captured (under the run's output limit), then compared by the {@link Checker}. Cases may run on
 * several threads; the report is always in natural order.
 */
public final class Judge {
  /** Runs the submission once with {@code stdin}, writing its stdout to {@code stdout}. */
  @FunctionalInterface
  public interface CaseRunner {
    RunResult run(byte[] stdin, OutputStream stdout);
  }

  private final CaseRunner runner;
  private final Checker checker;
  private final int jobs;
  private final boolean stopOnFailure;

  /**
   * @param jobs how many cases run at once (at least 1)
   * @param stopOnFailure skip the cases after the first one that is not accepted
   */
  public Judge(CaseRunner runner, Checker checker, int jobs, boolean stopOnFailure) {
    checkArgument(jobs >= 1, "jobs must be >= 1");
    this.runner = checkNotNull(runner);
    this.checker = checkNotNull(checker);
    this.jobs = jobs;
    this.stopOnFailure = stopOnFailure;
  }

  /** Judges {@code cases}, calling {@code progress} after each one (from any thread). */
  public JudgeReport judge(List<TestCase> cases, Consumer<CaseResult> progress) {
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "wasibox-judge");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      for (TestCase c : cases) {
        futures.add(
            pool.submit(
                () -> {
                  if (stopOnFailure && failed.get()) {
                    return CaseResult.skipped(c.name());
                  }
                  CaseResult r = judgeOne(c);
                  if (r.verdict() != CaseVerdict.AC) {
                    failed.set(true);
                  }
                  progress.accept(r);
                  return r;
                }));
      }
      List<CaseResult> results = new ArrayList<>();
      for (Future<CaseResult> f : futures) {
        results.add(await(f));
      }
      return new JudgeReport(results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static CaseResult await(Future<CaseResult> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs and checks one case. */
  CaseResult judgeOne(TestCase c) {
    byte[] input;
    byte[] answer;
    try {
      input = Files.readAllBytes(c.input());
      answer = Files.readAllBytes(c.answer());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test " + c.name(), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunResult r = runner.run(input, out);
    long timeMs = r.cpuNanos() / 1_000_000L;
    long wallMs = r.wallNanos() / 1_000_000L;
    CaseVerdict verdict;
    String message = r.message();
    switch (r.verdict()) {
      case TLE -> verdict = CaseVerdict.TLE;
      case MLE -> verdict = CaseVerdict.MLE;
      case OLE -> verdict = CaseVerdict.OLE;
      case TRAP -> verdict = CaseVerdict.RE;
      default -> {
        if (r.exitCode() != 0) {
          verdict = CaseVerdict.RE;
          message = "exit code " + r.exitCode();
        } else {
          try {
            message = checker.check(input, answer, out.toByteArray());
            verdict = message == null ? CaseVerdict.AC : CaseVerdict.WA;
          } catch (CheckerException e) {
            message = e.getMessage();
            verdict = CaseVerdict.IE;
          }
        }
      }
    }
    return new CaseResult(c.name(), verdict, timeMs, wallMs, r.peakMemoryBytes(), r.exitCode(), message);
  }
}
