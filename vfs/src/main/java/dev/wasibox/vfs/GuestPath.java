package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A relative guest path, parsed and checked before any lookup: its components in order ({@code .}
 * and {@code ..} kept, empty components from {@code //} dropped) and whether it ended in {@code /}.
 *
 * <p>Parsing rejects, in this order: over-long paths ({@code ENAMETOOLONG}, on the raw bytes), NUL
 * anywhere ({@code EINVAL}, never truncated), invalid UTF-8 ({@code EILSEQ}), the empty path
 * ({@code ENOENT}), absolute paths ({@code EPERM}: there is no global namespace) and over-long
 * components ({@code ENAMETOOLONG}). The same rules apply to symlink targets, at use.
 */
public final class GuestPath {
  private final ImmutableList<String> components;
  private final boolean trailingSlash;

  private GuestPath(ImmutableList<String> components, boolean trailingSlash) {
    this.components = components;
    this.trailingSlash = trailingSlash;
  }

  /** Parses the bytes a guest passed. */
  public static GuestPath parse(byte[] bytes, PathLimits limits) {
    checkNotNull(bytes);
    if (bytes.length > limits.maxPathBytes()) {
      throw new WasiException(Errno.ENAMETOOLONG, "path of " + bytes.length + " bytes");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new WasiException(Errno.EINVAL, "NUL in path");
      }
    }
    return parseText(decodeUtf8(bytes), bytes.length, limits);
  }

  /**
   * Parses a Java string (a symlink target, or a path given by the embedding program), with the
   * checks in the same order as for bytes: length, NUL, then encoding.
   */
  public static GuestPath parse(String text, PathLimits limits) {
    checkNotNull(text);
    int length = utf8Length(text);
    if (length > limits.maxPathBytes()) {
      throw new WasiException(Errno.ENAMETOOLONG, "path of " + length + " bytes");
    }
    if (text.indexOf('\0') >= 0) {
      throw new WasiException(Errno.EINVAL, "NUL in path");
    }
    byte[] utf8 = encodeUtf8(text);
    return parseText(text, utf8.length, limits);
  }

  private static GuestPath parseText(String text, int byteLength, PathLimits limits) {
    if (text.isEmpty()) {
      throw new WasiException(Errno.ENOENT, "empty path");
    }
    if (text.charAt(0) == '/') {
      throw new WasiException(Errno.EPERM, "absolute path");
    }
    ImmutableList.Builder<String> parts = ImmutableList.builder();
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = text.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      if (end > start) {
        String part = text.substring(start, end);
        // A UTF-8 encoding takes at least as many bytes as UTF-16 chars; count exactly only when
        // the cheap bound says it may be too long.
        if (part.length() * 3 > limits.maxNameBytes()
            && utf8Length(part) > limits.maxNameBytes()) {
          throw new WasiException(Errno.ENAMETOOLONG, "component too long");
        }
        parts.add(part);
      }
      start = end + 1;
    }
    return new GuestPath(parts.build(), text.charAt(n - 1) == '/');
  }

  /** The components in order; never empty ({@code "./"} gives {@code ["."]}). */
  public ImmutableList<String> components() {
    return components;
  }

  /** Whether the path ended in {@code /}, which requires the result to be a directory. */
  public boolean trailingSlash() {
    return trailingSlash;
  }

  /** Decodes strict UTF-8 ({@code EILSEQ} for malformed or overlong sequences and surrogates). */
  public static String decodeUtf8(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new WasiException(Errno.EILSEQ, "invalid UTF-8 in path");
    }
  }

  /** Encodes to UTF-8 ({@code EILSEQ} for unpaired surrogates, which have no encoding). */
  public static byte[] encodeUtf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new WasiException(Errno.EILSEQ, "unpaired surrogate");
    }
  }

  private static int utf8Length(String s) {
    int len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len++;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c)) {
        len += 4;
        i++;
      } else {
        len += 3;
      }
    }
    return len;
  }

  @Override
  public String toString() {
    return String.join("/", components) + (trailingSlash ? "/" : "");
  }
}
