package dev.wasibox.fuzz.module;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a WebAssembly binary module (core spec 2.0, the sections the templates need): types,
 * function imports, functions, one table, one memory, exports, a start function, active element
 * and data segments. Indices are handed out in the order things are added; imports come first.
 */
final class WasmWriter {
  static final byte I32 = 0x7F;
  static final byte I64 = 0x7E;
  static final byte F32 = 0x7D;
  static final byte F64 = 0x7C;

  private final List<byte[]> types = new ArrayList<>();
  private final List<byte[]> imports = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<byte[]> exports = new ArrayList<>();
  private final List<byte[]> elems = new ArrayList<>();
  private final List<byte[]> datas = new ArrayList<>();
  private byte[] table;
  private byte[] memory;
  private Integer start;

  /** Adds a function type; returns its index. */
  int type(byte[] params, byte[] results) {
    Bytes b = new Bytes().u8(0x60).vec(params).vec(results);
    types.add(b.toArray());
    return types.size() - 1;
  }

  /** Imports a function; returns its function index (imports are numbered first). */
  int importFunction(String module, String name, int type) {
    imports.add(new Bytes().name(module).name(name).u8(0x00).u32(type).toArray());
    return imports.size() - 1;
  }

  /** Adds a function with extra locals of one type each; returns its function index. */
  int function(int type, byte[] locals, Code body) {
    funcTypes.add(type);
    Bytes b = new Bytes().u32(locals.length);
    for (byte l : locals) {
      b.u32(1).u8(l);
    }
    b.raw(body.end().toArray());
    bodies.add(new Bytes().u32(b.size()).raw(b.toArray()).toArray());
    return imports.size() + funcTypes.size() - 1;
  }

  /** The one funcref table; {@code max < 0} for none. */
  WasmWriter table(long min, long max) {
    table = new Bytes().u8(0x70).raw(limits(min, max)).toArray();
    return this;
  }

  /** The one memory, in pages; {@code max < 0} for none. */
  WasmWriter memory(long min, long max) {
    memory = limits(min, max);
    return this;
  }

  WasmWriter exportFunction(String name, int index) {
    exports.add(new Bytes().name(name).u8(0x00).u32(index).toArray());
    return this;
  }

  WasmWriter exportMemory(String name) {
    exports.add(new Bytes().name(name).u8(0x02).u32(0).toArray());
    return this;
  }

  WasmWriter start(int function) {
    start = function;
    return this;
  }

  /** An active element segment of table 0 at a constant offset. */
  WasmWriter elem(int offset, int... functions) {
    Bytes b = new Bytes().u32(0).raw(constI32(offset)).u32(functions.length);
    for (int f : functions) {
      b.u32(f);
    }
    elems.add(b.toArray());
    return this;
  }

  /** An active data segment of memory 0 at a constant offset. */
  WasmWriter data(int offset, byte[] bytes) {
    datas.add(new Bytes().u32(0).raw(constI32(offset)).vec(bytes).toArray());
    return this;
  }

  byte[] toBytes() {
    Bytes out = new Bytes().raw(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    section(out, 1, types);
    section(out, 2, imports);
    List<byte[]> fs = new ArrayList<>();
    for (int t : funcTypes) {
      fs.add(new Bytes().u32(t).toArray());
    }
    section(out, 3, fs);
    if (table != null) {
      section(out, 4, List.of(table));
    }
    if (memory != null) {
      section(out, 5, List.of(memory));
    }
    section(out, 7, exports);
    if (start != null) {
      Bytes s = new Bytes().u32(start);
      out.u8(8).u32(s.size()).raw(s.toArray());
    }
    section(out, 9, elems);
    section(out, 10, bodies);
    section(out, 11, datas);
    return out.toArray();
  }

  private static void section(Bytes out, int id, List<byte[]> items) {
    if (items.isEmpty()) {
      return;
    }
    Bytes content = new Bytes().u32(items.size());
    for (byte[] item : items) {
      content.raw(item);
    }
    out.u8(id).u32(content.size()).raw(content.toArray());
  }

  private static byte[] limits(long min, long max) {
    return max < 0 ? new Bytes().u8(0).u32(min).toArray() : new Bytes().u8(1).u32(min).u32(max).toArray();
  }

  private static byte[] constI32(int value) {
    return new Bytes().u8(0x41).s64(value).u8(0x0B).toArray();
  }

  /** A growable byte buffer with the LEB128 encodings of the binary format. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int b) {
      out.write(b);
      return this;
    }

    Bytes raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    /** Unsigned LEB128 (u32 fields; also used for larger values in tests of the parser). */
    Bytes u32(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    /** Signed LEB128 (i32 and i64 constants). */
    Bytes s64(long v) {
      while (true) {
        int b = (int) (v & 0x7F);
        v >>= 7;
        boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        out.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Bytes vec(byte[] items) {
      return u32(items.length).raw(items);
    }

    Bytes name(String s) {
      return vec(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    int size() {
      return out.size();
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }
}
