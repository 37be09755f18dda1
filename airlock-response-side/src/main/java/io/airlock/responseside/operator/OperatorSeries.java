package io.airlock.responseside.operator;

import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.results.ResultSeries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The series behind the dashboard's charts, by metric and range: for {@code GET /stats/timeseries}
 * and the dashboard alike.
 */
@Service
public class OperatorSeries {

  /** The metrics, by the name {@code metric} takes. */
  public static final List<String> METRICS =
      List.of("answers", "execution", "cache-hit-ratio", "cache", "cache-bytes", "failures");

  /**
   * A chart's data.
   *
   * @param labels the buckets' starts (ISO-8601), or the failures' reason codes
   * @param series each series' values, one per label
   */
  public record Series(
      String metric, String range, List<String> labels, Map<String, List<Number>> series) {}

  /** The series of each bucketed metric. */
  private static final Map<String, List<String>> SERIES =
      Map.of(
          "answers", List.of("answers"),
          "execution", List.of("p50_ms", "p95_ms"),
          "cache-hit-ratio", List.of("cache_hit_ratio"),
          "cache", List.of("cache_hits", "cache_misses"),
          "cache-bytes", List.of("bytes_cached"));

  private final ResultSeries results;
  private final Clock clock;

  OperatorSeries(ResultSeries results, Clock clock) {
    this.results = results;
    this.clock = clock;
  }

  /**
   * @throws InvalidField for an unknown metric or range
   */
  public Series of(String metric, String range) {
    return of(List.of(metric), range).get(metric);
  }

  /**
   * Several metrics over one range, their buckets read once.
   *
   * @throws InvalidField for an unknown metric or range
   */
  public Map<String, Series> of(List<String> metrics, String range) {
    for (String metric : metrics) {
      if (!METRICS.contains(metric)) {
        throw new InvalidField("metric", "must be one of " + String.join(", ", METRICS));
      }
    }
    ResultSeries.Span span;
    try {
      span = ResultSeries.Span.valueOf(range.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidField("range", "must be hour or day");
    }
    Instant now = clock.instant();
    ResultSeries.Buckets buckets =
        metrics.stream().anyMatch(SERIES::containsKey) ? results.over(span, now) : null;
    Map<String, Series> all = new LinkedHashMap<>();
    for (String metric : metrics) {
      if (metric.equals("failures")) {
        Map<String, Long> reasons = results.failures(now.minus(span.length()));
        all.put(
            metric,
            new Series(
                metric,
                range,
                List.copyOf(reasons.keySet()),
                Map.of("failures", new ArrayList<Number>(reasons.values()))));
      } else {
        List<String> labels = buckets.starts().stream().map(Instant::toString).toList();
        Map<String, List<Number>> series = new LinkedHashMap<>();
        for (String name : SERIES.get(metric)) {
          series.put(name, buckets.series().get(name));
        }
        all.put(metric, new Series(metric, range, labels, series));
      }
    }
    return all;
  }
}
