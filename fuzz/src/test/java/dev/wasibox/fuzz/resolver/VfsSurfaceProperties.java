package dev.wasibox.fuzz.resolver;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.fuzz.gen.PathGen;
import dev.wasibox.fuzz.gen.RawPath;
import dev.wasibox.fuzz.gen.TreeSpec;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Opened;
import dev.wasibox.vfs.Vfs;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Every {@link Vfs} entry point, called with the resolver check's paths (and with arbitrary Java
 * strings, lone surrogates and NULs included, where a method takes text), throws nothing but
 * {@link WasiException}. Fixture: {@link ResolverFixture}, fresh per try.
 */
class VfsSurfaceProperties {
  /** One call: which entry point, its path, a second path, a flag, the oflags, and some text. */
  record Call(int which, RawPath path, RawPath other, boolean follow, int oflags, String text) {}

  @Provide
  Arbitrary<TreeSpec> trees() {
    return TreeSpec.trees(16);
  }

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(3, PathGen.targets()),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
            Tuple.of(1, Arbitraries.of("\uD800", "a\uDC00/b", "\0", "/", "", "x\uD83D\uDE00")));
    return Combinators.combine(
            Arbitraries.integers().between(0, 12), PathGen.paths(), PathGen.paths(),
            Arbitraries.of(true, false), Arbitraries.integers().between(0, 15), text)
        .as(Call::new)
        .withoutEdgeCases()
        .list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 1500)
  void everyEntryPoint_throwsOnlyWasiException(@ForAll("trees") TreeSpec tree, @ForAll("calls") List<Call> calls) {
    ResolverFixture f = new ResolverFixture(tree);
    Vfs vfs = Vfs.withDefaults();
    DirectoryNode root = f.sandbox;
    for (Call c : calls) {
      String name = switch (c.which()) {
        case 0 -> "node";
        case 1 -> "stat";
        case 2 -> "open";
        case 3 -> "readlink";
        case 4 -> "readdir";
        case 5 -> "setTimes";
        case 6 -> "createDirectory";
        case 7 -> "unlinkFile";
        case 8 -> "removeDirectory";
        case 9 -> "rename";
        case 10 -> "link";
        case 11 -> "symlink";
        default -> "parse(String)";
      };
      try {
        switch (c.which()) {
          case 0 -> vfs.node(root, vfs.parse(c.path().bytes()), c.follow());
          case 1 -> vfs.stat(root, vfs.parse(c.path().bytes()), c.follow());
          case 2 -> {
            Opened o = vfs.open(root, vfs.parse(c.path().bytes()), c.follow(), OpenFlags.fromBits(c.oflags()), true, (c.oflags() & 1) != 0);
            if (o.file() != null) {
              o.file().close();
            }
          }
          case 3 -> vfs.readlink(root, vfs.parse(c.path().bytes()));
          case 4 -> {
            Node n = vfs.node(root, vfs.parse(c.path().bytes()), c.follow());
            if (n instanceof DirectoryNode d) {
              vfs.readdir(d);
            }
          }
          case 5 -> vfs.setTimes(root, vfs.parse(c.path().bytes()), c.follow(), 1, Node.OMIT);
          case 6 -> vfs.createDirectory(root, vfs.parse(c.path().bytes()));
          case 7 -> vfs.unlinkFile(root, vfs.parse(c.path().bytes()));
          case 8 -> vfs.removeDirectory(root, vfs.parse(c.path().bytes()));
          case 9 -> vfs.rename(root, vfs.parse(c.path().bytes()), root, vfs.parse(c.other().bytes()));
          case 10 -> vfs.link(root, vfs.parse(c.path().bytes()), c.follow(), root, vfs.parse(c.other().bytes()));
          case 11 -> vfs.symlink(c.text(), root, vfs.parse(c.path().bytes()));
          default -> GuestPath.parse(c.text(), vfs.resolver().limits());
        }
        Statistics.label("outcome").collect(name + " ok");
      } catch (WasiException e) {
        Statistics.label("outcome").collect(name + " " + e.errno().name());
      } catch (RuntimeException | Error e) {
        throw new AssertionError(name + " of " + c + " threw " + e + "; only WasiException may leave vfs", e);
      }
    }
  }
}
