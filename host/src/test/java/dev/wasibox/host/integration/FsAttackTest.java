package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fs_attack --expect} (attack-corpus.md sections A-E, F05, F11, G03 and the LEAK sweep Z01)
 * against all four preopens with every host-planted fixture the README lists, so that no case
 * skips. Every line must pass its own {@code expect=} alternatives (the guest source is the
 * authority on them), nothing may read HOST-SECRET, and nothing outside the mounts may change.
 *
 * <pre>
 * memory volume 1                       host: base/
 *   secret.txt = "HOST-SECRET"            outside/
 *   outside/                                secret.txt = "HOST-SECRET"
 *     secret.txt = "HOST-SECRET"            dir/
 *     dir/                                host/
 *     inner_link -> secret.txt                secret.txt = "HOST-SECRET"   parent of /ro and /ov (Z01)
 *   sandbox/            /sandbox              ro/                        /ro (host-ro)
 *     esc -> ../outside                         r.txt = "readonly"
 *     abs -> /etc                               rdir/
 * memory volume 2                                 x = "x"
 *   secret.txt = "HOST-SECRET"                    up -> ../..
 *   other/              /other                  rlink -> /etc/passwd
 *                                               rrel -> ../../outside/secret.txt
 *                                             ov/                        /ov (overlay lower)
 *                                               lfile = "lower"
 *                                               ldir/
 *                                                 lchild = "lc"
 *                                               lsym -> lfile
 *                                               lesc -> ../../outside/secret.txt
 * </pre>
 */
class FsAttackTest {
  private static final String SECRET = Backend.SECRET;
  private static final RunLimits LIMITS =
      RunLimits.DEFAULT.withWallTime(Duration.ofSeconds(60)).withCpuTime(Duration.ofSeconds(60));

  /** The outside of memory volume 1: must look the same after the run. */
  private static final Tree MEMORY_OUTSIDE =
      Tree.of(
          Tree.file("secret.txt", SECRET),
          Tree.dir("outside"),
          Tree.file("outside/secret.txt", SECRET),
          Tree.dir("outside/dir"),
          Tree.link("outside/inner_link", "secret.txt"),
          Tree.dir("sandbox"),
          Tree.link("sandbox/esc", "../outside"),
          Tree.link("sandbox/abs", "/etc"));

  private static final Tree HOST =
      Tree.of(
          Tree.dir("outside"),
          Tree.file("outside/secret.txt", SECRET),
          Tree.dir("outside/dir"),
          Tree.dir("host"),
          Tree.file("host/secret.txt", SECRET),
          Tree.dir("host/ro"),
          Tree.file("host/ro/r.txt", "readonly"),
          Tree.dir("host/ro/rdir"),
          Tree.file("host/ro/rdir/x", "x"),
          Tree.link("host/ro/rdir/up", "../.."),
          Tree.link("host/ro/rlink", "/etc/passwd"),
          Tree.link("host/ro/rrel", "../../outside/secret.txt"),
          Tree.dir("host/ov"),
          Tree.file("host/ov/lfile", "lower"),
          Tree.dir("host/ov/ldir"),
          Tree.file("host/ov/ldir/lchild", "lc"),
          Tree.link("host/ov/lsym", "lfile"),
          Tree.link("host/ov/lesc", "../../outside/secret.txt"));

  /**
   * Sub-lines that print {@code skip} by design when the line before them was (correctly) refused:
   * B30.2 follows the 80000-byte symlink only if B30.1 created it; D04.7 writes only if D04.6
   * opened the file (it cannot: the nested directory got no {@code PATH_OPEN}).
   */
  private static final Set<String> CONDITIONAL_SKIPS = Set.of("B30.2", "D04.7");

  /**
   * What one run printed and changed outside the guest's reach.
   *
   * @param problems stdout lines that are not {@code ID RESULT expect=ALT}
   * @param outsideChanges every difference in the host base directory, in memory volume 1 outside
   *     {@code sandbox/} and in memory volume 2 outside {@code other/}: must be empty
   */
  record Attack(RunHarness.Run run, List<ExpectLine> lines, List<String> problems, List<String> outsideChanges) {}

  private static Attack attack;

  @BeforeAll
  static void runOnce(@TempDir Path base) throws Exception {
    attack = runFsAttack(base, List.of());
  }

  static Attack runFsAttack(Path base, List<String> selectors) throws Exception {
    HOST.plantOnHost(base);
    HostTreeSnapshot hostBefore = HostTreeSnapshot.of(base);

    MemoryVolume sandboxVolume = MemoryVolume.create();
    MEMORY_OUTSIDE.plantWithSpi(sandboxVolume.root());
    String outsideBefore = outsideOfSandbox(sandboxVolume.root());
    MemoryVolume otherVolume = MemoryVolume.create();
    Tree.of(Tree.file("secret.txt", SECRET), Tree.dir("other")).plantWithSpi(otherVolume.root());

    List<String> args = new ArrayList<>();
    args.add("--expect");
    args.addAll(selectors);
    List<String> problems = new ArrayList<>();
    RunHarness.Run run;
    try (HostReadOnlyVolume ro = HostReadOnlyVolume.mount(base.resolve("host/ro"));
        HostReadOnlyVolume lower = HostReadOnlyVolume.mount(base.resolve("host/ov"))) {
      OverlayVolume ov = OverlayVolume.create(lower.root());
      run =
          RunHarness.run(
              "fs_attack",
              LIMITS,
              args,
              b ->
                  b.preopen("/sandbox", (DirectoryNode) sandboxVolume.root().lookup("sandbox"))
                      .preopen("/ro", ro.root())
                      .preopen("/ov", ov.root())
                      .preopen("/other", (DirectoryNode) otherVolume.root().lookup("other")));
    }
    List<ExpectLine> lines = new ArrayList<>();
    for (String line : run.stdout().lines().toList()) {
      try {
        lines.add(ExpectLine.parse(line));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    List<String> changes = new ArrayList<>(hostBefore.differences(HostTreeSnapshot.of(base)));
    String outsideAfter = outsideOfSandbox(sandboxVolume.root());
    if (!outsideAfter.equals(outsideBefore)) {
      changes.add("memory volume 1 outside sandbox/ was\n" + outsideBefore + "and is\n" + outsideAfter);
    }
    String otherOutside = VfsTree.dump(otherVolume.root()).replaceAll("(?m)^[dfl] other.*\n", "");
    if (!otherOutside.equals("f secret.txt \"HOST-SECRET\"\n")) {
      changes.add("memory volume 2 outside other/ is\n" + otherOutside);
    }
    return new Attack(run, lines, problems, changes);
  }

  /** Everything in memory volume 1 except the guest's own tree under {@code sandbox/}. */
  private static String outsideOfSandbox(DirectoryNode volumeRoot) {
    return VfsTree.dump(volumeRoot).replaceAll("(?m)^[dfl] sandbox/.*\n", "");
  }

  @Test
  void fsAttack_allPreopensAndPlantedFixtures_runEndsNormallyWithNothingOnStderr() {
    RunHarness.Run run = attack.run();
    assertAll(
        () -> assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString),
        () -> assertEquals(0, run.result().exitCode()),
        () -> assertEquals("", run.stderr()),
        () -> assertEquals(List.of(), attack.problems(), "lines that are not ID RESULT expect=ALT"));
  }

  @Test
  void fsAttack_everyLine_passesItsExpectation() {
    List<String> failing = new ArrayList<>();
    for (ExpectLine l : attack.lines()) {
      if (!l.passes()) {
        failing.add(l.id() + " " + l.result() + " expect=" + String.join("|", l.alternatives()));
      }
    }
    assertEquals(List.of(), failing, "lines whose result is not among their expect= alternatives");
  }

  @Test
  void fsAttack_everyCase_ranWithItsFixture() {
    List<String> skipped = new ArrayList<>();
    for (ExpectLine l : attack.lines()) {
      if (l.result().equals("skip") && !CONDITIONAL_SKIPS.contains(l.id())) {
        skipped.add(l.id());
      }
    }
    assertEquals(List.of(), skipped, "cases that skipped: a preopen or planted fixture is missing");
    List<String> ids = attack.lines().stream().map(ExpectLine::id).toList();
    for (String section : List.of("A01", "B34", "C18", "D16", "E09", "F05", "F11", "G03", "Z01", "D09", "D12")) {
      assertTrue(ids.stream().anyMatch(id -> id.startsWith(section)), section + " missing");
    }
  }

  @Test
  void fsAttack_wholeRun_leaksNothingAndEndsWithLeaksZero() {
    List<ExpectLine> lines = attack.lines();
    assertFalse(lines.isEmpty());
    ExpectLine last = lines.get(lines.size() - 1);
    assertEquals("END", last.id());
    assertEquals("leaks=0", last.result());
    assertFalse(attack.run().stdout().contains("LEAK"), "a line reports a LEAK");
    assertFalse(attack.run().stdout().contains(SECRET), "the secret reached stdout");
    assertTrue(lines.stream().anyMatch(l -> l.id().equals("Z01") && l.result().equals("ok")));
  }

  @Test
  void fsAttack_wholeRun_leavesHostAndOutsideTreesUnchanged() {
    assertEquals(List.of(), attack.outsideChanges());
  }

  /** The sections one at a time: a case must not depend on what earlier sections did. */
  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C", "D", "E", "F", "G", "Z"})
  void fsAttack_oneSection_passesAlone(String section, @TempDir Path base) throws Exception {
    Attack alone = runFsAttack(base, List.of(section));
    List<String> failing = new ArrayList<>();
    for (ExpectLine l : alone.lines()) {
      if (!l.passes()) {
        failing.add(l.id() + " " + l.result());
      }
    }
    assertAll(
        () -> assertEquals(0, alone.run().result().exitCode(), alone.run().result()::toString),
        () -> assertEquals(List.of(), failing),
        () -> assertEquals(List.of(), alone.outsideChanges()),
        () -> assertEquals("END", alone.lines().get(alone.lines().size() - 1).id()),
        () -> assertTrue(alone.lines().size() > 1, "section " + section + " printed nothing"));
  }
}
