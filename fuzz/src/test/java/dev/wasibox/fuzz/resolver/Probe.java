package dev.wasibox.fuzz.resolver;

import dev.wasibox.fuzz.gen.PathGen;
import dev.wasibox.fuzz.gen.RawPath;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** One resolution to try: the guest's path bytes and whether a last symlink is followed. */
record Probe(RawPath path, boolean follow) {
  static Probe of(String path, boolean follow) {
    return new Probe(RawPath.parse(path), follow);
  }

  static Arbitrary<Probe> probes() {
    return Combinators.combine(PathGen.paths(), Arbitraries.of(true, false)).as(Probe::new);
  }

  @Override
  public String toString() {
    return "Probe.of(" + path + ", " + follow + ")";
  }
}
