package dev.wasibox.fuzz.vfsops;

/** The operation-sequence properties on the Jimfs memory backend ({@link MemoryBackend}). */
class MemoryVfsOperationProperties extends VfsOperationProperties {
  @Override
  protected Backend backend() {
    return new MemoryBackend();
  }
}
