package dev.wasibox.capabilities.policy;

import com.google.common.collect.ImmutableMap;
import dev.wasibox.capabilities.FdNumbering;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a {@link Policy} from a TOML policy file, failing before any guest code runs with one
 * {@link PolicyException} line: {@code FILE:LINE: key 'KEY': PROBLEM}.
 *
 * <p>Keys are kebab-case; an unknown key at any level, a wrong type, an invalid word, size or
 * duration, a missing or conflicting key, and every rule of the builders is reported at the line
 * of the key concerned (a missing key: at its table's header). Relative host paths ({@code
 * source}, {@code host}, {@code *-file}) are taken from the policy file's directory. The parser
 * is tomlj (TOML 1.0), chosen because it keeps the position of every key and array element;
 * Jackson's TOML module builds a tree without them.
 *
 * <p>The schema, key by key, with types and defaults, is in {@code capabilities/POLICY.md}; the
 * defaults are also tabled on {@link Policy}.
 */
public final class PolicyReader {
  private static final ImmutableMap<String, FdNumbering> FD_NUMBERING =
      ImmutableMap.of("lowest", FdNumbering.LOWEST_FREE, "random", FdNumbering.RANDOM);

  private final PolicySource source;
  private final TomlTable root;

  private PolicyReader(PolicySource source, TomlTable root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Reads the policy in {@code file} (UTF-8); errors name the file as given.
   *
   * @throws PolicyException if the file cannot be read or is not a valid policy
   */
  public static Policy read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PolicyException(file.toString(), 0, null, "cannot read: no such file", e);
    } catch (CharacterCodingException e) {
      throw new PolicyException(file.toString(), 0, null, "cannot read: not UTF-8 text", e);
    } catch (IOException e) {
      throw new PolicyException(file.toString(), 0, null, "cannot read: " + e, e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return read(text, dir, file.toString());
  }

  /**
   * Reads a policy from {@code toml}.
   *
   * @param baseDir the directory relative host paths are taken from
   * @param fileNameForErrors the name errors give the source
   * @throws PolicyException if {@code toml} is not a valid policy
   */
  public static Policy read(String toml, Path baseDir, String fileNameForErrors) {
    TomlParseResult result = Toml.parse(toml);
    if (result.hasErrors()) {
      TomlParseError first = result.errors().get(0);
      throw new PolicyException(
          fileNameForErrors, first.position().line(), null, "invalid TOML: " + first.getMessage());
    }
    return new PolicyReader(new PolicySource(fileNameForErrors, baseDir, toml), result).policy();
  }

  private Policy policy() {
    TomlSection top = new TomlSection(source, root, KeyPath.root());
    top.allowOnly("argv0", "args", "env", "stdio", "clocks", "random", "mount", "export", "limits");
    Policy.Builder b = Policy.builder();
    b.argv0(top.string("argv0"));
    set(top.strings("args"), b::args);
    set(top.table("env"), s -> b.env(env(s)));
    set(top.table("stdio"), s -> b.stdio(stdio(s)));
    set(top.table("clocks"), s -> b.clocks(clocks(s)));
    set(top.table("random"), s -> b.random(random(s)));
    List<TomlSection> mounts = top.tables("mount");
    for (int i = 0; i < mounts.size(); i++) {
      b.addMount(mount(mounts.get(i), i));
    }
    List<TomlSection> exports = top.tables("export");
    for (int i = 0; i < exports.size(); i++) {
      b.addExport(export(exports.get(i), i));
    }
    set(top.table("limits"), s -> b.limits(limits(s)));
    return located(b::build);
  }

  private EnvPolicy env(TomlSection s) {
    s.allowOnly("vars", "inherit");
    EnvPolicy.Builder b = EnvPolicy.builder();
    set(s.stringTable("vars"), b::vars);
    set(s.strings("inherit"), b::inherit);
    return located(b::build);
  }

  private StdioPolicy stdio(TomlSection s) {
    s.allowOnly(
        "stdin", "stdin-file", "stdout", "stdout-file", "stdout-limit", "stderr", "stderr-file",
        "stderr-limit");
    ImmutableMap<String, OutputMode> outputs = TomlSection.words(OutputMode.class);
    StdioPolicy.Builder b = StdioPolicy.builder();
    set(s.keyword("stdin", TomlSection.words(StdinMode.class)), b::stdin);
    b.stdinFile(s.path("stdin-file"));
    set(s.keyword("stdout", outputs), b::stdout);
    b.stdoutFile(s.path("stdout-file"));
    b.stdoutLimit(s.size("stdout-limit"));
    set(s.keyword("stderr", outputs), b::stderr);
    b.stderrFile(s.path("stderr-file"));
    b.stderrLimit(s.size("stderr-limit"));
    return located(b::build);
  }

  private ClockPolicy clocks(TomlSection s) {
    s.allowOnly(
        "realtime", "realtime-start", "realtime-step", "monotonic", "monotonic-start",
        "monotonic-step", "cpu-time", "resolution");
    ImmutableMap<String, ClockMode> modes = TomlSection.words(ClockMode.class);
    ClockPolicy.Builder b = ClockPolicy.builder();
    set(s.keyword("realtime", modes), b::realtime);
    b.realtimeStart(s.epochNanos("realtime-start"));
    b.realtimeStep(s.duration("realtime-step"));
    set(s.keyword("monotonic", modes), b::monotonic);
    b.monotonicStart(s.nanos("monotonic-start"));
    b.monotonicStep(s.duration("monotonic-step"));
    set(s.keyword("cpu-time", TomlSection.words(CpuTimeMode.class)), b::cpuTime);
    b.resolution(s.duration("resolution"));
    return located(b::build);
  }

  private RandomPolicy random(TomlSection s) {
    s.allowOnly("source", "seed");
    RandomPolicy.Builder b = RandomPolicy.builder();
    set(s.keyword("source", TomlSection.words(RandomSource.class)), b::source);
    b.seed(s.integer("seed"));
    return located(b::build);
  }

  private MountSpec mount(TomlSection s, int index) {
    s.allowOnly("guest", "type", "source", "quota-bytes", "quota-inodes");
    MountSpec.Builder b = MountSpec.builder();
    set(s.string("guest"), b::guest);
    set(s.keyword("type", TomlSection.words(MountType.class)), b::type);
    b.source(s.path("source"));
    b.quotaBytes(s.size("quota-bytes"));
    b.quotaInodes(s.integer("quota-inodes"));
    return located(b::build, KeyPath.of("mount"), KeyPath.of("mount").index(index));
  }

  private ExportSpec export(TomlSection s, int index) {
    s.allowOnly("guest", "host", "max-bytes", "symlinks");
    ExportSpec.Builder b = ExportSpec.builder();
    set(s.string("guest"), b::guest);
    set(s.path("host"), b::host);
    set(s.size("max-bytes"), b::maxBytes);
    set(s.keyword("symlinks", TomlSection.words(SymlinkHandling.class)), b::symlinks);
    return located(b::build, KeyPath.of("export"), KeyPath.of("export").index(index));
  }

  private Limits limits(TomlSection s) {
    s.allowOnly(
        "memory", "wall-time", "cpu-time", "output", "open-files", "path-length", "name-length",
        "fd-numbering");
    Limits.Builder b = Limits.builder();
    set(s.size("memory"), b::memory);
    set(s.duration("wall-time"), b::wallTime);
    set(s.duration("cpu-time"), b::cpuTime);
    set(s.size("output"), b::output);
    set(s.integer("open-files"), b::openFiles);
    set(s.integer("path-length"), b::pathLength);
    set(s.integer("name-length"), b::nameLength);
    set(s.keyword("fd-numbering", FD_NUMBERING), b::fdNumbering);
    return located(b::build);
  }

  /** Calls {@code setter} if the file gave a value, so that the builder keeps its default otherwise. */
  private static <T> void set(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private <T> T located(Supplier<T> build) {
    return located(build, KeyPath.root(), KeyPath.root());
  }

  /**
   * Runs {@code build}, turning its {@link PolicyKeyException} into a {@link PolicyException} at
   * the line of the key (its key path rebased from {@code prefix} to {@code actual}).
   */
  private <T> T located(Supplier<T> build, KeyPath prefix, KeyPath actual) {
    try {
      return build.get();
    } catch (PolicyKeyException e) {
      KeyPath key = e.key().rebase(prefix, actual);
      throw new PolicyException(source.file(), lineOf(key), key, e.problem(), e);
    }
  }

  /** The line of {@code key}, or of its nearest ancestor the file names, or 1. */
  private int lineOf(KeyPath key) {
    Object node = root;
    int line = 1;
    for (Object segment : key.segments()) {
      if (segment instanceof String && node instanceof TomlTable) {
        List<String> name = List.of((String) segment);
        TomlPosition at = ((TomlTable) node).inputPositionOf(name);
        if (at == null) {
          break;
        }
        line = at.line();
        node = ((TomlTable) node).get(name);
      } else if (segment instanceof Integer
          && node instanceof TomlArray
          && (Integer) segment < ((TomlArray) node).size()) {
        line = source.lineOf((TomlArray) node, (Integer) segment);
        node = ((TomlArray) node).get((Integer) segment);
      } else {
        break;
      }
    }
    return line;
  }
}
