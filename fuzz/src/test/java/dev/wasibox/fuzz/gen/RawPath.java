package dev.wasibox.fuzz.gen;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a path exactly as a guest would pass them (possibly with NUL or invalid UTF-8),
 * printed readably in jqwik's reports: {@code \0} for NUL, {@code \xFF} for bytes that are not
 * ASCII, and {@code x{255}} for runs of a repeated character.
 */
public record RawPath(byte[] bytes) {
  public static RawPath of(String text) {
    return new RawPath(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the notation {@link #toString()} prints (without the quotes): {@code \0} is NUL, {@code
   * \xHH} one byte, {@code c{N}} the character {@code c} repeated N times; anything else is
   * UTF-8. Regression examples paste a shrunk sample with this.
   */
  public static RawPath parse(String spec) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] last = new byte[0];
    for (int i = 0; i < spec.length(); ) {
      char c = spec.charAt(i);
      byte[] one;
      if (c == '\\' && i + 1 < spec.length() && spec.charAt(i + 1) == '0') {
        one = new byte[] {0};
        i += 2;
      } else if (c == '\\' && i + 3 < spec.length() && spec.charAt(i + 1) == 'x') {
        one = new byte[] {(byte) Integer.parseInt(spec.substring(i + 2, i + 4), 16)};
        i += 4;
      } else if (c == '{') {
        int close = spec.indexOf('}', i);
        int times = Integer.parseInt(spec.substring(i + 1, close));
        for (int k = 1; k < times; k++) {
          out.writeBytes(last);
        }
        i = close + 1;
        continue;
      } else {
        int cp = spec.codePointAt(i);
        one = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        i += Character.charCount(cp);
      }
      out.writeBytes(one);
      last = one;
    }
    return new RawPath(out.toByteArray());
  }

  /** The number of {@code /}-separated non-empty components, as a rough depth. */
  public int depth() {
    int n = 0;
    boolean in = false;
    for (byte b : bytes) {
      if (b == '/') {
        in = false;
      } else if (!in) {
        in = true;
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("\"");
    int i = 0;
    while (i < bytes.length) {
      int run = 1;
      while (i + run < bytes.length && bytes[i + run] == bytes[i]) {
        run++;
      }
      int b = bytes[i] & 0xFF;
      String one = b == 0 ? "\\0" : b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b);
      if (run > 8) {
        sb.append(one).append('{').append(run).append('}');
        i += run;
      } else {
        sb.append(one);
        i++;
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawPath r && java.util.Arrays.equals(r.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }
}
