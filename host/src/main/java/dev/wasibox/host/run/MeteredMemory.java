package dev.wasibox.host.run;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;

/**
 * A guest's linear memory that remembers whether a {@code memory.grow} was refused because of the
 * run's memory cap, so that a run that then fails is reported as MLE rather than as a trap or a
 * plain non-zero exit. A grow refused by a maximum the module declares itself (below 4 GiB) is
 * ordinary WebAssembly behaviour, the same under any cap, and is not counted; a request beyond
 * 4 GiB from a module without its own maximum is (a judge's "needed more memory than allowed").
 * Every abstract method delegates unchanged to the wrapped memory; the interface's default
 * methods are built on them.
 */
final class MeteredMemory implements Memory {
  private static final long MAX_PAGES = 65536;
  private final Memory delegate;
  private final long ownMaximumPages;
  private volatile boolean refusedGrow;

  /**
   * @param delegate the memory, already clamped to the run's cap
   * @param ownMaximumPages the maximum the module itself declares (65536, the 32-bit limit, when
   *     it declares none, and then no request is the module's own doing)
   */
  MeteredMemory(Memory delegate, int ownMaximumPages) {
    this.delegate = delegate;
    this.ownMaximumPages = ownMaximumPages;
  }

  /** Whether the guest asked for memory that the cap refused and its own maximum did not. */
  boolean refusedGrow() {
    return refusedGrow;
  }

  @Override
  public int pages() {
    return delegate.pages();
  }

  @Override
  public int grow(int pages) {
    int before = delegate.pages();
    int previous = delegate.grow(pages);
    if (previous < 0 && !refusedByOwnMaximum(before, pages)) {
      refusedGrow = true;
    }
    return previous;
  }

  private boolean refusedByOwnMaximum(int before, int pages) {
    // memory.grow's operand is unsigned: a negative int asks for more than 4 GiB.
    return ownMaximumPages < MAX_PAGES && before + Integer.toUnsignedLong(pages) > ownMaximumPages;
  }

  @Override
  public int initialPages() {
    return delegate.initialPages();
  }

  @Override
  public int maximumPages() {
    return delegate.maximumPages();
  }

  @Override
  public boolean shared() {
    return delegate.shared();
  }

  @Override
  public Object lock(int a0) {
    return delegate.lock(a0);
  }

  @Override
  public int waitOn(int a0, int a1, long a2) {
    return delegate.waitOn(a0, a1, a2);
  }

  @Override
  public int waitOn(int a0, long a1, long a2) {
    return delegate.waitOn(a0, a1, a2);
  }

  @Override
  public int notify(int a0, int a1) {
    return delegate.notify(a0, a1);
  }

  @Override
  public void initialize(Instance a0, DataSegment[] a1) {
    delegate.initialize(a0, a1);
  }

  @Override
  public void initPassiveSegment(int a0, int a1, int a2, int a3) {
    delegate.initPassiveSegment(a0, a1, a2, a3);
  }

  @Override
  public void write(int a0, byte[] a1, int a2, int a3) {
    delegate.write(a0, a1, a2, a3);
  }

  @Override
  public byte read(int a0) {
    return delegate.read(a0);
  }

  @Override
  public byte[] readBytes(int a0, int a1) {
    return delegate.readBytes(a0, a1);
  }

  @Override
  public void writeI32(int a0, int a1) {
    delegate.writeI32(a0, a1);
  }

  @Override
  public int readInt(int a0) {
    return delegate.readInt(a0);
  }

  @Override
  public void writeLong(int a0, long a1) {
    delegate.writeLong(a0, a1);
  }

  @Override
  public long readLong(int a0) {
    return delegate.readLong(a0);
  }

  @Override
  public void writeShort(int a0, short a1) {
    delegate.writeShort(a0, a1);
  }

  @Override
  public short readShort(int a0) {
    return delegate.readShort(a0);
  }

  @Override
  public long readU16(int a0) {
    return delegate.readU16(a0);
  }

  @Override
  public void writeByte(int a0, byte a1) {
    delegate.writeByte(a0, a1);
  }

  @Override
  public void writeF32(int a0, float a1) {
    delegate.writeF32(a0, a1);
  }

  @Override
  public long readF32(int a0) {
    return delegate.readF32(a0);
  }

  @Override
  public float readFloat(int a0) {
    return delegate.readFloat(a0);
  }

  @Override
  public void writeF64(int a0, double a1) {
    delegate.writeF64(a0, a1);
  }

  @Override
  public double readDouble(int a0) {
    return delegate.readDouble(a0);
  }

  @Override
  public long readF64(int a0) {
    return delegate.readF64(a0);
  }

  @Override
  public void zero() {
    delegate.zero();
  }

  @Override
  public void fill(byte a0, int a1, int a2) {
    delegate.fill(a0, a1, a2);
  }

  @Override
  public void drop(int a0) {
    delegate.drop(a0);
  }
  // Defaults that ByteArrayMemory overrides with faster code: delegate them too.

  @Override
  public void initialize(Instance a0, DataSegment[] a1, int a2) {
    delegate.initialize(a0, a1, a2);
  }

  @Override
  public void write(int a0, byte[] a1) {
    delegate.write(a0, a1);
  }

  @Override
  public void copy(int a0, int a1, int a2) {
    delegate.copy(a0, a1, a2);
  }
}
