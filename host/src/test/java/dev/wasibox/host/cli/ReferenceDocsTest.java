package dev.wasibox.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.policy.ClockPolicy;
import dev.wasibox.capabilities.policy.Durations;
import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.Limits;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.OutputMode;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.PolicyException;
import dev.wasibox.capabilities.policy.PolicyReader;
import dev.wasibox.capabilities.policy.Sizes;
import dev.wasibox.host.export.Exporter;
import dev.wasibox.host.judge.CaseResult;
import dev.wasibox.host.judge.CaseVerdict;
import dev.wasibox.host.judge.JudgeReport;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.policy.PolicyRuntime;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code docs/CLI.md} and {@code docs/POLICY.md} against the code: every option, exit status and
 * report field, every policy key and word, the defaults, and every example command line. The
 * lists come from the code (picocli's model, {@link ExitCodes}, the reports themselves, the policy
 * reader's own "allowed" messages), never from a copy in this test.
 */
class ReferenceDocsTest {
  private static final String BOGUS = "bogus-key-for-docs";

  private static String cliMd() throws IOException {
    return Files.readString(Cli.repo().resolve("docs/CLI.md"));
  }

  private static String policyMd() throws IOException {
    return Files.readString(Cli.repo().resolve("docs/POLICY.md"));
  }

  private static HostStreams host() {
    return new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), false);
  }

  private static List<CommandSpec> commands() {
    CommandLine cli = Main.commandLine(host());
    List<CommandSpec> out = new ArrayList<>();
    out.add(cli.getCommandSpec());
    cli.getSubcommands().values().forEach(c -> out.add(c.getCommandSpec()));
    return out;
  }

  // ---------------------------------------------------------------- CLI.md

  @Test
  void cliMd_everyOption_isDocumented() throws IOException {
    String doc = cliMd();
    List<String> missing = new ArrayList<>();
    for (CommandSpec c : commands()) {
      for (OptionSpec o : c.options()) {
        for (String name : o.names()) {
          if (!doc.contains("`" + name + "`")) {
            missing.add(c.qualifiedName() + " " + name);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void cliMd_everyDocumentedOption_exists() throws IOException {
    TreeSet<String> options = new TreeSet<>();
    commands().forEach(c -> c.options().forEach(o -> options.addAll(List.of(o.names()))));
    TreeSet<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("`(--?[a-zA-Z][a-z-]*)`").matcher(cliMd());
    while (m.find()) {
      documented.add(m.group(1));
    }
    documented.removeAll(options);
    assertEquals(new TreeSet<>(), documented);
  }

  @Test
  void cliMd_everyExitStatus_isInATable() throws IOException, IllegalAccessException {
    String doc = cliMd();
    List<String> missing = new ArrayList<>();
    for (Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        int code = f.getInt(null);
        if (!doc.contains("\n| " + code + " | ")) {
          missing.add(f.getName() + " = " + code);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void cliMd_everyRunReportField_isInTheTable() throws Exception {
    Policy capturing = Policy.builder().editStdio(s -> s.stdout(OutputMode.CAPTURE).stderr(OutputMode.CAPTURE)).build();
    Map<String, Object> report;
    try (PreparedRun p = new PolicyRuntime(host()).prepare(capturing, "m.wasm")) {
      PreparedRun.ExportResult export =
          new PreparedRun.ExportResult(ExportSpec.of("/o", Path.of("/tmp/o")), new Exporter.Summary(1, 1, 0, 1, List.of("x")));
      report = Reports.run(2, new RunResult(Verdict.OK, 0, null, 1, 1, 1, 1, 1), p, List.of(export), "failed");
    }
    assertEquals(List.of(), undocumentedFields(report, cliMd()));
  }

  @Test
  void cliMd_everyJudgeReportField_isInTheTable() throws IOException {
    JudgeReport report = new JudgeReport(List.of(new CaseResult("1", CaseVerdict.WA, 1, 1, 1, 0, "token 1 differs")));
    assertEquals(List.of(), undocumentedFields(report.toJson(), cliMd()));
  }

  @Test
  void cliMd_everyVerdict_isNamed() throws IOException {
    String doc = cliMd();
    List<String> missing = new ArrayList<>();
    Stream.concat(Stream.of(Verdict.values()).map(Enum::name), Stream.of(CaseVerdict.values()).map(Enum::name))
        .filter(v -> !doc.contains("`" + v + "`"))
        .forEach(missing::add);
    assertEquals(List.of(), missing);
  }

  /** Fields of {@code json} (nested ones as {@code outer[].inner}) with no table row in {@code doc}. */
  @SuppressWarnings("unchecked")
  private static List<String> undocumentedFields(Map<String, Object> json, String doc) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      if (!doc.contains("\n| `" + e.getKey() + "` | ")) {
        missing.add(e.getKey());
      }
      if (e.getValue() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> inner) {
        for (String k : ((Map<String, Object>) inner).keySet()) {
          if (!doc.contains("\n| `" + e.getKey() + "[]." + k + "` | ")) {
            missing.add(e.getKey() + "[]." + k);
          }
        }
      }
    }
    return missing;
  }

  /** Every {@code wasibox ...} line of CLI.md's code blocks and of the help texts parses. */
  @Test
  void cliMd_everyExampleCommandLine_parses() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inCode = false;
    for (String line : cliMd().lines().toList()) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (inCode && (line.startsWith("wasibox ") || line.startsWith("$ wasibox "))) {
        lines.add(line.startsWith("$ ") ? line.substring(2) : line);
      }
    }
    for (CommandSpec c : commands()) {
      for (String line : c.usageMessage().footer()) {
        if (line.trim().startsWith("wasibox ")) {
          lines.add(line.trim());
        }
      }
    }
    assertTrue(lines.size() >= 12, "found only " + lines);
    List<String> failing = new ArrayList<>();
    for (String line : lines) {
      List<String> words = shellWords(line);
      try {
        Main.commandLine(host()).parseArgs(words.subList(1, words.size()).toArray(new String[0]));
      } catch (CommandLine.ParameterException e) {
        failing.add(line + "  -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), failing);
  }

  /** Splits a shell command line: quotes, backslash escapes, and a trailing comment. */
  private static List<String> shellWords(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (c == '\\' && i + 1 < line.length()) {
        word = word == null ? new StringBuilder() : word;
        word.append(line.charAt(++i));
      } else if (c == '#' && word == null) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  // ---------------------------------------------------------------- POLICY.md

  /** The problem of reading {@code toml}, or null if it is a valid policy. */
  private static PolicyException error(String toml) {
    try {
      PolicyReader.read(toml, Path.of("").toAbsolutePath(), "p.toml");
      return null;
    } catch (PolicyException e) {
      return e;
    }
  }

  /** The keys the reader allows where {@code header} opens a table ("" for the top level). */
  private static List<String> allowedKeys(String header) {
    PolicyException e = error(header + "\n" + BOGUS + " = 1\n");
    Matcher m = Pattern.compile("unknown key \\(allowed: (.*)\\)").matcher(e == null ? "" : e.problem());
    return m.matches() ? List.of(m.group(1).split(", ")) : List.of();
  }

  /** Every section of the format: its TOML header ("" for the top level) and its keys, in order. */
  private static Map<String, List<String>> sections() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> top = allowedKeys("");
    assertTrue(top.size() >= 9, "top-level keys: " + top);
    out.put("", top);
    for (String key : top) {
      List<String> table = allowedKeys("[" + key + "]");
      List<String> array = allowedKeys("[[" + key + "]]");
      if (!table.isEmpty()) {
        out.put("[" + key + "]", table);
      } else if (!array.isEmpty()) {
        out.put("[[" + key + "]]", array);
      }
    }
    return out;
  }

  /** The table rows of POLICY.md's section for {@code header}, up to the next heading. */
  private static List<String> rows(String doc, String header) {
    String heading = header.isEmpty() ? "### Top level" : "### `" + header + "`";
    int at = doc.indexOf("\n" + heading);
    assertTrue(at >= 0, "no heading " + heading);
    int end = doc.indexOf("\n#", at + 1);
    String body = doc.substring(at, end < 0 ? doc.length() : end);
    return body.lines().filter(l -> l.startsWith("| `")).toList();
  }

  private static String row(String doc, String header, String key) {
    return rows(doc, header).stream().filter(r -> r.startsWith("| `" + key + "` |")).findFirst().orElse(null);
  }

  @Test
  void policyMd_everyKey_hasARowInItsSection() throws IOException {
    String doc = policyMd();
    Map<String, List<String>> sections = sections();
    assertTrue(sections.size() >= 8, "sections: " + sections.keySet());
    List<String> missing = new ArrayList<>();
    sections.forEach((header, keys) -> keys.stream().filter(k -> row(doc, header, k) == null).forEach(k -> missing.add(header + " " + k)));
    assertEquals(List.of(), missing);
  }

  @Test
  void policyMd_everyRow_isAKey() throws IOException {
    String doc = policyMd();
    List<String> extra = new ArrayList<>();
    sections().forEach((header, keys) -> {
      for (String r : rows(doc, header)) {
        String key = r.substring(3, r.indexOf('`', 3));
        if (!keys.contains(key)) {
          extra.add(header + " " + key);
        }
      }
    });
    assertEquals(List.of(), extra);
  }

  /** The words a key accepts, found by giving it a bad one; empty for a key that takes no word. */
  private static List<String> words(String header, String key) {
    PolicyException e = error(header + "\n" + key + " = \"" + BOGUS + "\"\n");
    String problem = e == null ? "" : e.problem();
    if (!problem.startsWith("\"" + BOGUS + "\" is not one of ")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(problem.substring(BOGUS.length() + 2));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void policyMd_everyWordOfEveryKey_isInItsRow() throws IOException {
    String doc = policyMd();
    List<String> missing = new ArrayList<>();
    int keywords = 0;
    for (Map.Entry<String, List<String>> s : sections().entrySet()) {
      for (String key : s.getValue()) {
        List<String> words = words(s.getKey(), key);
        keywords += words.isEmpty() ? 0 : 1;
        String row = row(doc, s.getKey(), key);
        for (String w : words) {
          if (row == null || !row.contains("`\"" + w + "\"`")) {
            missing.add(s.getKey() + " " + key + " = \"" + w + "\"");
          }
        }
      }
    }
    assertTrue(keywords >= 10, "found only " + keywords + " keys that take words");
    assertEquals(List.of(), missing);
  }

  @Test
  void policyMd_defaults_matchTheCode() throws IOException {
    String doc = policyMd();
    Limits l = Limits.defaults();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("[limits] memory", "`\"" + Sizes.format(l.memory()) + "\"`");
    expected.put("[limits] wall-time", "`\"" + Durations.format(l.wallTime()) + "\"`");
    expected.put("[limits] cpu-time", "`\"" + Durations.format(l.cpuTime()) + "\"`");
    expected.put("[limits] output", "`\"" + Sizes.format(l.output()) + "\"`");
    expected.put("[limits] open-files", "`" + l.openFiles() + "`");
    expected.put("[limits] path-length", "`" + l.pathLength() + "`");
    expected.put("[limits] name-length", "`" + l.nameLength() + "`");
    expected.put("[limits] fd-numbering", "`\"lowest\"`");
    expected.put("[[mount]] quota-bytes", "`\"" + Sizes.format(MountSpec.DEFAULT_QUOTA_BYTES) + "\"`");
    expected.put("[[mount]] quota-inodes", "`" + MountSpec.DEFAULT_QUOTA_INODES + "`");
    expected.put("[[export]] max-bytes", "`\"" + Sizes.format(ExportSpec.DEFAULT_MAX_BYTES) + "\"`");
    expected.put("[[export]] symlinks", "`\"refuse\"`");
    expected.put("[clocks] realtime-step", "`\"" + Durations.format(ClockPolicy.DEFAULT_STEP) + "\"`");
    expected.put("[clocks] monotonic-step", "`\"" + Durations.format(ClockPolicy.DEFAULT_STEP) + "\"`");
    expected.put("[clocks] realtime", "`\"real\"`");
    expected.put("[stdio] stdin", "`\"none\"`");
    expected.put("[stdio] stdout", "`\"inherit\"`");
    expected.put("[random] source", "`\"real\"`");
    List<String> wrong = new ArrayList<>();
    expected.forEach((where, value) -> {
      String[] hk = where.split(" ");
      String row = row(doc, hk[0], hk[1]);
      String[] cells = row == null ? new String[0] : row.split(" \\| ");
      // | key | type | default | ...: the default is the third cell.
      if (cells.length < 3 || !cells[2].startsWith(value)) {
        wrong.add(where + ": wants " + value + " in " + row);
      }
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void policyMd_everyExample_isListed() throws IOException {
    String doc = policyMd();
    try (Stream<Path> files = Files.list(Cli.repo().resolve("policy-examples"))) {
      List<String> missing =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).filter(n -> !doc.contains("| `" + n + "` |")).toList();
      assertEquals(List.of(), missing);
    }
  }

  /** Every run flag that changes the policy has a row in "Command-line flags over a file". */
  @Test
  void policyMd_everyPolicyFlag_isInTheFlagTable() throws IOException {
    String doc = policyMd();
    String table = doc.substring(doc.indexOf("## Command-line flags over a file"));
    List<String> notPolicy = List.of("--policy", "--report", "--engine", "--no-cache", "-h", "--help");
    CommandSpec run = Main.commandLine(host()).getSubcommands().get("run").getCommandSpec();
    List<String> missing = new ArrayList<>();
    for (OptionSpec o : run.options()) {
      String name = o.longestName();
      if (!notPolicy.contains(name) && !table.contains("\n| `" + name + " ")) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing);
  }
}
