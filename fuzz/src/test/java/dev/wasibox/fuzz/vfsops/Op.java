package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.PathGen;
import dev.wasibox.fuzz.gen.RawPath;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One step of a sequence: an {@link FsActions} call with its arguments. Each prints as the
 * factory call that recreates it ({@code Op.mkdir(0, "a")}), so that a shrunk sequence pastes
 * straight into a regression {@code @Example}.
 */
public sealed interface Op {
  /** Performs this step on {@code fs}; returns its outcome. */
  String apply(FsActions fs);

  // ---------------------------------------------------------------- the steps

  record Create(int start, RawPath path, boolean follow, boolean exclusive) implements Op {
    public String apply(FsActions fs) {
      return fs.create(start, path, follow, exclusive);
    }

    public String toString() {
      return call("create", start, path, follow, exclusive);
    }
  }

  record Write(int start, RawPath path, boolean follow, long offset, String data) implements Op {
    public String apply(FsActions fs) {
      return fs.write(start, path, follow, offset, data);
    }

    public String toString() {
      return call("write", start, path, follow, offset, data);
    }
  }

  record Truncate(int start, RawPath path, boolean follow, boolean write) implements Op {
    public String apply(FsActions fs) {
      return fs.truncate(start, path, follow, write);
    }

    public String toString() {
      return call("truncate", start, path, follow, write);
    }
  }

  record SetSize(int start, RawPath path, boolean follow, long size) implements Op {
    public String apply(FsActions fs) {
      return fs.setSize(start, path, follow, size);
    }

    public String toString() {
      return call("setSize", start, path, follow, size);
    }
  }

  record Open(int start, RawPath path, boolean follow, int oflags, boolean read, boolean write)
      implements Op {
    public String apply(FsActions fs) {
      return fs.open(start, path, follow, oflags, read, write);
    }

    public String toString() {
      return call("open", start, path, follow, oflags, read, write);
    }
  }

  record Readdir(int start, RawPath path, boolean follow) implements Op {
    public String apply(FsActions fs) {
      return fs.readdir(start, path, follow);
    }

    public String toString() {
      return call("readdir", start, path, follow);
    }
  }

  record Stat(int start, RawPath path, boolean follow) implements Op {
    public String apply(FsActions fs) {
      return fs.stat(start, path, follow);
    }

    public String toString() {
      return call("stat", start, path, follow);
    }
  }

  record Readlink(int start, RawPath path) implements Op {
    public String apply(FsActions fs) {
      return fs.readlink(start, path);
    }

    public String toString() {
      return call("readlink", start, path);
    }
  }

  record Mkdir(int start, RawPath path) implements Op {
    public String apply(FsActions fs) {
      return fs.mkdir(start, path);
    }

    public String toString() {
      return call("mkdir", start, path);
    }
  }

  record Rmdir(int start, RawPath path) implements Op {
    public String apply(FsActions fs) {
      return fs.rmdir(start, path);
    }

    public String toString() {
      return call("rmdir", start, path);
    }
  }

  record Unlink(int start, RawPath path) implements Op {
    public String apply(FsActions fs) {
      return fs.unlink(start, path);
    }

    public String toString() {
      return call("unlink", start, path);
    }
  }

  record Symlink(String target, int start, RawPath path) implements Op {
    public String apply(FsActions fs) {
      return fs.symlink(target, start, path);
    }

    public String toString() {
      return call("symlink", target, start, path);
    }
  }

  record Link(int start, RawPath from, boolean follow, int toStart, RawPath to) implements Op {
    public String apply(FsActions fs) {
      return fs.link(start, from, follow, toStart, to);
    }

    public String toString() {
      return call("link", start, from, follow, toStart, to);
    }
  }

  record Rename(int start, RawPath from, int toStart, RawPath to) implements Op {
    public String apply(FsActions fs) {
      return fs.rename(start, from, toStart, to);
    }

    public String toString() {
      return call("rename", start, from, toStart, to);
    }
  }

  record Hold(int start, RawPath path, boolean follow, boolean directory, boolean read, boolean write)
      implements Op {
    public String apply(FsActions fs) {
      return fs.hold(start, path, follow, directory, read, write);
    }

    public String toString() {
      return call("hold", start, path, follow, directory, read, write);
    }
  }

  record HandleWrite(int slot, long offset, String data) implements Op {
    public String apply(FsActions fs) {
      return fs.handleWrite(slot, offset, data);
    }

    public String toString() {
      return call("handleWrite", slot, offset, data);
    }
  }

  record HandleRead(int slot) implements Op {
    public String apply(FsActions fs) {
      return fs.handleRead(slot);
    }

    public String toString() {
      return call("handleRead", slot);
    }
  }

  record HandleSetSize(int slot, long size) implements Op {
    public String apply(FsActions fs) {
      return fs.handleSetSize(slot, size);
    }

    public String toString() {
      return call("handleSetSize", slot, size);
    }
  }

  record HandleStat(int slot) implements Op {
    public String apply(FsActions fs) {
      return fs.handleStat(slot);
    }

    public String toString() {
      return call("handleStat", slot);
    }
  }

  record HandleClose(int slot) implements Op {
    public String apply(FsActions fs) {
      return fs.handleClose(slot);
    }

    public String toString() {
      return call("handleClose", slot);
    }
  }

  // ---------------------------------------------------------------- factories (for @Example)

  static Op create(int start, String path, boolean follow, boolean exclusive) {
    return new Create(start, RawPath.parse(path), follow, exclusive);
  }

  static Op write(int start, String path, boolean follow, long offset, String data) {
    return new Write(start, RawPath.parse(path), follow, offset, data);
  }

  static Op truncate(int start, String path, boolean follow, boolean write) {
    return new Truncate(start, RawPath.parse(path), follow, write);
  }

  static Op setSize(int start, String path, boolean follow, long size) {
    return new SetSize(start, RawPath.parse(path), follow, size);
  }

  static Op open(int start, String path, boolean follow, int oflags, boolean read, boolean write) {
    return new Open(start, RawPath.parse(path), follow, oflags, read, write);
  }

  static Op readdir(int start, String path, boolean follow) {
    return new Readdir(start, RawPath.parse(path), follow);
  }

  static Op stat(int start, String path, boolean follow) {
    return new Stat(start, RawPath.parse(path), follow);
  }

  static Op readlink(int start, String path) {
    return new Readlink(start, RawPath.parse(path));
  }

  static Op mkdir(int start, String path) {
    return new Mkdir(start, RawPath.parse(path));
  }

  static Op rmdir(int start, String path) {
    return new Rmdir(start, RawPath.parse(path));
  }

  static Op unlink(int start, String path) {
    return new Unlink(start, RawPath.parse(path));
  }

  static Op symlink(String target, int start, String path) {
    return new Symlink(target, start, RawPath.parse(path));
  }

  static Op link(int start, String from, boolean follow, int toStart, String to) {
    return new Link(start, RawPath.parse(from), follow, toStart, RawPath.parse(to));
  }

  static Op rename(int start, String from, int toStart, String to) {
    return new Rename(start, RawPath.parse(from), toStart, RawPath.parse(to));
  }

  static Op hold(int start, String path, boolean follow, boolean directory, boolean read, boolean write) {
    return new Hold(start, RawPath.parse(path), follow, directory, read, write);
  }

  static Op handleWrite(int slot, long offset, String data) {
    return new HandleWrite(slot, offset, data);
  }

  static Op handleRead(int slot) {
    return new HandleRead(slot);
  }

  static Op handleSetSize(int slot, long size) {
    return new HandleSetSize(slot, size);
  }

  static Op handleStat(int slot) {
    return new HandleStat(slot);
  }

  static Op handleClose(int slot) {
    return new HandleClose(slot);
  }

  private static String call(String name, Object... args) {
    StringBuilder sb = new StringBuilder("Op.").append(name).append('(');
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      sb.append(i == 0 ? "" : ", ");
      if (a instanceof RawPath p) {
        sb.append(p);
      } else if (a instanceof String s) {
        sb.append('"').append(s.replace("\0", "\\0")).append('"');
      } else if (a instanceof Long l) {
        sb.append(l).append(l > Integer.MAX_VALUE ? "L" : "");
      } else {
        sb.append(a);
      }
    }
    return sb.append(')').toString();
  }

  // ---------------------------------------------------------------- generation

  /** Random steps: paths from {@link PathGen}, small data and offsets, sometimes huge ones. */
  static Arbitrary<Op> ops() {
    Arbitrary<Integer> start = Arbitraries.frequency(Tuple.of(7, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3));
    Arbitrary<RawPath> path = PathGen.opPaths();
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    Arbitrary<Long> offset =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.longs().between(0, 12)),
            Tuple.of(1, Arbitraries.of(60L, 1L << 20, 1L << 40, Long.MAX_VALUE - 1)));
    Arbitrary<String> data = Arbitraries.strings().withChars("pq").ofMaxLength(6);
    Arbitrary<Integer> slot = Arbitraries.integers().between(0, 3);
    return Arbitraries.<Op>frequencyOf(
        Tuple.of(6, Combinators.combine(start, path, bool, bool).as(Create::new)),
        Tuple.of(5, Combinators.combine(start, path, bool, offset, data).as(Write::new)),
        Tuple.of(2, Combinators.combine(start, path, bool, bool).as(Truncate::new)),
        Tuple.of(2, Combinators.combine(start, path, bool, offset).as(SetSize::new)),
        Tuple.of(4, Combinators.combine(start, path, bool, Arbitraries.integers().between(0, 15), bool, bool).as(Open::new)),
        Tuple.of(2, Combinators.combine(start, path, bool).as(Readdir::new)),
        Tuple.of(2, Combinators.combine(start, path, bool).as(Stat::new)),
        Tuple.of(1, Combinators.combine(start, path).as(Readlink::new)),
        Tuple.of(6, Combinators.combine(start, path).as(Mkdir::new)),
        Tuple.of(3, Combinators.combine(start, path).as(Rmdir::new)),
        Tuple.of(4, Combinators.combine(start, path).as(Unlink::new)),
        Tuple.of(5, Combinators.combine(PathGen.targets(), start, path).as(Symlink::new)),
        Tuple.of(3, Combinators.combine(start, path, bool, start, path).as(Link::new)),
        Tuple.of(5, Combinators.combine(start, path, start, path).as(Rename::new)),
        Tuple.of(5, Combinators.combine(start, path, bool, bool, bool, bool).as(Hold::new)),
        Tuple.of(2, Combinators.combine(slot, offset, data).as(HandleWrite::new)),
        Tuple.of(1, slot.map(HandleRead::new)),
        Tuple.of(1, Combinators.combine(slot, offset).as(HandleSetSize::new)),
        Tuple.of(1, slot.map(HandleStat::new)),
        Tuple.of(1, slot.map(HandleClose::new)))
        // jqwik would mix in the edge cases of every nested arbitrary (mostly the first
        // alternative with odd paths); the alphabet already holds the cases that matter.
        .withoutEdgeCases();
  }
}
