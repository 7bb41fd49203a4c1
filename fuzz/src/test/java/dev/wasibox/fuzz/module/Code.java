package dev.wasibox.fuzz.module;

/**
 * The body of one function, instruction by instruction (opcodes from the core spec's binary
 * format). {@link WasmWriter#function} appends the final {@code end}.
 */
final class Code {
  private final WasmWriter.Bytes bytes = new WasmWriter.Bytes();

  /** A plain one-byte instruction. */
  Code op(int opcode) {
    bytes.u8(opcode);
    return this;
  }

  Code i32Const(int v) {
    bytes.u8(0x41).s64(v);
    return this;
  }

  Code i64Const(long v) {
    bytes.u8(0x42).s64(v);
    return this;
  }

  Code f64Const(double v) {
    bytes.u8(0x44);
    long bits = Double.doubleToRawLongBits(v);
    for (int i = 0; i < 8; i++) {
      bytes.u8((int) (bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  Code localGet(int i) {
    bytes.u8(0x20).u32(i);
    return this;
  }

  Code localSet(int i) {
    bytes.u8(0x21).u32(i);
    return this;
  }

  Code localTee(int i) {
    bytes.u8(0x22).u32(i);
    return this;
  }

  Code call(int function) {
    bytes.u8(0x10).u32(function);
    return this;
  }

  Code callIndirect(int type) {
    bytes.u8(0x11).u32(type).u8(0x00);
    return this;
  }

  /** {@code block}, {@code loop} or {@code if} with an empty block type. */
  Code block(int opcode) {
    bytes.u8(opcode).u8(0x40);
    return this;
  }

  Code br(int depth) {
    bytes.u8(0x0C).u32(depth);
    return this;
  }

  Code brIf(int depth) {
    bytes.u8(0x0D).u32(depth);
    return this;
  }

  Code end() {
    bytes.u8(0x0B);
    return this;
  }

  /** A load or store with its memarg: log2 alignment and a u32 offset. */
  Code memory(int opcode, int align, long offset) {
    bytes.u8(opcode).u32(align).u32(offset);
    return this;
  }

  Code memorySize() {
    bytes.u8(0x3F).u8(0x00);
    return this;
  }

  Code memoryGrow() {
    bytes.u8(0x40).u8(0x00);
    return this;
  }

  /** {@code memory.copy} (0xFC 10). */
  Code memoryCopy() {
    bytes.u8(0xFC).u32(10).u8(0x00).u8(0x00);
    return this;
  }

  /** {@code memory.fill} (0xFC 11). */
  Code memoryFill() {
    bytes.u8(0xFC).u32(11).u8(0x00);
    return this;
  }

  /** A saturating truncation (0xFC 0..7). */
  Code truncSat(int sub) {
    bytes.u8(0xFC).u32(sub);
    return this;
  }

  byte[] toArray() {
    return bytes.toArray();
  }
}
