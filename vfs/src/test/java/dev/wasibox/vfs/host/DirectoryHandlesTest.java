package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectoryHandles}: directory fds stay bounded however many lookups a guest makes and
 * however many nodes it keeps, a handle in use is never closed under an operation, and a reopened
 * handle is only ever the directory the lookup saw.
 */
class DirectoryHandlesTest extends HostVolumeTestBase {
  private static final int CAPACITY = 8;

  /** OpenJDK's SecureDirectoryStream holds two fds: the directory's and a dup for its readdir. */
  private static final int FDS_PER_HANDLE = 2;
  private static final int DIRS = 64;
  private static final OpenFlags DIRECTORY = new OpenFlags(false, true, false, false);

  @Override
  void plantMore(Path sandbox) throws Exception {
    for (int i = 0; i < DIRS; i++) {
      Path d = Files.createDirectories(sandbox.resolve("many/" + dirName(i)));
      Files.writeString(d.resolve("f"), "f" + i);
    }
  }

  @Override
  HostReadOnlyVolume mount(Path dir) throws Exception {
    return HostReadOnlyVolume.mount(dir, CAPACITY);
  }

  private static String dirName(int i) {
    return String.format("d%03d", i);
  }

  private DirectoryNode directory(DirectoryNode from, String path) {
    return vfs.open(from, p(path), false, DIRECTORY, true, false).directory();
  }

  @Test
  void lookups_10000AcrossManyDirectories_keepHostFdsBounded() throws Exception {
    int maxFds = 0;
    for (int i = 0; i < 10_000; i++) {
      int d = (i * 7) % DIRS;
      if (i % 10 == 0) {
        try (OpenFile f = vfs.open(root, p("many/" + dirName(d) + "/f"), false, OpenFlags.NONE, true, false).file()) {
          assertEquals("f" + d, VfsOutcome.content(f));
        }
      } else {
        assertEquals(("f" + d).length(), vfs.stat(root, p("many/" + dirName(d) + "/f"), false).size());
      }
      if (i % 250 == 0) {
        maxFds = Math.max(maxFds, HostFixture.openFdsUnder(base));
      }
    }
    assertTrue(maxFds >= 2, "the count sees our fds at all: " + maxFds);
    assertTrue(maxFds <= FDS_PER_HANDLE * (1 + CAPACITY + 2), "host fds peaked at " + maxFds);
    assertTrue(volume.cachedDirectoryHandles() <= CAPACITY);
    assertEquals(0, volume.openFileCount());
  }

  @Test
  void nodes_keptAliveByTheGuest_holdNoFds() throws Exception {
    List<DirectoryNode> held = new ArrayList<>();
    for (int i = 0; i < DIRS; i++) {
      DirectoryNode d = directory(root, "many/" + dirName(i));
      assertEquals(1, d.list().size());
      held.add(d);
    }
    int fds = HostFixture.openFdsUnder(base);
    assertTrue(fds <= FDS_PER_HANDLE * (1 + CAPACITY), "host fds: " + fds + ", cached: " + volume.cachedDirectoryHandles());
    for (int i = 0; i < DIRS; i++) {
      assertEquals("file:f" + i, VfsOutcome.open(vfs, held.get(i), "f", false));
    }
    assertTrue(HostFixture.openFdsUnder(base) <= FDS_PER_HANDLE * (1 + CAPACITY));
  }

  @Test
  void evictedHandle_unchangedDirectory_reopensByNameTransparently() throws Exception {
    try (HostReadOnlyVolume tiny = HostReadOnlyVolume.mount(sandbox, 1)) {
      DirectoryNode dir = directory(tiny.root(), "dir");
      DirectoryNode a = directory(tiny.root(), "a");
      for (int round = 0; round < 3; round++) {
        assertEquals("[evil,link1,nested]", VfsOutcome.names(dir.list()));
        assertEquals("[b,up]", VfsOutcome.names(a.list()));
      }
      assertEquals(1, tiny.cachedDirectoryHandles());
    }
  }

  @Test
  void evictedHandle_directoryReplacedOnHost_failsEnoentNeverShowsTheNewOne() throws Exception {
    hostMutatedByTest = true;
    try (HostReadOnlyVolume tiny = HostReadOnlyVolume.mount(sandbox, 1)) {
      DirectoryNode nested = directory(tiny.root(), "dir/nested");
      assertEquals("[file]", VfsOutcome.names(nested.list()));
      directory(tiny.root(), "a").list(); // evicts dir/nested's handle
      Path aside = base.resolve("nested.aside");
      Files.move(sandbox.resolve("dir/nested"), aside);
      Files.createDirectory(sandbox.resolve("dir/nested"));
      try {
        assertEquals("ENOENT", VfsOutcome.of(() -> VfsOutcome.names(nested.list())));
        assertEquals("ENOENT", VfsOutcome.open(vfs, nested, "file", false));
        assertEquals("dir:[]", VfsOutcome.open(vfs, tiny.root(), "dir/nested", false));
      } finally {
        Files.delete(sandbox.resolve("dir/nested"));
        Files.move(aside, sandbox.resolve("dir/nested"));
      }
    }
  }

  @Test
  void cachedHandle_directoryRenamedOnHost_followsTheDirectory() throws Exception {
    hostMutatedByTest = true;
    DirectoryNode nested = directory(root, "dir/nested");
    assertEquals("[file]", VfsOutcome.names(nested.list()));
    Files.move(sandbox.resolve("dir/nested"), sandbox.resolve("a/b/moved"));
    try {
      assertEquals("file:nested", VfsOutcome.open(vfs, nested, "file", false));
      assertEquals("EPERM", VfsOutcome.open(vfs, nested, "..", false), "its root is itself");
    } finally {
      Files.move(sandbox.resolve("a/b/moved"), sandbox.resolve("dir/nested"));
    }
  }

  @Test
  void handleInUse_evictionPressure_staysOpenUntilReleased() throws Exception {
    try (HostReadOnlyVolume tiny = HostReadOnlyVolume.mount(sandbox, 1)) {
      HostDirectory dir = (HostDirectory) directory(tiny.root(), "dir");
      Object key =
          dir.withHandle(
              sds -> {
                for (int i = 0; i < 20; i++) {
                  directory(tiny.root(), "many/" + dirName(i)).list();
                }
                return HostIo.fstat(sds).fileKey();
              });
      assertEquals(dir.key, key);
      assertEquals(1, tiny.cachedDirectoryHandles());
    }
  }

  @Test
  void concurrentLookups_fourThreads_allSucceedWithBoundedFds() throws Exception {
    int threads = 4;
    try (HostReadOnlyVolume small = HostReadOnlyVolume.mount(sandbox, 2)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int seed = t;
          results.add(
              pool.submit(
                  () -> {
                    int ok = 0;
                    for (int i = 0; i < 1500; i++) {
                      int d = (i * 13 + seed * 31) % DIRS;
                      String got = VfsOutcome.open(vfs, small.root(), "many/" + dirName(d) + "/f", false);
                      if (got.equals("file:f" + d)) {
                        ok++;
                      }
                    }
                    return ok;
                  }));
        }
        int maxFds = 0;
        while (!results.stream().allMatch(Future::isDone)) {
          maxFds = Math.max(maxFds, HostFixture.openFdsUnder(base));
        }
        for (Future<Integer> r : results) {
          assertEquals(1500, r.get());
        }
        // Directory handles: both volumes' roots, the small cache, and per thread a leased
        // handle and a child being opened; plus per thread one open file.
        int handles = 2 + 2 + threads * 2;
        assertTrue(maxFds <= FDS_PER_HANDLE * handles + threads, "host fds peaked at " + maxFds);
        assertTrue(small.cachedDirectoryHandles() <= 2);
      } finally {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      }
    }
  }
}
