package io.airlock.responseside.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The series behind the charts, aggregated from the answers as they were decided. */
@AdminApiIntegrationTest
class SeriesApiIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void aggregatesTheAnswersOfAMinuteTheirTimesHitsAndFailures() {
    // Half an hour ago: a minute no other test answers in, whatever the clock says now.
    Instant minute = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    String reason = "test_reason_" + UUID.randomUUID().toString().substring(0, 8);
    answer(minute, "completed", 10, false, null);
    answer(minute, "completed", 30, true, null);
    answer(minute, "failed", null, false, reason);

    assertThat(at(series("answers", "hour"), minute, "answers")).isEqualTo(3);
    Map<String, Object> execution = series("execution", "hour");
    assertThat(List.copyOf(((Map<?, ?>) execution.get("series")).keySet()))
        .isEqualTo(List.of("p50_ms", "p95_ms"));
    assertThat((List<?>) execution.get("labels")).hasSize(60);
    assertThat(at(execution, minute, "p50_ms")).isEqualTo(20);
    assertThat(at(execution, minute, "p95_ms")).isEqualTo(29);
    assertThat(at(series("cache-hit-ratio", "hour"), minute, "cache_hit_ratio")).isEqualTo(0.5);
    Map<String, Object> cache = series("cache", "hour");
    assertThat(at(cache, minute, "cache_hits")).isEqualTo(1);
    assertThat(at(cache, minute, "cache_misses")).isEqualTo(1);
    assertThat(at(series("cache-bytes", "hour"), minute, "bytes_cached")).isEqualTo(100);
    Map<String, Object> failures = series("failures", "day");
    int index = ((List<?>) failures.get("labels")).indexOf(reason);
    assertThat(index).isNotNegative();
    assertThat(((List<?>) ((Map<?, ?>) failures.get("series")).get("failures")).get(index))
        .isEqualTo(1);
    assertThat((List<?>) series("cache-hit-ratio", "day").get("labels")).hasSize(24);
    AdminApi.asAdmin(port)
        .get()
        .uri("/stats/timeseries?metric=temperature")
        .exchange()
        .expectStatus()
        .isBadRequest();
    AdminApi.asAdmin(port)
        .get()
        .uri("/stats/timeseries?metric=answers&range=week")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  /** The value of {@code name} in the bucket that starts at {@code start}. */
  private static Number at(Map<String, Object> series, Instant start, String name) {
    int index = ((List<?>) series.get("labels")).indexOf(start.toString());
    assertThat(index).as("the bucket of %s", start).isNotNegative();
    return (Number) ((List<?>) ((Map<?, ?>) series.get("series")).get(name)).get(index);
  }

  private void answer(
      Instant minute, String outcome, Integer executionMs, boolean cacheHit, String reason) {
    jdbc.sql(
            """
            insert into query_results (request_id, outcome, result, reason_code, execution_ms,
                cache_hit, result_bytes, decided_at)
            values (:id, :outcome, case when :outcome = 'completed' then '{}'::jsonb end, :reason,
                :ms, :hit, case when :outcome = 'completed' then 100 end, :at)""")
        .param("id", UUID.randomUUID())
        .param("outcome", outcome)
        .param("reason", reason)
        .param("ms", executionMs)
        .param("hit", cacheHit)
        .param("at", Timestamp.from(minute.plusSeconds(10)))
        .update();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> series(String metric, String range) {
    return AdminApi.asAdmin(port)
        .get()
        .uri("/stats/timeseries?metric={m}&range={r}", metric, range)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
