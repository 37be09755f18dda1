package io.airlock.bench;

import java.util.List;

/**
 * One line of a figure table: what was measured, its same-run baseline, the ratio or value that is
 * held to a target, and whether it meets it.
 */
public record Row(
    String what, String measured, String baseline, String compared, String target, boolean pass) {

  /** A throughput held to at least {@code target} of its baseline's. */
  public static Row ratio(
      String what, double measured, double baseline, String baselineName, double target) {
    double ratio = measured / baseline;
    return new Row(
        what,
        "%,.1f".formatted(measured),
        "%,.1f (%s)".formatted(baseline, baselineName),
        "%.0f%%".formatted(ratio * 100),
        "≥ %.0f%%".formatted(target * 100),
        ratio >= target);
  }

  /** A throughput held to at least {@code target} a second, reported next to its baseline's. */
  public static Row perSecond(
      String what, double measured, double baseline, String baselineName, double target) {
    return new Row(
        what,
        "%,.0f/s".formatted(measured),
        "%,.0f/s (%s)".formatted(baseline, baselineName),
        "%.0f%%".formatted(measured / baseline * 100),
        "≥ %,.0f/s".formatted(target),
        measured >= target);
  }

  /** A latency held to at most {@code targetMs}. */
  public static Row latency(String what, double ms, String baseline, double targetMs) {
    return new Row(
        what,
        "%.1f ms".formatted(ms),
        baseline,
        "%.1f ms".formatted(ms),
        "≤ %.0f ms".formatted(targetMs),
        ms <= targetMs);
  }

  /** A figure reported next to its baseline with no target of its own. */
  public static Row reported(String what, String measured, String baseline, String compared) {
    return new Row(what, measured, baseline, compared, "", true);
  }

  static List<String> table(List<Row> rows) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("| figure | measured | baseline in the same run | compared | target | |");
    lines.add("|---|---|---|---|---|---|");
    for (Row row : rows) {
      lines.add(
          "| %s | %s | %s | %s | %s | %s |"
              .formatted(
                  row.what,
                  row.measured,
                  row.baseline,
                  row.compared,
                  row.target,
                  row.target.isEmpty() ? "" : row.pass ? "pass" : "FAIL"));
    }
    return lines;
  }
}
