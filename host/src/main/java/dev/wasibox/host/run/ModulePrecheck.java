package dev.wasibox.host.run;

/**
 * Checks the framing of a module's bytes before Chicory parses them. Chicory 1.7.5 sizes arrays by
 * the lengths and counts a module claims before checking that the bytes exist, so a 15-byte
 * module can make it allocate gigabytes (found by the fuzz module). This refuses what it can
 * prove malformed: a section longer than the bytes left, a custom section's name longer than its
 * section, and, in the type section, a count of types, parameters or results larger than the
 * bytes left. Where it meets an encoding it does not know, it stops checking and leaves the rest
 * to Chicory's own validation: it never refuses a valid module.
 */
final class ModulePrecheck {
  private final byte[] bytes;
  private int at;

  private ModulePrecheck(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws ModuleException if the bytes claim more than they hold
   */
  static void check(byte[] bytes) {
    new ModulePrecheck(bytes).run();
  }

  private void run() {
    if (bytes.length < 8
        || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
      throw new ModuleException("not a valid WebAssembly module: no \\0asm header");
    }
    at = 8;
    while (at < bytes.length) {
      int id = bytes[at++] & 0xFF;
      long size = u32("section size");
      if (size > bytes.length - at) {
        throw malformed("section " + id + " claims " + size + " bytes, " + (bytes.length - at) + " remain");
      }
      int end = at + (int) size;
      if (id == 0) {
        long nameLength = u32("custom section name length");
        if (nameLength > end - at) {
          throw malformed("custom section name claims " + nameLength + " bytes");
        }
      } else if (id == 1) {
        typeSection(end);
      }
      at = end;
    }
  }

  private void typeSection(int end) {
    long count = u32("type count");
    if (count > end - at) {
      throw malformed("type section claims " + count + " types");
    }
    for (long i = 0; i < count && at < end; i++) {
      if ((bytes[at] & 0xFF) != 0x60) {
        return; // not a plain function type (a newer proposal): leave it to Chicory
      }
      at++;
      for (String what : new String[] {"parameters", "results"}) {
        long n = u32(what + " count");
        if (n > end - at) {
          throw malformed("a function type claims " + n + " " + what);
        }
        for (long k = 0; k < n; k++) {
          if (!skipValueType(end)) {
            return;
          }
        }
      }
    }
  }

  /** Skips one value type; false for an encoding this check does not know. */
  private boolean skipValueType(int end) {
    if (at >= end) {
      return false;
    }
    int b = bytes[at] & 0xFF;
    if (b >= 0x7B && b <= 0x7F || b == 0x70 || b == 0x6F) {
      at++;
      return true;
    }
    return false;
  }

  private long u32(String what) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at >= bytes.length) {
        throw malformed(what + " runs past the end");
      }
      int b = bytes[at++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (result > 0xFFFF_FFFFL) {
          throw malformed(what + " is not a u32");
        }
        return result;
      }
    }
    throw malformed(what + " is not a u32");
  }

  private static ModuleException malformed(String why) {
    return new ModuleException("not a valid WebAssembly module: " + why);
  }
}
