package dev.wasibox.host.cli;

import dev.wasibox.capabilities.policy.PolicyException;
import dev.wasibox.host.policy.HostStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code wasibox} command. Every failure is one line on stderr and a documented exit status
 * ({@link ExitCodes}); a Java stack trace is printed only with {@code WASIBOX_DEBUG=1}.
 */
@Command(
    name = "wasibox",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Runs untrusted WebAssembly (WASI preview1) with exactly the capabilities a policy grants.",
    footer = {
      "",
      "Examples:",
      "  wasibox run --policy policy-examples/hello.toml guests/bin/hello.wasm",
      "  wasibox run --dir ./project::/ tool.wasm -- build",
      "  wasibox judge --policy policy-examples/judge.toml --tests tests/ sol.wasm",
      "",
      "Run 'wasibox run --help' or 'wasibox judge --help' for details."
    })
public final class Main implements Runnable {
  public static void main(String[] args) {
    Preload.start(args);
    System.exit(run(args, HostStreams.ofProcess()));
  }

  /** Runs the command line with {@code host}'s streams and returns the exit status. */
  public static int run(String[] args, HostStreams host) {
    CommandLine cli = commandLine(host);
    int code = cli.execute(args);
    host.out().flush();
    host.err().flush();
    return code;
  }

  /**
   * The configured command line: subcommands, streams, and the handlers that turn every failure
   * into one line and an {@link ExitCodes} status. Tests parse with it too.
   */
  static CommandLine commandLine(HostStreams host) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand("run", new CommandLine(new RunCommand(host)).setStopAtPositional(true));
    cli.addSubcommand("judge", new JudgeCommand(host));
    cli.setOut(new java.io.PrintWriter(host.out(), true));
    cli.setErr(new java.io.PrintWriter(host.err(), true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          String sub = e.getCommandLine().getCommandName();
          host.err().println("wasibox: " + e.getMessage() + " (see 'wasibox " + (sub.equals("wasibox") ? "" : sub + " ") + "--help')");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof UsageException || e instanceof PolicyException) {
            host.err().println("wasibox: " + e.getMessage());
            return ExitCodes.USAGE;
          }
          host.err().println("wasibox: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
          if ("1".equals(System.getenv("WASIBOX_DEBUG"))) {
            e.printStackTrace(host.err());
          }
          return ExitCodes.INTERNAL;
        });
    return cli;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "missing command: run or judge");
  }

  /** Reports the build's version and the Chicory version it runs on. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "wasibox " + p.getProperty("version", "unknown") + " (Chicory " + p.getProperty("chicory", "unknown") + ", Java " + Runtime.version() + ")"
      };
    }
  }
}
