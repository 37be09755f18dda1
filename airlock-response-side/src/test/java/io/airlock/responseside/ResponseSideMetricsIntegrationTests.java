package io.airlock.responseside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.transfer.records.QueryType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response side's own meters after real work: requests queued, run by the side's workers on the
 * OpenSearch node, answered from the cache, failed and expired. Each test counts what its own
 * requests add, and waits until they ended and no worker is busy, so that every run is counted.
 */
@ResponseSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.executor.enabled=true",
      "airlock.executor.workers=2",
      "airlock.executor.poll-interval=50ms"
    })
class ResponseSideMetricsIntegrationTests {

  // The gauges read the database at most every 5 seconds.
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired MeterRegistry registry;
  @Autowired JdbcClient jdbc;
  @Autowired ResultCache cache;
  @Autowired JsonMapper json;
  @Autowired ApplicationContext context;
  QueueFixture fixture;

  // A run of an earlier test class on this context is counted before this test counts its own.
  @BeforeEach
  void fixture() {
    fixture = new QueueFixture(jdbc);
    await().atMost(WAIT).until(() -> gauge("airlock.workers.busy") == 0);
  }

  @Test
  void gaugesTheWorkersThisInstanceRuns() {
    assertThat(gauge("airlock.workers")).isEqualTo(2);
  }

  @Test
  void gaugesTheRequestsWaitingByPriorityAndHowLongTheOldestHasWaited() {
    Lifecycle workers = context.getBean("workers", Lifecycle.class);
    workers.stop();
    try {
      fixture.drain();
      UUID oldest = fixture.enqueue("assets", QueryType.COUNT, uniqueCount(), 3);
      fixture.enqueue("assets", QueryType.COUNT, uniqueCount(), 3);
      fixture.enqueue("assets", QueryType.COUNT, uniqueCount(), 7);
      jdbc.sql(
              "update incoming_requests set received_at = now() - interval '1 minute'"
                  + " where request_id = :id")
          .param("id", oldest)
          .update();

      await().atMost(WAIT).until(() -> depth("queued", 3) == 2);

      assertThat(depth("queued", 7)).isEqualTo(1);
      assertThat(depth("queued", 0)).isZero();
      assertThat(depth("processing", 3)).isZero();
      assertThat(gauge("airlock.queue.oldest.age")).isBetween(60.0, 80.0);
    } finally {
      workers.start();
    }
    await().atMost(WAIT).until(() -> depth("queued", 3) == 0 && depth("queued", 7) == 0);
    assertThat(gauge("airlock.queue.oldest.age")).isZero();
  }

  @Test
  void countsEachCompletedRunItsEngineCallAndItsCacheMiss() {
    double completed = executions("completed", "none");
    long fromEngine = executionTimes("engine");
    long engineCalls = engineCalls("success");
    double misses = count("airlock.cache.misses");

    List<UUID> ids =
        Stream.generate(() -> fixture.enqueue("assets", QueryType.COUNT, uniqueCount(), 0))
            .limit(3)
            .toList();
    awaitEnded(ids, "completed");

    assertThat(executions("completed", "none")).isEqualTo(completed + 3);
    assertThat(executionTimes("engine")).isEqualTo(fromEngine + 3);
    assertThat(engineCalls("success")).isEqualTo(engineCalls + 3);
    assertThat(count("airlock.cache.misses")).isEqualTo(misses + 3);
    await()
        .atMost(WAIT)
        .until(
            () ->
                gauge("airlock.cache.entries") == table("count(*)")
                    && gauge("airlock.cache.bytes") == table("coalesce(sum(bytes), 0)"));
  }

  @Test
  void countsTheSameQueryAskedAgainAsACacheHitThatCallsNoEngine() {
    String query = uniqueCount();
    awaitEnded(List.of(fixture.enqueue("assets", QueryType.COUNT, query, 0)), "completed");
    double completed = executions("completed", "none");
    long fromCache = executionTimes("cache");
    long engineCalls = engineCalls("success");
    double hits = hits("memory") + hits("database");

    awaitEnded(List.of(fixture.enqueue("assets", QueryType.COUNT, query, 0)), "completed");

    assertThat(executions("completed", "none")).isEqualTo(completed + 1);
    assertThat(executionTimes("cache")).isEqualTo(fromCache + 1);
    assertThat(hits("memory") + hits("database")).isEqualTo(hits + 1);
    assertThat(engineCalls("success")).isEqualTo(engineCalls);
  }

  @Test
  void countsFailedAndExpiredRequestsByTheirReason() {
    double notFound = executions("failed", "index_not_found");
    double expired = executions("expired", "deadline_passed");
    long engineErrors = engineCalls("error");
    long engineRejections = engineCalls("rejected");

    UUID missingIndex = fixture.enqueue("no-such-index", QueryType.COUNT, uniqueCount(), 0);
    UUID late =
        fixture.enqueue(
            "assets", QueryType.COUNT, uniqueCount(), 0, Instant.now().minusSeconds(60));
    awaitEnded(List.of(missingIndex), "failed");
    awaitEnded(List.of(late), "expired");

    assertThat(executions("failed", "index_not_found")).isEqualTo(notFound + 1);
    // The query's fault, not the engine's.
    assertThat(engineCalls("rejected")).isEqualTo(engineRejections + 1);
    assertThat(engineCalls("error")).isEqualTo(engineErrors);
    assertThat(executions("expired", "deadline_passed")).isEqualTo(expired + 1);
  }

  @Test
  void countsTheEntriesAnOperatorRemoves() {
    String key = "metrics-" + UUID.randomUUID();
    cache.store(
        key,
        "assets",
        QueryType.COUNT,
        json.readTree("{}"),
        ResultBody.of(json.readTree("{\"count\":1}"), json));
    double invalidated = evictions("database", "invalidated");

    assertThat(cache.invalidate(key)).isTrue();

    assertThat(evictions("database", "invalidated")).isEqualTo(invalidated + 1);
  }

  /** Waits until the requests ended with {@code status} and no worker still counts a run. */
  private void awaitEnded(List<UUID> ids, String status) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                ids.stream().allMatch(id -> status.equals(fixture.status(id)))
                    && gauge("airlock.workers.busy") == 0);
  }

  /** A count no other test asks, so that it misses the cache. */
  private static String uniqueCount() {
    return "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID());
  }

  private double executions(String outcome, String reason) {
    return count("airlock.executions", "outcome", outcome, "reason", reason);
  }

  private double hits(String level) {
    return count("airlock.cache.hits", "level", level);
  }

  private double evictions(String level, String cause) {
    return count("airlock.cache.evictions", "level", level, "cause", cause);
  }

  /** A counter's count, whether it counts itself or reads a count kept elsewhere. */
  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).meter().measure().iterator().next().getValue();
  }

  private long executionTimes(String source) {
    return registry.get("airlock.execution").tag("source", source).timer().count();
  }

  private long engineCalls(String outcome) {
    return registry.get("airlock.engine.calls").tag("outcome", outcome).timer().count();
  }

  private double depth(String status, int priority) {
    return registry
        .get("airlock.queue.depth")
        .tags("status", status, "priority", Integer.toString(priority))
        .gauge()
        .value();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double table(String aggregate) {
    return jdbc.sql("select " + aggregate + " from query_cache where expires_at > now()")
        .query(Long.class)
        .single();
  }
}
