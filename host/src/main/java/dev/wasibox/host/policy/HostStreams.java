package dev.wasibox.host.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What the host process offers a policy to pass through: its environment (for {@code
 * env.inherit}) and its standard streams (for {@code inherit} stdio), with whether each is a
 * terminal.
 */
public record HostStreams(
    Map<String, String> env,
    InputStream in,
    PrintStream out,
    PrintStream err,
    boolean terminal) {
  public HostStreams {
    env = Map.copyOf(checkNotNull(env));
    checkNotNull(in);
    checkNotNull(out);
    checkNotNull(err);
  }

  /** This process's environment and streams. */
  public static HostStreams ofProcess() {
    return new HostStreams(System.getenv(), System.in, System.out, System.err, System.console() != null);
  }
}
