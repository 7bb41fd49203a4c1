package dev.wasibox.fuzz.gen;

import dev.wasibox.fuzz.model.MDir;
import dev.wasibox.fuzz.model.MFile;
import dev.wasibox.fuzz.model.MLink;
import dev.wasibox.fuzz.model.MNode;
import dev.wasibox.fuzz.model.ModelTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A tree to plant under the volume root, as lines a reader (and a regression {@code @Example})
 * can read, one entry each, parents first:
 *
 * <pre>
 * sandbox/a/                 a directory (trailing slash)
 * sandbox/a/f = hi           a file and its content
 * sandbox/l -> ../outside    a symlink and its target, verbatim
 * </pre>
 *
 * <p>{@code c{N}} stands for the character {@code c} repeated N times. {@code sandbox/}, {@code
 * outside/} and {@code outside/secret} always exist ({@link ModelTree}).
 */
public record TreeSpec(List<String> lines) {
  private static final Pattern REPEAT = Pattern.compile("(.)\\{(\\d+)\\}");

  /** The first link of the chain some trees have ({@code c0 -> c1 -> ... -> cN -> target}). */
  public static final String CHAIN_START = "c0";

  /** What one generated entry is. */
  enum Kind {
    DIR,
    FILE,
    LINK
  }

  /** One generated entry: its parent as an index into the directories made so far. */
  record Entry(int parent, String name, Kind kind, String data) {}

  public static TreeSpec of(String... lines) {
    return new TreeSpec(List.of(lines));
  }

  /**
   * Random trees: up to {@code maxEntries} directories, files and symlinks (most of them links)
   * spread over {@code sandbox}, {@code outside} and the directories made before.
   */
  public static Arbitrary<TreeSpec> trees(int maxEntries) {
    return trees(maxEntries, 3, 2, 6);
  }

  /** Random trees with the given weights of directories, files and symlinks. */
  public static Arbitrary<TreeSpec> trees(int maxEntries, int dirs, int files, int links) {
    Arbitrary<Entry> entry =
        Combinators.combine(
                Arbitraries.integers().between(0, 50),
                PathGen.names(),
                Arbitraries.frequency(Tuple.of(dirs, Kind.DIR), Tuple.of(files, Kind.FILE), Tuple.of(links, Kind.LINK)),
                PathGen.targets(),
                Arbitraries.strings().withChars("xyz").ofMaxLength(4))
            .as((p, name, kind, target, content) -> new Entry(p, name, kind, kind == Kind.LINK ? target : content))
            .withoutEdgeCases();
    // A quarter of the trees also get a chain of 36 to 44 links in sandbox/, so that resolutions
    // reach the 40-expansion limit from both sides without looping.
    Arbitrary<List<String>> chain =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(List.<String>of())),
            Tuple.of(1, Combinators.combine(Arbitraries.integers().between(36, 44), Arbitraries.of("a", ".", "..", "b/", "l"))
                .as(TreeSpec::chain)));
    return Combinators.combine(entry.list().ofMaxSize(maxEntries), chain)
        .as((entries, chainLines) -> {
          TreeSpec t = fromEntries(entries);
          List<String> lines = new ArrayList<>(t.lines());
          lines.addAll(chainLines);
          return new TreeSpec(List.copyOf(lines));
        });
  }

  /** Lines for {@code sandbox/c0 -> c1 -> ... -> c(n-1) -> target}: n links, n expansions. */
  static List<String> chain(int n, String target) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("sandbox/c" + i + " -> " + (i == n - 1 ? target : "c" + (i + 1)));
    }
    return lines;
  }

  private static TreeSpec fromEntries(List<Entry> entries) {
    List<String> dirs = new ArrayList<>(List.of("sandbox", "outside"));
    List<String> taken = new ArrayList<>(List.of("outside/secret"));
    List<String> lines = new ArrayList<>();
    for (Entry e : entries) {
      // Half the entries go straight into the sandbox, a sixth into outside, the rest anywhere.
      int pick = e.parent();
      String parent = dirs.get(pick < 25 ? 0 : pick < 33 ? 1 : pick % dirs.size());
      String path = parent + "/" + e.name();
      if (taken.contains(path)) {
        continue;
      }
      taken.add(path);
      switch (e.kind()) {
        case DIR -> {
          dirs.add(path);
          lines.add(path + "/");
        }
        case FILE -> lines.add(path + " = " + e.data());
        case LINK -> lines.add(path + " -> " + e.data());
      }
    }
    return new TreeSpec(lines.stream().map(TreeSpec::abbreviate).toList());
  }

  /** Builds the model tree these lines describe. */
  public ModelTree build() {
    ModelTree tree = new ModelTree();
    for (String line : lines) {
      String text = expand(line);
      int arrow = text.indexOf(" -> ");
      int equals = text.indexOf(" = ");
      String path;
      MNode node;
      if (arrow >= 0) {
        path = text.substring(0, arrow);
        node = new MLink(text.substring(arrow + 4));
      } else if (equals >= 0) {
        path = text.substring(0, equals);
        MFile f = new MFile();
        f.content = text.substring(equals + 3).getBytes(StandardCharsets.UTF_8);
        f.links = 1;
        node = f;
      } else if (text.endsWith("/")) {
        path = text.substring(0, text.length() - 1);
        node = new MDir();
      } else {
        throw new IllegalArgumentException("not a tree line: " + line);
      }
      String[] parts = path.split("/");
      MDir dir = tree.root;
      for (int i = 0; i < parts.length - 1; i++) {
        dir = (MDir) dir.entries.get(parts[i]);
      }
      dir.entries.put(parts[parts.length - 1], node);
    }
    return tree;
  }

  private static String expand(String line) {
    Matcher m = REPEAT.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String abbreviate(String line) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      int run = 1;
      while (i + run < line.length() && line.charAt(i + run) == line.charAt(i)) {
        run++;
      }
      sb.append(line.charAt(i));
      if (run > 8) {
        sb.append('{').append(run).append('}');
      } else {
        sb.append(String.valueOf(line.charAt(i)).repeat(run - 1));
      }
      i += run;
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TreeSpec.of(");
    for (int i = 0; i < lines.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(lines.get(i).replace("\0", "\\0")).append('"');
    }
    return sb.append(')').toString();
  }
}
