package io.airlock.responseside.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.cache.ResultBody;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.transfer.query.QueryPolicy;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.records.QueryType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** One request at a time, against the real OpenSearch node with its sample data. */
@ResponseSideIntegrationTest
class QueryExecutionIntegrationTests {

  @Autowired RequestQueue queue;
  @Autowired ResultCache cache;
  @Autowired SearchEngine engine;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  QueueFixture fixture;
  QueryExecution execution;

  @BeforeEach
  void emptyQueue() {
    fixture = new QueueFixture(jdbc);
    fixture.drain();
    execution =
        new QueryExecution(
            queue,
            cache,
            engine,
            QueryRules.standard(),
            json,
            ExecutorFixture.properties(),
            GapTracing.none());
  }

  /** A search no other test asks, so that it misses the cache; it finds critical incidents. */
  static String uniqueSearch(int size) {
    return """
        {"query":{"bool":{"must":[{"term":{"severity":"critical"}}],
         "must_not":[{"term":{"id":"%s"}}]}},"size":%d,"sort":[{"id":"asc"}]}"""
        .formatted(UUID.randomUUID(), size);
  }

  @Test
  void completesASearchOnTheEngineAndCachesTheResult() {
    UUID id = fixture.enqueue("incidents", QueryType.SEARCH, uniqueSearch(3), 0);

    assertThat(runNext()).isEqualTo(new ExecutionOutcome.Completed(false));

    Map<String, Object> request = fixture.request(id);
    assertThat(request).containsEntry("status", "completed").containsEntry("lease_owner", null);
    assertThat(request.get("finished_at")).isNotNull();
    Map<String, Object> answer = fixture.answer(id);
    assertThat(answer).containsEntry("outcome", "completed").containsEntry("cache_hit", false);
    ResultBody stored = ResultBody.of(json.readTree((String) answer.get("result")), json);
    assertThat(stored.json().path("hits").path("hits").size()).isEqualTo(3);
    assertThat(answer)
        .containsEntry("result_sha256", stored.sha256())
        .containsEntry("result_bytes", stored.bytes());
    Map<String, Object> entry = cacheEntry((String) request.get("cache_key"));
    assertThat(entry)
        .containsEntry("result_sha256", stored.sha256())
        .containsEntry("hit_count", 0L);
    assertThat(cacheExpiry(id))
        .isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
  }

  @Test
  void answersTheSameQueryAgainFromTheCacheMarkedAsACacheHit() {
    String search = uniqueSearch(2);
    UUID first = fixture.enqueue("incidents", QueryType.SEARCH, search, 0);
    runNext();
    UUID second = fixture.enqueue("incidents", QueryType.SEARCH, search, 0);

    assertThat(runNext()).isEqualTo(new ExecutionOutcome.Completed(true));

    Map<String, Object> answer = fixture.answer(second);
    assertThat(answer).containsEntry("outcome", "completed").containsEntry("cache_hit", true);
    assertThat(answer.get("result_sha256")).isEqualTo(fixture.answer(first).get("result_sha256"));
    assertThat((Long) answer.get("execution_ms")).as("recorded for a hit too").isNotNegative();
    assertThat(cacheEntry((String) fixture.request(second).get("cache_key")))
        .containsEntry("hit_count", 1L);
  }

  @Test
  void cachesACountForTheShorterCountTtl() {
    UUID id =
        fixture.enqueue(
            "assets",
            QueryType.COUNT,
            "{\"query\":{\"bool\":{\"must_not\":{\"term\":{\"id\":\"%s\"}}}}}"
                .formatted(UUID.randomUUID()),
            0);

    runNext();

    assertThat(json.readTree((String) fixture.answer(id).get("result")).path("count").asLong())
        .isEqualTo(1500);
    assertThat(cacheExpiry(id)).isBefore(Instant.now().plusSeconds(61));
  }

  @Test
  void failsAMalformedQueryAtOnceWithTheEnginesReason() {
    // The grammar checks each parameter; which of them go together is the engine's to say.
    UUID id =
        fixture.enqueue(
            "incidents",
            QueryType.SEARCH,
            "{\"query\":{\"multi_match\":{\"query\":\"disk\",\"type\":\"cross_fields\","
                + "\"fields\":[\"title\"],\"fuzziness\":1}}}",
            0);

    ExecutionOutcome outcome = runNext();

    assertThat(outcome).isInstanceOf(ExecutionOutcome.Failed.class);
    assertThat(fixture.request(id))
        .containsEntry("status", "failed")
        .containsEntry("reason_code", "bad_query")
        .containsEntry("attempts", 1);
    assertThat(fixture.answer(id)).containsEntry("outcome", "failed");
    assertThat((String) fixture.answer(id).get("reason_detail")).contains("Fuzziness not allowed");
  }

  @Test
  void failsAQueryOnAnIndexTheEngineDoesNotHoldAsIndexNotFound() {
    UUID id = fixture.enqueue("no-such-index", QueryType.COUNT, "{}", 0);

    runNext();

    assertThat(fixture.answer(id))
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", "index_not_found");
    assertThat((String) fixture.answer(id).get("reason_detail")).contains("no-such-index");
  }

  @Test
  void refusesAQueuedRequestTheRulesNowRefuseWithoutAskingTheCacheOrTheEngine() {
    // Queued before the grammar refused terms lookups, and answered from the engine back then.
    String lookup =
        "{\"query\":{\"terms\":{\"severity\":"
            + "{\"index\":\"secret\",\"id\":\"1\",\"path\":\"owner\"}}},\"size\":1}";
    UUID id = fixture.enqueue("incidents", QueryType.SEARCH, lookup, 0);
    cache.store(
        (String) fixture.request(id).get("cache_key"),
        "incidents",
        QueryType.SEARCH,
        json.readTree(lookup),
        ResultBody.of(json.readTree("{\"hits\":{\"hits\":[{\"owner\":\"ann\"}]}}"), json));

    assertThat(runNext())
        .isInstanceOfSatisfying(
            ExecutionOutcome.Failed.class,
            failed -> {
              assertThat(failed.reasonCode()).isEqualTo("query_refused");
              assertThat(failed.detail()).startsWith("query_params.query.terms.severity must be");
            });
    assertThat(fixture.answer(id))
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", "query_refused")
        .containsEntry("result", null);
  }

  @Test
  void refusesAQueuedRequestThatTheDeploymentsPolicyNowRefuses() {
    execution =
        new QueryExecution(
            queue,
            cache,
            engine,
            new QueryRules(new QueryPolicy(Set.of("regexp"), Set.of(), 10_000, 3)),
            json,
            ExecutorFixture.properties(),
            GapTracing.none());
    UUID id =
        fixture.enqueue(
            "incidents", QueryType.SEARCH, "{\"query\":{\"regexp\":{\"site\":\"ams.*\"}}}", 0);

    assertThat(runNext())
        .isEqualTo(
            new ExecutionOutcome.Failed(
                "query_refused",
                "query_params.query.regexp is refused by this deployment's query policy"));
    assertThat(fixture.answer(id)).containsEntry("reason_code", "query_refused");
  }

  @Test
  void answersAResultLargerThanABatchMayCarryAsFailedKeepsItHereAndDoesNotCacheIt() {
    execution =
        new QueryExecution(
            queue,
            cache,
            engine,
            QueryRules.standard(),
            json,
            ExecutorFixture.properties(2, 10, DataSize.ofKilobytes(4)),
            GapTracing.none());
    UUID id = fixture.enqueue("incidents", QueryType.SEARCH, uniqueSearch(50), 0);

    assertThat(runNext())
        .isInstanceOfSatisfying(
            ExecutionOutcome.Failed.class,
            failed -> assertThat(failed.reasonCode()).isEqualTo("result_too_large"));

    assertThat(fixture.answer(id))
        .containsEntry("outcome", "failed")
        .containsEntry("reason_code", "result_too_large");
    assertThat((String) fixture.answer(id).get("reason_detail"))
        .matches(
            "the result is \\d+ bytes; a results batch carries at most 4096 \\(kept on the"
                + " response side\\)");
    assertThat(cacheEntry((String) fixture.request(id).get("cache_key"))).isEmpty();
    Map<String, Object> kept =
        jdbc.sql(
                "select result::text as result, bytes from oversized_results where request_id = :id")
            .param("id", id)
            .query()
            .singleRow();
    assertThat(json.readTree((String) kept.get("result")).path("hits").path("hits").size())
        .isEqualTo(50);
    assertThat((Long) kept.get("bytes")).isGreaterThan(4096);
  }

  @Test
  void givesUpOnARequestStartedMoreOftenThanAllowed() {
    UUID id = fixture.enqueue("incidents", QueryType.COUNT, "{}", 0);
    jdbc.sql("update incoming_requests set attempts = 5, runs = 3 where request_id = :id")
        .param("id", id)
        .update();

    assertThat(runNext())
        .isEqualTo(
            new ExecutionOutcome.Failed(
                "attempts_exhausted", "started 4 times; no worker finished it"));
    assertThat(fixture.answer(id)).containsEntry("reason_code", "attempts_exhausted");
  }

  @Test
  void dropsItsAnswerWhenTheLeaseWasTakenOverMeanwhile() {
    UUID id = fixture.enqueue("incidents", QueryType.SEARCH, uniqueSearch(1), 0);
    ClaimedRequest lost = queue.claim("slow-worker", 1, Duration.ofMillis(100)).get(0);
    fixture.passLeaseTime(Duration.ofMillis(250));
    ClaimedRequest taken = queue.claim("other-worker", 1, Duration.ofMinutes(1)).get(0);

    assertThat(execution.run(lost)).isEqualTo(new ExecutionOutcome.LeaseLost());
    assertThat(fixture.answer(id)).isEmpty();
    assertThat(execution.run(taken)).isEqualTo(new ExecutionOutcome.Completed(true));
  }

  @Test
  void runsAClaimTogetherAndSettlesEachRequestOnce() {
    String search = uniqueSearch(2);
    UUID first = fixture.enqueue("incidents", QueryType.SEARCH, search, 0);
    UUID same = fixture.enqueue("incidents", QueryType.SEARCH, search, 0);
    UUID missing =
        fixture.enqueue("no-such-index", QueryType.COUNT, "{\"query\":{\"match_all\":{}}}", 0);
    Duration lease = Duration.ofMinutes(1);
    List<ClaimedRequest> started = queue.startAll(queue.claim("test-worker", 3, lease), lease);

    List<QueryExecution.Executed> executed = execution.runAll(started);

    assertThat(executed)
        .extracting(run -> run.request().requestId(), QueryExecution.Executed::outcome)
        .containsExactlyInAnyOrder(
            tuple(first, new ExecutionOutcome.Completed(false)),
            // One engine call per query: the second takes the first's answer, as from the cache.
            tuple(same, new ExecutionOutcome.Completed(true)),
            tuple(missing, new ExecutionOutcome.Failed("index_not_found", failureOf(executed))));
    assertThat(List.of(first, same, missing))
        .extracting(id -> fixture.request(id).get("status"))
        .containsExactly("completed", "completed", "failed");
    assertThat(fixture.answer(same))
        .containsEntry("cache_hit", true)
        .containsEntry("result_sha256", fixture.answer(first).get("result_sha256"));
    assertThat(cacheEntry((String) fixture.request(first).get("cache_key")))
        .containsEntry("result_sha256", fixture.answer(first).get("result_sha256"));
  }

  private static String failureOf(List<QueryExecution.Executed> executed) {
    return executed.stream()
        .map(QueryExecution.Executed::outcome)
        .filter(ExecutionOutcome.Failed.class::isInstance)
        .map(outcome -> ((ExecutionOutcome.Failed) outcome).detail())
        .findFirst()
        .orElseThrow();
  }

  private ExecutionOutcome runNext() {
    ClaimedRequest claimed = queue.claim("test-worker", 1, Duration.ofMinutes(1)).get(0);
    return execution.run(queue.start(claimed, Duration.ofMinutes(1)).orElseThrow());
  }

  private Instant cacheExpiry(UUID id) {
    Object expiresAt = cacheEntry((String) fixture.request(id).get("cache_key")).get("expires_at");
    return ((Timestamp) expiresAt).toInstant();
  }

  private Map<String, Object> cacheEntry(String cacheKey) {
    return jdbc
        .sql("select * from query_cache where cache_key = :key")
        .param("key", cacheKey)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }
}
