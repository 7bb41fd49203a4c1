package dev.wasibox.host.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
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

  /**
   * This process's environment and streams. When the process is not attached to a terminal its
   * stdout is buffered (64 KiB): a guest's every write then costs no system call of its own
   * (System.out would flush each one). A run flushes it when the guest reads stdin, writes to
   * stderr, every 100 ms while it runs, and when it ends; whoever uses it flushes it before exit.
   */
  public static HostStreams ofProcess() {
    boolean terminal = System.console() != null;
    PrintStream out =
        terminal
            ? System.out
            : new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
    return new HostStreams(System.getenv(), System.in, out, System.err, terminal);
  }
}
