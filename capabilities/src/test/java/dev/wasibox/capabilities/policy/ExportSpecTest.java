package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportSpecTest {
  @Test
  void of_defaults_64MiBAndRefuseSymlinks() {
    ExportSpec e = ExportSpec.of("/out/", Path.of("/srv/results"));
    assertEquals("/out", e.guest());
    assertEquals(Path.of("/srv/results"), e.host());
    assertEquals(64L << 20, e.maxBytes());
    assertEquals(ExportSpec.DEFAULT_MAX_BYTES, e.maxBytes());
    assertEquals(SymlinkHandling.REFUSE, e.symlinks());
  }

  @Test
  void build_everyField_isReflectedAndRoundTrips() {
    ExportSpec e =
        ExportSpec.builder()
            .guest("/")
            .host(Path.of("/srv/./r"))
            .maxBytes(0)
            .symlinks(SymlinkHandling.COPY)
            .build();
    assertEquals("/", e.guest());
    assertEquals(Path.of("/srv/r"), e.host());
    assertEquals(0, e.maxBytes());
    assertEquals(SymlinkHandling.COPY, e.symlinks());
    assertEquals(e, e.toBuilder().build());
    assertEquals(e.hashCode(), e.toBuilder().build().hashCode());
    assertEquals("ExportSpec{guest=/, host=/srv/r, maxBytes=0B, symlinks=copy}", e.toString());
  }

  @Test
  void build_hostNeedNotExist_isStoredAbsolute() {
    ExportSpec e = ExportSpec.of("/out", Path.of("no/such/dir"));
    assertEquals(Path.of("").toAbsolutePath().resolve("no/such/dir"), e.host());
  }

  @Test
  void build_missingGuest_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class, () -> ExportSpec.builder().host(Path.of("/x")).build());
    assertEquals(
        "key 'export.guest': required: an absolute guest path such as \"/data\"", e.getMessage());
  }

  @Test
  void build_relativeGuest_throws() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> ExportSpec.of("out", Path.of("/x")));
    assertEquals(
        "key 'export.guest': guest path \"out\" is not absolute (it must start with '/')",
        e.getMessage());
  }

  @Test
  void build_missingHost_throws() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> ExportSpec.builder().guest("/out").build());
    assertEquals("key 'export.host': required: a host directory", e.getMessage());
  }

  @Test
  void build_negativeMaxBytes_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class,
            () -> ExportSpec.builder().guest("/o").host(Path.of("/x")).maxBytes(-1).build());
    assertEquals("key 'export.max-bytes': must not be negative: -1", e.getMessage());
  }
}
