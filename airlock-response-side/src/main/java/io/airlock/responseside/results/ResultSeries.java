package io.airlock.responseside.results;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answers over time, aggregated in SQL from {@code query_results} as they were decided: how
 * many, how long they ran, how many the cache answered, and why the others failed.
 */
@Repository
public class ResultSeries {

  /** The spans a series covers, each in buckets of its own width. */
  public enum Span {
    /** The last hour, minute by minute. */
    HOUR(Duration.ofHours(1), ChronoUnit.MINUTES),
    /** The last day, hour by hour. */
    DAY(Duration.ofDays(1), ChronoUnit.HOURS);

    final Duration length;
    final ChronoUnit bucket;

    Span(Duration length, ChronoUnit bucket) {
      this.length = length;
      this.bucket = bucket;
    }

    public Duration length() {
      return length;
    }
  }

  /**
   * One value per bucket for each series, the buckets' starts in {@code starts}.
   *
   * @param series by name: {@code answers}, {@code p50_ms}, {@code p95_ms}, {@code
   *     cache_hit_ratio}, {@code cache_hits}, {@code cache_misses} (completed answers the cache did
   *     not give) and {@code bytes_cached} (the result bytes those misses stored); a bucket without
   *     answers has 0 for the counts and null for the others
   */
  public record Buckets(List<Instant> starts, Map<String, List<Number>> series) {}

  private final JdbcClient jdbc;

  ResultSeries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The series over {@code span}, up to the bucket {@code now} falls in. */
  public Buckets over(Span span, Instant now) {
    Instant last = now.truncatedTo(span.bucket);
    Instant first = last.minus(span.length).plus(1, span.bucket);
    List<Instant> starts = new ArrayList<>();
    Map<String, List<Number>> series = new LinkedHashMap<>();
    for (String name :
        List.of(
            "answers",
            "p50_ms",
            "p95_ms",
            "cache_hit_ratio",
            "cache_hits",
            "cache_misses",
            "bytes_cached")) {
      series.put(name, new ArrayList<>());
    }
    jdbc.sql(
            """
            select b.start, count(r.request_id) as answers,
                   percentile_cont(0.5) within group (order by r.execution_ms) as p50,
                   percentile_cont(0.95) within group (order by r.execution_ms) as p95,
                   avg(case when r.cache_hit then 1.0 else 0.0 end)
                       filter (where r.outcome = 'completed') as hit_ratio,
                   count(*) filter (where r.outcome = 'completed' and r.cache_hit) as hits,
                   count(*) filter (where r.outcome = 'completed' and not r.cache_hit) as misses,
                   coalesce(sum(r.result_bytes)
                       filter (where r.outcome = 'completed' and not r.cache_hit), 0) as bytes
            from generate_series(cast(:first as timestamptz), cast(:last as timestamptz),
                                 cast(:step as interval)) as b(start)
            left join query_results r
              on r.decided_at >= b.start and r.decided_at < b.start + cast(:step as interval)
            group by b.start order by b.start""")
        .param("first", Timestamp.from(first))
        .param("last", Timestamp.from(last))
        .param("step", span.bucket == ChronoUnit.MINUTES ? "1 minute" : "1 hour")
        .query(
            (RowCallbackHandler)
                rs -> {
                  starts.add(rs.getTimestamp("start").toInstant());
                  series.get("answers").add(rs.getLong("answers"));
                  series.get("p50_ms").add(rounded(rs.getObject("p50", Double.class)));
                  series.get("p95_ms").add(rounded(rs.getObject("p95", Double.class)));
                  Number ratio = rs.getBigDecimal("hit_ratio");
                  series.get("cache_hit_ratio").add(ratio == null ? null : ratio.doubleValue());
                  series.get("cache_hits").add(rs.getLong("hits"));
                  series.get("cache_misses").add(rs.getLong("misses"));
                  series.get("bytes_cached").add(rs.getLong("bytes"));
                });
    return new Buckets(starts, series);
  }

  /** How many answers failed for each reason since {@code since}, most first. */
  public Map<String, Long> failures(Instant since) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    jdbc.sql(
            """
            select reason_code, count(*) as n from query_results
            where outcome <> 'completed' and decided_at >= :since
            group by reason_code order by n desc, reason_code""")
        .param("since", Timestamp.from(since))
        .query(
            (RowCallbackHandler) rs -> reasons.put(rs.getString("reason_code"), rs.getLong("n")));
    return reasons;
  }

  private static Long rounded(Double value) {
    return value == null ? null : Math.round(value);
  }
}
