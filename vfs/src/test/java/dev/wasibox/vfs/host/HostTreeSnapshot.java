package dev.wasibox.vfs.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A record of a host directory tree, taken without following any link, to prove that a test left
 * the host exactly as it found it: for every entry its type, size, SHA-256 of its content (regular
 * files), link text (symlinks), mode, inode number, modification time and change time (to the
 * nanosecond, where the host has them).
 *
 * <p>FIFOs, sockets and devices are recorded by type and attributes only, never opened. Access
 * times are not recorded: reading legitimately updates them. The change time catches a write whose
 * modification time was put back afterwards.
 *
 * <pre>{@code
 * HostTreeSnapshot before = HostTreeSnapshot.of(base);
 * ... run the code under test ...
 * before.assertUnchanged();           // or before.assertSameAs(HostTreeSnapshot.of(base))
 * }</pre>
 *
 * <p>Tests that mutate the tree themselves (race tests) and restore it compare {@link
 * #withoutTimes()} instead: content, links, types, modes and inodes, but not times.
 */
public final class HostTreeSnapshot {
  /**
   * What one entry looked like.
   *
   * @param type {@code dir}, {@code file}, {@code link} or {@code other}
   * @param size the size in bytes
   * @param data SHA-256 of a file's content, a link's text, empty otherwise
   * @param mode the {@code unix:mode} bits, or 0 where the host has no unix view
   * @param ino the {@code unix:ino}, or 0 where the host has no unix view
   * @param mtimNs modification time in nanoseconds
   * @param ctimNs change time in nanoseconds, or 0 where the host has no unix view
   */
  public record Entry(
      String type, long size, String data, int mode, long ino, long mtimNs, long ctimNs) {
    Entry withoutTimes() {
      return new Entry(type, size, data, mode, ino, 0, 0);
    }
  }

  private final Path root;
  private final SortedMap<String, Entry> entries;

  private HostTreeSnapshot(Path root, SortedMap<String, Entry> entries) {
    this.root = root;
    this.entries = Collections.unmodifiableSortedMap(entries);
  }

  /** Records the tree under {@code root} (itself included, as {@code ""}). */
  public static HostTreeSnapshot of(Path root) throws IOException {
    SortedMap<String, Entry> out = new TreeMap<>();
    ArrayDeque<String> pending = new ArrayDeque<>();
    pending.push("");
    while (!pending.isEmpty()) {
      String rel = pending.pop();
      Path p = rel.isEmpty() ? root : root.resolve(rel);
      Entry e = entry(p);
      out.put(rel, e);
      if (e.type().equals("dir")) {
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
          for (Path child : ds) {
            children.add(rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName());
          }
        }
        children.forEach(pending::push);
      }
    }
    return new HostTreeSnapshot(root, out);
  }

  private static Entry entry(Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String type;
    String data = "";
    if (a.isDirectory()) {
      type = "dir";
    } else if (a.isSymbolicLink()) {
      type = "link";
      data = Files.readSymbolicLink(p).toString();
    } else if (a.isRegularFile()) {
      type = "file";
      data = sha256(p);
    } else {
      type = "other";
    }
    int mode = 0;
    long ino = 0;
    long ctim = 0;
    try {
      Map<String, Object> unix = Files.readAttributes(p, "unix:mode,ino,ctime", LinkOption.NOFOLLOW_LINKS);
      mode = (Integer) unix.get("mode");
      ino = (Long) unix.get("ino");
      ctim = ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // No unix view on this host: type, content and mtime still count.
    }
    return new Entry(type, a.size(), data, mode, ino, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), ctim);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory this snapshot was taken of. */
  public Path root() {
    return root;
  }

  /** Every entry by path relative to the root ({@code ""} is the root), sorted. */
  public SortedMap<String, Entry> entries() {
    return entries;
  }

  /** This snapshot with all times cleared, for trees a test mutated and restored itself. */
  public HostTreeSnapshot withoutTimes() {
    SortedMap<String, Entry> copy = new TreeMap<>();
    entries.forEach((k, v) -> copy.put(k, v.withoutTimes()));
    return new HostTreeSnapshot(root, copy);
  }

  /** Human-readable differences from this snapshot to {@code later}, empty if none. */
  public List<String> differences(HostTreeSnapshot later) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(entries.keySet());
    names.addAll(later.entries.keySet());
    for (String name : names) {
      Entry was = entries.get(name);
      Entry now = later.entries.get(name);
      if (was == null) {
        out.add("added " + display(name) + ": " + now);
      } else if (now == null) {
        out.add("removed " + display(name) + ": " + was);
      } else if (!Objects.equals(was, now)) {
        out.add("changed " + display(name) + ": " + was + " -> " + now);
      }
    }
    return out;
  }

  /** Throws an {@link AssertionError} listing every difference from this snapshot to {@code later}. */
  public void assertSameAs(HostTreeSnapshot later) {
    List<String> diff = differences(later);
    if (!diff.isEmpty()) {
      throw new AssertionError("host tree " + root + " changed:\n  " + String.join("\n  ", diff));
    }
  }

  /** Takes a new snapshot of the same root and asserts that nothing changed. */
  public void assertUnchanged() throws IOException {
    assertSameAs(of(root));
  }

  /** As {@link #assertUnchanged()}, ignoring times (for trees a test mutated and restored). */
  public void assertUnchangedIgnoringTimes() throws IOException {
    withoutTimes().assertSameAs(of(root).withoutTimes());
  }

  private static String display(String name) {
    return name.isEmpty() ? "<root>" : name;
  }
}
