package dev.wasibox.host.judge;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of every case in natural order, and the overall verdict: the first case that was
 * not accepted, or AC.
 */
public record JudgeReport(ImmutableList<CaseResult> tests) {
  public JudgeReport(List<CaseResult> tests) {
    this(ImmutableList.copyOf(tests));
  }

  /** The first non-AC verdict (skipped cases do not count), or AC. */
  public CaseVerdict verdict() {
    for (CaseResult r : tests) {
      if (r.verdict() != CaseVerdict.AC && r.verdict() != CaseVerdict.SKIPPED) {
        return r.verdict();
      }
    }
    return CaseVerdict.AC;
  }

  /** Whether every case was accepted. */
  public boolean accepted() {
    return tests.stream().allMatch(r -> r.verdict() == CaseVerdict.AC);
  }

  /** The report as the JSON structure of {@code --report}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verdict", verdict().name());
    out.put("passed", tests.stream().filter(r -> r.verdict() == CaseVerdict.AC).count());
    out.put("total", tests.size());
    out.put(
        "tests",
        tests.stream()
            .map(
                r -> {
                  Map<String, Object> t = new LinkedHashMap<>();
                  t.put("name", r.name());
                  t.put("verdict", r.verdict().name());
                  t.put("time_ms", r.timeMs());
                  t.put("wall_ms", r.wallMs());
                  t.put("memory_bytes", r.memoryBytes());
                  t.put("exit_code", r.exitCode());
                  if (r.message() != null) {
                    t.put("message", r.message());
                  }
                  return (Object) t;
                })
            .toList());
    return out;
  }
}
