package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed path in the model, from the rules of DESIGN.md and {@code GuestPath}'s Javadoc, in the
 * documented order: longer than 4096 bytes {@code ENAMETOOLONG}; NUL {@code EINVAL}; not UTF-8
 * {@code EILSEQ}; empty {@code ENOENT}; absolute {@code EPERM}; a component longer than 255 bytes
 * {@code ENAMETOOLONG}. Empty components ({@code //}) are dropped; {@code .} and {@code ..} kept.
 *
 * @param components the components in order, never empty
 * @param trailingSlash whether the text ended in {@code /}
 * @param absolute always false for a parsed path (absolute paths are refused); kept for clarity
 */
public record ModelPath(List<String> components, boolean trailingSlash, boolean absolute) {
  public static final int MAX_PATH = 4096;
  public static final int MAX_NAME = 255;

  /** Parses a guest's bytes. */
  public static ModelPath parse(byte[] bytes) {
    if (bytes.length > MAX_PATH) {
      throw new WasiException(Errno.ENAMETOOLONG, "model: path too long");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new WasiException(Errno.EINVAL, "model: NUL");
      }
    }
    // Valid UTF-8 is exactly what survives a decode/encode round trip unchanged.
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw new WasiException(Errno.EILSEQ, "model: not UTF-8");
    }
    if (text.isEmpty()) {
      throw new WasiException(Errno.ENOENT, "model: empty path");
    }
    if (text.startsWith("/")) {
      throw new WasiException(Errno.EPERM, "model: absolute path");
    }
    List<String> parts = new ArrayList<>();
    for (String part : text.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
        throw new WasiException(Errno.ENAMETOOLONG, "model: name too long");
      }
      parts.add(part);
    }
    return new ModelPath(List.copyOf(parts), text.endsWith("/"), false);
  }

  /** Parses a path or a symlink target given as text (the same rules, on its UTF-8 bytes). */
  public static ModelPath parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the last component is {@code .} or {@code ..} (the path names a directory itself). */
  public boolean endsInDots() {
    String last = components.get(components.size() - 1);
    return last.equals(".") || last.equals("..");
  }
}
