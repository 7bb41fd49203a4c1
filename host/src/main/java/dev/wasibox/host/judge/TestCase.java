package dev.wasibox.host.judge;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test case: {@code NAME.in} with its answer {@code NAME.out} (or {@code NAME.ans}).
 *
 * @param name the common file name stem
 * @param input the input file
 * @param answer the expected-output file
 */
public record TestCase(String name, Path input, Path answer) {
  public TestCase {
    checkNotNull(name);
    checkNotNull(input);
    checkNotNull(answer);
  }

  /**
   * The test cases in {@code dir}, in natural order ({@code 2} before {@code 10}).
   *
   * @throws IOException if {@code dir} cannot be listed, holds no {@code .in} file, or an input
   *     has no answer (the message names it)
   */
  public static List<TestCase> discover(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("tests directory " + dir + " does not exist");
    }
    List<TestCase> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.in")) {
      for (Path in : files) {
        if (!Files.isRegularFile(in, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String file = in.getFileName().toString();
        String name = file.substring(0, file.length() - 3);
        Path answer = dir.resolve(name + ".out");
        if (!Files.isRegularFile(answer)) {
          answer = dir.resolve(name + ".ans");
        }
        if (!Files.isRegularFile(answer)) {
          throw new IOException("test " + name + " has no " + name + ".out or " + name + ".ans");
        }
        out.add(new TestCase(name, in, answer));
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no *.in files in " + dir);
    }
    out.sort((a, b) -> NaturalOrder.compare(a.name(), b.name()));
    return out;
  }
}
