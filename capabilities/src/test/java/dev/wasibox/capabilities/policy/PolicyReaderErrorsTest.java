package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a policy file can be wrong, with the exact one-line message. {@code $DIR} stands for
 * the policy file's directory, which holds:
 *
 * <pre>
 * $DIR/
 * ├── data/        a directory
 * ├── data2/       another directory
 * └── file.txt     a regular file
 * </pre>
 */
class PolicyReaderErrorsTest {
  @TempDir static Path dir;

  @BeforeAll
  static void tree() throws IOException {
    Files.createDirectory(dir.resolve("data"));
    Files.createDirectory(dir.resolve("data2"));
    Files.writeString(dir.resolve("file.txt"), "x");
  }

  private static final String ROOT_KEYS =
      "argv0, args, env, stdio, clocks, random, mount, export, limits";
  private static final String MEMORY_MOUNT = "[[mount]]\nguest = \"/\"\ntype = \"memory\"\n";

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource({
    "syntax",
    "unknownKeys",
    "wrongTypes",
    "badWords",
    "missingKeys",
    "conflictingKeys",
    "sizesAndDurations",
    "mounts",
    "exports",
    "other"
  })
  void read_invalidPolicy_failsAtFileLineKey(String name, String toml, String message) {
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> PolicyReader.read(toml.replace("$DIR", dir.toString()), dir, "policy.toml"));
    assertEquals(message.replace("$DIR", dir.toString()), e.getMessage());
  }

  private static Arguments row(String name, String toml, String message) {
    return Arguments.of(name, toml, message);
  }

  static Stream<Arguments> syntax() {
    return Stream.of(
        row("value missing", "a = \n",
            "policy.toml:1: invalid TOML: Unexpected end of line, expected ', \", ''', \"\"\", a"
                + " number, a boolean, a date/time, an array, or a table"),
        row("key defined twice", "args = []\n\nargs = [\"x\"]\n",
            "policy.toml:3: invalid TOML: args previously defined at line 1, column 1"),
        row("table defined twice", "[stdio]\nstdin = \"none\"\n[stdio]\n",
            "policy.toml:3: invalid TOML: stdio previously defined at line 1, column 1"),
        row("unterminated string", "argv0 = \"x\n",
            "policy.toml:1: invalid TOML: Unexpected end of line, expected \" or a character"),
        row("newline in inline table", "[env]\nvars = { A = \"1\",\n B = \"2\" }\n",
            "policy.toml:2: invalid TOML: Unexpected end of line, expected a-z, A-Z, 0-9, ', or \""));
  }

  static Stream<Arguments> unknownKeys() {
    return Stream.of(
        row("top level", "argv0 = \"x\"\nallow-all = true\n",
            "policy.toml:2: key 'allow-all': unknown key (allowed: " + ROOT_KEYS + ")"),
        row("top-level table", "\n[network]\nallow = true\n",
            "policy.toml:2: key 'network': unknown key (allowed: " + ROOT_KEYS + ")"),
        row("misspelt stdio key", "[stdio]\nstdout = \"capture\"\nstdout-limt = 5\n",
            "policy.toml:3: key 'stdio.stdout-limt': unknown key (allowed: stdin, stdin-file,"
                + " stdout, stdout-file, stdout-limit, stderr, stderr-file, stderr-limit)"),
        row("sub-table of a section", "[stdio.extra]\nx = 1\n",
            "policy.toml:1: key 'stdio.extra': unknown key (allowed: stdin, stdin-file,"
                + " stdout, stdout-file, stdout-limit, stderr, stderr-file, stderr-limit)"),
        row("env", "[env]\npath = \"/bin\"\n",
            "policy.toml:2: key 'env.path': unknown key (allowed: vars, inherit)"),
        row("clocks", "[clocks]\ntimezone = \"UTC\"\n",
            "policy.toml:2: key 'clocks.timezone': unknown key (allowed: realtime, realtime-start,"
                + " realtime-step, monotonic, monotonic-start, monotonic-step, cpu-time,"
                + " resolution)"),
        row("random", "[random]\nsource = \"real\"\nkind = \"x\"\n",
            "policy.toml:3: key 'random.kind': unknown key (allowed: source, seed)"),
        row("second mount", MEMORY_MOUNT + "\n[[mount]]\nguest = \"/d\"\nreadonly = true\n",
            "policy.toml:7: key 'mount[1].readonly': unknown key (allowed: guest, type, source,"
                + " quota-bytes, quota-inodes)"),
        row("export", MEMORY_MOUNT + "[[export]]\nguest = \"/\"\nhost = \"o\"\nfollow = true\n",
            "policy.toml:7: key 'export[0].follow': unknown key (allowed: guest, host, max-bytes,"
                + " symlinks)"),
        row("limits, dotted at top level", "limits.instructions = 5\n",
            "policy.toml:1: key 'limits.instructions': unknown key (allowed: memory, wall-time,"
                + " cpu-time, output, open-files, path-length, name-length, fd-numbering)"),
        row("quoted key", "\"a.b\" = 1\n",
            "policy.toml:1: key '\"a.b\"': unknown key (allowed: " + ROOT_KEYS + ")"));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        row("argv0 integer", "argv0 = 1\n", "policy.toml:1: key 'argv0': expected a string, found integer"),
        row("args string", "args = \"--fast\"\n",
            "policy.toml:1: key 'args': expected an array of strings, found string"),
        row("args element", "args = [\n  \"a\",\n  1,\n]\n",
            "policy.toml:3: key 'args[1]': expected a string, found integer"),
        row("env not a table", "env = \"LANG=C\"\n",
            "policy.toml:1: key 'env': expected a table, found string"),
        row("env.vars array", "[env]\nvars = [\"A=1\"]\n",
            "policy.toml:2: key 'env.vars': expected a table, found array"),
        row("env var integer", "[env]\nvars = { A = \"1\", B = 2 }\n",
            "policy.toml:2: key 'env.vars.B': expected a string, found integer"),
        row("env var in sub-table", "[env.vars]\nA = \"1\"\nB = true\n",
            "policy.toml:3: key 'env.vars.B': expected a string, found boolean"),
        row("inherit string", "[env]\ninherit = \"TERM\"\n",
            "policy.toml:2: key 'env.inherit': expected an array of strings, found string"),
        row("size float", "[stdio]\nstdout-limit = 1.5\n",
            "policy.toml:2: key 'stdio.stdout-limit': expected a size (an integer number of bytes"
                + " or a string such as \"64MiB\"), found float"),
        row("word integer", "[stdio]\nstdout = 1\n",
            "policy.toml:2: key 'stdio.stdout': expected one of \"inherit\", \"capture\","
                + " \"discard\", \"file\", found integer"),
        row("path integer", "[stdio]\nstdin = \"file\"\nstdin-file = 3\n",
            "policy.toml:3: key 'stdio.stdin-file': expected a string, found integer"),
        row("duration integer", "[limits]\nwall-time = 10\n",
            "policy.toml:2: key 'limits.wall-time': expected a duration string such as \"10s\" (a"
                + " bare number has no unit), found integer"),
        row("integer string", "[limits]\nopen-files = \"1024\"\n",
            "policy.toml:2: key 'limits.open-files': expected an integer, found string"),
        row("seed string", "[random]\nsource = \"seeded\"\nseed = \"42\"\n",
            "policy.toml:3: key 'random.seed': expected an integer, found string"),
        row("mount single table", "[mount]\nguest = \"/\"\n",
            "policy.toml:1: key 'mount': expected an array of tables ([[mount]]), found table"),
        row("mount element string", "mount = [\"/data\"]\n",
            "policy.toml:1: key 'mount[0]': expected a table, found string"),
        row("local date-time", "[clocks]\nrealtime = \"frozen\"\nrealtime-start = 2024-01-01T00:00:00\n",
            "policy.toml:3: key 'clocks.realtime-start': expected an RFC 3339 time with an offset,"
                + " or integer nanoseconds, found local date-time"),
        row("monotonic start boolean", "[clocks]\nmonotonic = \"frozen\"\nmonotonic-start = true\n",
            "policy.toml:3: key 'clocks.monotonic-start': expected integer nanoseconds or a"
                + " duration string such as \"5s\", found boolean"),
        row("quota-inodes string", "[[mount]]\nguest = \"/\"\ntype = \"memory\"\nquota-inodes = \"1k\"\n",
            "policy.toml:4: key 'mount[0].quota-inodes': expected an integer, found string"));
  }

  static Stream<Arguments> badWords() {
    return Stream.of(
        row("stdin", "[stdio]\nstdin = \"stdin\"\n",
            "policy.toml:2: key 'stdio.stdin': \"stdin\" is not one of \"none\", \"inherit\","
                + " \"file\""),
        row("stderr case", "[stdio]\nstderr = \"Capture\"\n",
            "policy.toml:2: key 'stdio.stderr': \"Capture\" is not one of \"inherit\", \"capture\","
                + " \"discard\", \"file\""),
        row("mount type", "[[mount]]\nguest = \"/\"\ntype = \"ro\"\n",
            "policy.toml:3: key 'mount[0].type': \"ro\" is not one of \"memory\", \"host-ro\","
                + " \"overlay\""),
        row("clock", "[clocks]\nmonotonic = \"fake\"\n",
            "policy.toml:2: key 'clocks.monotonic': \"fake\" is not one of \"real\", \"frozen\","
                + " \"virtual\""),
        row("cpu-time", "[clocks]\ncpu-time = \"off\"\n",
            "policy.toml:2: key 'clocks.cpu-time': \"off\" is not one of \"real\", \"virtual\","
                + " \"none\""),
        row("random", "[random]\nsource = \"fixed\"\n",
            "policy.toml:2: key 'random.source': \"fixed\" is not one of \"real\", \"seeded\""),
        row("symlinks", MEMORY_MOUNT + "[[export]]\nguest = \"/\"\nhost = \"o\"\nsymlinks = \"follow\"\n",
            "policy.toml:7: key 'export[0].symlinks': \"follow\" is not one of \"copy\", \"refuse\""),
        row("fd-numbering", "[limits]\nfd-numbering = \"lowest-free\"\n",
            "policy.toml:2: key 'limits.fd-numbering': \"lowest-free\" is not one of \"lowest\","
                + " \"random\""));
  }

  static Stream<Arguments> missingKeys() {
    return Stream.of(
        row("mount guest", "\n[[mount]]\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': required: an absolute guest path such as"
                + " \"/data\""),
        row("second mount type", MEMORY_MOUNT + "[[mount]]\nguest = \"/d\"\n",
            "policy.toml:4: key 'mount[1].type': required: one of \"memory\", \"host-ro\","
                + " \"overlay\""),
        row("host-ro source", "[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\n",
            "policy.toml:1: key 'mount[0].source': required for type \"host-ro\""),
        row("export host", MEMORY_MOUNT + "\n[[export]]\nguest = \"/out\"\n",
            "policy.toml:5: key 'export[0].host': required: a host directory"),
        row("export guest", MEMORY_MOUNT + "[[export]]\nhost = \"out\"\n",
            "policy.toml:4: key 'export[0].guest': required: an absolute guest path such as"
                + " \"/data\""),
        row("stdin-file", "argv0 = \"x\"\n[stdio]\nstdin = \"file\"\n",
            "policy.toml:2: key 'stdio.stdin-file': required when stdin = \"file\""),
        row("stdout-file", "[stdio]\nstdout = \"file\"\n",
            "policy.toml:1: key 'stdio.stdout-file': required when stdout = \"file\""),
        row("seed", "\n\n[random]\nsource = \"seeded\"\n",
            "policy.toml:3: key 'random.seed': required when source = \"seeded\""));
  }

  static Stream<Arguments> conflictingKeys() {
    return Stream.of(
        row("stdin-file without file", "[stdio]\nstdin-file = \"file.txt\"\n",
            "policy.toml:2: key 'stdio.stdin-file': only allowed when stdin = \"file\" (stdin is"
                + " \"none\")"),
        row("stdout-file with capture", "[stdio]\nstdout = \"capture\"\nstdout-file = \"o.txt\"\n",
            "policy.toml:3: key 'stdio.stdout-file': only allowed when stdout = \"file\" (stdout"
                + " is \"capture\")"),
        row("stderr-file default", "[stdio]\nstderr-file = \"e.txt\"\n",
            "policy.toml:2: key 'stdio.stderr-file': only allowed when stderr = \"file\" (stderr"
                + " is \"inherit\")"),
        row("start of real clock", "[clocks]\nrealtime-start = 0\n",
            "policy.toml:2: key 'clocks.realtime-start': only allowed when realtime is \"frozen\""
                + " or \"virtual\" (realtime is \"real\")"),
        row("step of frozen clock", "[clocks]\nrealtime = \"frozen\"\nrealtime-step = \"1ms\"\n",
            "policy.toml:3: key 'clocks.realtime-step': only allowed when realtime = \"virtual\""
                + " (realtime is \"frozen\")"),
        row("step of real monotonic", "[clocks]\nmonotonic-step = \"1ms\"\n",
            "policy.toml:2: key 'clocks.monotonic-step': only allowed when monotonic = \"virtual\""
                + " (monotonic is \"real\")"),
        row("virtual cpu over real monotonic", "[clocks]\ncpu-time = \"virtual\"\n",
            "policy.toml:2: key 'clocks.cpu-time': \"virtual\" follows the monotonic clock, which"
                + " must then be \"frozen\" or \"virtual\" (monotonic is \"real\")"),
        row("seed of real source", "[random]\nseed = 1\n",
            "policy.toml:2: key 'random.seed': only allowed when source = \"seeded\" (source is"
                + " \"real\")"),
        row("source of memory mount", "[[mount]]\nguest = \"/\"\ntype = \"memory\"\nsource = \"data\"\n",
            "policy.toml:4: key 'mount[0].source': not allowed for a memory mount (type is"
                + " \"memory\")"),
        row("quota of host-ro mount",
            "[[mount]]\nguest = \"/\"\ntype = \"host-ro\"\nsource = \"data\"\nquota-bytes = \"1MiB\"\n",
            "policy.toml:5: key 'mount[0].quota-bytes': only for memory and overlay mounts (type"
                + " is \"host-ro\")"),
        row("inode quota of host-ro mount",
            "[[mount]]\nguest = \"/\"\ntype = \"host-ro\"\nsource = \"data\"\nquota-inodes = 10\n",
            "policy.toml:5: key 'mount[0].quota-inodes': only for memory and overlay mounts (type"
                + " is \"host-ro\")"),
        row("env explicit and inherited", "[env]\nvars = { TERM = \"dumb\" }\ninherit = [\"TERM\"]\n",
            "policy.toml:3: key 'env.inherit[0]': 'TERM' also has an explicit value in env.vars;"
                + " keep one"));
  }

  static Stream<Arguments> sizesAndDurations() {
    return Stream.of(
        row("SI megabytes", "[limits]\nmemory = \"64MB\"\n",
            "policy.toml:2: key 'limits.memory': ambiguous unit 'MB' in \"64MB\": write \"64MiB\""
                + " for powers of 1024, or the number of bytes as an integer for powers of 1000 (SI"
                + " units are not accepted)"),
        row("SI kilobytes in dotted key", "argv0 = \"a\"\nlimits.output = \"512kB\"\n",
            "policy.toml:2: key 'limits.output': ambiguous unit 'kB' in \"512kB\": write"
                + " \"512KiB\" for powers of 1024, or the number of bytes as an integer for powers"
                + " of 1000 (SI units are not accepted)"),
        row("binary unit miscased", "[limits]\nmemory = \"64mib\"\n",
            "policy.toml:2: key 'limits.memory': unit 'mib' is spelled 'MiB': write \"64MiB\""),
        row("unknown size unit", "[limits]\nmemory = \"1PiB\"\n",
            "policy.toml:2: key 'limits.memory': unknown unit 'PiB' in \"1PiB\"; write a number of"
                + " bytes or a number with a unit B, KiB, MiB, GiB or TiB, e.g. \"64MiB\""),
        row("negative integer size", "[stdio]\nstdout-limit = -1\n",
            "policy.toml:2: key 'stdio.stdout-limit': must not be negative: -1"),
        row("negative string size", "[limits]\noutput = \"-1KiB\"\n",
            "policy.toml:2: key 'limits.output': must not be negative: \"-1KiB\""),
        row("fractional bytes", "[limits]\noutput = \"1.5B\"\n",
            "policy.toml:2: key 'limits.output': not a whole number of bytes: \"1.5B\" is 1.5 bytes"),
        row("size overflow", "[limits]\noutput = \"9999999TiB\"\n",
            "policy.toml:2: key 'limits.output': too large: \"9999999TiB\" is more than"
                + " 9223372036854775807 bytes"),
        row("memory below a page", "[limits]\nmemory = \"1KiB\"\n",
            "policy.toml:2: key 'limits.memory': must be at least 64KiB (one wasm page), got 1024"),
        row("memory above wasm32", "[limits]\nmemory = \"5GiB\"\n",
            "policy.toml:2: key 'limits.memory': must be at most 4GiB (wasm32), got 5368709120"),
        row("SI quota", "[[mount]]\nguest = \"/\"\ntype = \"memory\"\nquota-bytes = \"1MB\"\n",
            "policy.toml:4: key 'mount[0].quota-bytes': ambiguous unit 'MB' in \"1MB\": write"
                + " \"1MiB\" for powers of 1024, or the number of bytes as an integer for powers of"
                + " 1000 (SI units are not accepted)"),
        row("duration without unit", "[limits]\nwall-time = \"10\"\n",
            "policy.toml:2: key 'limits.wall-time': missing unit in \"10\"; write a number with a"
                + " unit ns, us, ms, s, m or h, e.g. \"10s\" or \"1.5ms\""),
        row("negative duration", "[limits]\ncpu-time = \"-1s\"\n",
            "policy.toml:2: key 'limits.cpu-time': must not be negative: \"-1s\""),
        row("zero time limit", "[limits]\ncpu-time = \"0s\"\n",
            "policy.toml:2: key 'limits.cpu-time': must be positive"),
        row("unknown duration unit", "[clocks]\nresolution = \"1sec\"\n",
            "policy.toml:2: key 'clocks.resolution': unknown unit 'sec' in \"1sec\"; write a number"
                + " with a unit ns, us, ms, s, m or h, e.g. \"10s\" or \"1.5ms\""),
        row("zero step", "[clocks]\nmonotonic = \"virtual\"\nmonotonic-step = \"0ns\"\n",
            "policy.toml:3: key 'clocks.monotonic-step': must be positive; a clock that does not"
                + " advance is \"frozen\""),
        row("not a time", "[clocks]\nrealtime = \"frozen\"\nrealtime-start = \"yesterday\"\n",
            "policy.toml:3: key 'clocks.realtime-start': not an RFC 3339 time with an offset, e.g."
                + " \"2024-01-01T00:00:00Z\": \"yesterday\""),
        row("time before 1970", "[clocks]\nrealtime = \"frozen\"\nrealtime-start = 1969-12-31T23:59:59Z\n",
            "policy.toml:3: key 'clocks.realtime-start': before 1970-01-01T00:00:00Z:"
                + " 1969-12-31T23:59:59Z"),
        row("time after 2262", "[clocks]\nrealtime = \"frozen\"\nrealtime-start = \"2300-01-01T00:00:00Z\"\n",
            "policy.toml:3: key 'clocks.realtime-start': too late for 64-bit nanoseconds (after"
                + " 2262-04-11T23:47:16Z): 2300-01-01T00:00Z"),
        row("negative integer start", "[clocks]\nmonotonic = \"frozen\"\nmonotonic-start = -5\n",
            "policy.toml:3: key 'clocks.monotonic-start': must not be negative: -5"),
        row("bad monotonic start string", "[clocks]\nmonotonic = \"frozen\"\nmonotonic-start = \"5\"\n",
            "policy.toml:3: key 'clocks.monotonic-start': missing unit in \"5\"; write a number with"
                + " a unit ns, us, ms, s, m or h, e.g. \"10s\" or \"1.5ms\""));
  }

  static Stream<Arguments> mounts() {
    return Stream.of(
        row("source missing", "[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\nsource = \"nope\"\n",
            "policy.toml:4: key 'mount[0].source': directory does not exist: $DIR/nope"),
        row("source is a file", "[[mount]]\nguest = \"/d\"\ntype = \"overlay\"\nsource = \"./file.txt\"\n",
            "policy.toml:4: key 'mount[0].source': not a directory: $DIR/file.txt"),
        row("source empty", "[[mount]]\nguest = \"/d\"\ntype = \"overlay\"\nsource = \"\"\n",
            "policy.toml:4: key 'mount[0].source': host path is empty"),
        row("same guest path after trailing slash",
            "[[mount]]\nguest = \"/data\"\ntype = \"host-ro\"\nsource = \"data\"\n\n"
                + "[[mount]]\ntype = \"overlay\"\nguest = \"/data/\"\nsource = \"data2\"\n",
            "policy.toml:8: key 'mount[1].guest': \"/data\" is already mounted by mount[0]"),
        row("root twice", MEMORY_MOUNT + MEMORY_MOUNT + "[[mount]]\nguest = \"//\"\ntype = \"memory\"\n",
            "policy.toml:5: key 'mount[1].guest': \"/\" is already mounted by mount[0]"),
        row("relative guest", "[[mount]]\nguest = \"data\"\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': guest path \"data\" is not absolute (it must"
                + " start with '/')"),
        row("empty guest", "[[mount]]\nguest = \"\"\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': guest path \"\" is not absolute (it must start"
                + " with '/')"),
        row("dot-dot guest", "[[mount]]\nguest = \"/a/../etc\"\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': guest path \"/a/../etc\" contains a '..'"
                + " component"),
        row("dot guest", "[[mount]]\nguest = \"/./a\"\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': guest path \"/./a\" contains a '.' component"),
        row("NUL guest", "[[mount]]\nguest = \"/a\\u0000b\"\ntype = \"memory\"\n",
            "policy.toml:2: key 'mount[0].guest': guest path contains a NUL byte"),
        row("negative quota", "[[mount]]\nguest = \"/\"\ntype = \"memory\"\nquota-bytes = -1\n",
            "policy.toml:4: key 'mount[0].quota-bytes': must not be negative: -1"),
        row("zero inodes", "[[mount]]\nguest = \"/\"\ntype = \"memory\"\nquota-inodes = 0\n",
            "policy.toml:4: key 'mount[0].quota-inodes': must be at least 1 (the root): 0"),
        row("inline mount array", "mount = [\n  { guest = \"/\", type = \"memory\" },\n"
                + "  { guest = \"/\", type = \"memory\" },\n]\n",
            "policy.toml:3: key 'mount[1].guest': \"/\" is already mounted by mount[0]"));
  }

  static Stream<Arguments> exports() {
    return Stream.of(
        row("same guest dir", MEMORY_MOUNT
                + "[[export]]\nguest = \"/out\"\nhost = \"a\"\n[[export]]\nguest = \"/out/\"\nhost = \"b\"\n",
            "policy.toml:8: key 'export[1].guest': \"/out\" is already exported by export[0]"),
        row("same host dir", MEMORY_MOUNT
                + "[[export]]\nguest = \"/a\"\nhost = \"out\"\n[[export]]\nguest = \"/b\"\nhost = \"./out\"\n",
            "policy.toml:9: key 'export[1].host': export[0] already writes to $DIR/out"),
        row("outside every mount", "[[mount]]\nguest = \"/tmp\"\ntype = \"memory\"\n"
                + "[[export]]\nguest = \"/out\"\nhost = \"o\"\n",
            "policy.toml:5: key 'export[0].guest': \"/out\" is not inside any mount"),
        row("inside a read-only mount", "[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\nsource = \"data\"\n"
                + "[[export]]\nguest = \"/d/x\"\nhost = \"o\"\n",
            "policy.toml:6: key 'export[0].guest': \"/d/x\" is inside the read-only mount at \"/d\": the guest cannot have written anything there"),
        row("no mount at all", "[[export]]\nguest = \"/\"\nhost = \"o\"\n",
            "policy.toml:2: key 'export[0].guest': \"/\" is not inside any mount"),
        row("relative guest", MEMORY_MOUNT + "[[export]]\nguest = \"out\"\nhost = \"o\"\n",
            "policy.toml:5: key 'export[0].guest': guest path \"out\" is not absolute (it must"
                + " start with '/')"),
        row("negative max-bytes", MEMORY_MOUNT + "[[export]]\nguest = \"/\"\nhost = \"o\"\nmax-bytes = -1\n",
            "policy.toml:7: key 'export[0].max-bytes': must not be negative: -1"));
  }

  static Stream<Arguments> other() {
    return Stream.of(
        row("stdin file missing", "[stdio]\nstdin = \"file\"\nstdin-file = \"missing.txt\"\n",
            "policy.toml:3: key 'stdio.stdin-file': file does not exist: $DIR/missing.txt"),
        row("stdin file is a directory", "[stdio]\nstdin = \"file\"\nstdin-file = \"data\"\n",
            "policy.toml:3: key 'stdio.stdin-file': is a directory: $DIR/data"),
        row("stdout and stderr one file",
            "[stdio]\nstdout = \"file\"\nstdout-file = \"o.txt\"\nstderr = \"file\"\nstderr-file = \"./o.txt\"\n",
            "policy.toml:5: key 'stdio.stderr-file': same file as stdout-file: $DIR/o.txt"),
        row("env name with '='", "[env]\nvars = { \"A=B\" = \"x\" }\n",
            "policy.toml:2: key 'env.vars.\"A=B\"': variable name \"A=B\" contains '=' or a NUL byte"),
        row("env value with NUL", "[env]\nvars = { A = \"x\\u0000\" }\n",
            "policy.toml:2: key 'env.vars.A': value contains a NUL byte"),
        row("inherit twice", "[env]\ninherit = [\n  \"TERM\",\n  \"LANG\",\n  \"TERM\",\n]\n",
            "policy.toml:5: key 'env.inherit[2]': 'TERM' is listed twice"),
        row("empty argv0", "argv0 = \"\"\n", "policy.toml:1: key 'argv0': must be non-empty and hold no NUL"),
        row("arg with NUL", "\nargs = [\"ok\", \"a\\u0000\"]\n",
            "policy.toml:2: key 'args[1]': contains a NUL byte"),
        row("open files below stdio", "[limits]\nopen-files = 2\n",
            "policy.toml:2: key 'limits.open-files': must be at least 3 (stdin, stdout, stderr),"
                + " got 2"),
        row("open files below mounts", "[limits]\nopen-files = 3\n" + MEMORY_MOUNT,
            "policy.toml:2: key 'limits.open-files': must be at least 4 (3 stdio descriptors and 1"
                + " mounts), got 3"),
        row("name longer than path", "[limits]\npath-length = 100\nname-length = 200\n",
            "policy.toml:3: key 'limits.name-length': must be at most path-length (100), got 200"));
  }
}
