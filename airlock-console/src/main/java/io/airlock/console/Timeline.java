package io.airlock.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request's stages in order, each with when it was reached and how long the hop to it took, for
 * the {@code timeline} fragment.
 */
public final class Timeline {

  /**
   * One stage.
   *
   * @param name its key ({@code console.stage.<name>})
   * @param at when it was reached, or null if not yet
   * @param took how long since the stage before it was reached, or null
   */
  public record Step(String name, Instant at, String took) {}

  private Timeline() {}

  /** The steps of {@code stages}, in their map's order. */
  public static List<Step> of(Map<String, Instant> stages) {
    List<Step> steps = new ArrayList<>();
    Instant previous = null;
    for (Map.Entry<String, Instant> stage : stages.entrySet()) {
      Instant at = stage.getValue();
      String took =
          previous == null || at == null ? null : readable(Duration.between(previous, at));
      steps.add(new Step(stage.getKey(), at, took));
      if (at != null) {
        previous = at;
      }
    }
    return steps;
  }

  /** {@code 850 ms}, {@code 3.2 s}, {@code 4 min 5 s}. */
  static String readable(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
  }
}
