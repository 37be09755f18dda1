package io.airlock.responseside.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.queue.ClaimedRequest;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.FakeEngine;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.responseside.search.SearchFixture;
import io.airlock.transfer.query.QueryRules;
import io.airlock.transfer.records.QueryType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passing and lasting engine failures, against a fake engine that answers from a script. Each run
 * asks the engine once; the queue retries a passing failure later, three attempts in all.
 */
@ResponseSideIntegrationTest
class EngineFailureIntegrationTests {

  private static final String HITS = "{\"took\":1,\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}";
  private static final String OVERLOADED =
      "{\"error\":{\"type\":\"rejected_execution_exception\",\"reason\":\"queue full\"}}";

  @Autowired RequestQueue queue;
  @Autowired ResultCache cache;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  QueueFixture fixture;
  final FakeEngine fake = new FakeEngine();

  @BeforeEach
  void emptyQueue() {
    fixture = new QueueFixture(jdbc);
    fixture.drain();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void retriesAnUnavailableEngineLaterAndFailsAfterThreeRuns() {
    fake.answering(503, "");
    UUID id = enqueue();

    ExecutionOutcome first = runNext(SearchFixture.engine(fake.url()));

    assertThat(first).isInstanceOf(ExecutionOutcome.RetryScheduled.class);
    Duration delay = ((ExecutionOutcome.RetryScheduled) first).delay();
    assertThat(delay).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    assertThat(fixture.request(id))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 1)
        .containsEntry("reason_code", "search_unavailable");
    assertThat(((Timestamp) fixture.request(id).get("next_attempt_at")).toInstant())
        .isAfter(Instant.now().plusSeconds(25));
    assertThat(queue.claim("impatient", 1, Duration.ofMinutes(1))).as("not due yet").isEmpty();
    assertThat(fake.calls()).as("one engine call per run").hasSize(1);

    fixture.readyNow(id);
    assertThat(runNext(SearchFixture.engine(fake.url())))
        .isInstanceOf(ExecutionOutcome.RetryScheduled.class);
    fixture.readyNow(id);
    ExecutionOutcome last = runNext(SearchFixture.engine(fake.url()));

    assertThat(last).isInstanceOf(ExecutionOutcome.Failed.class);
    assertThat(fake.calls()).as("three attempts in all").hasSize(3);
    assertThat(fixture.request(id))
        .containsEntry("status", "failed")
        .containsEntry("attempts", 3)
        .containsEntry("reason_code", "search_unavailable");
    assertThat(fixture.answer(id)).containsEntry("outcome", "failed");
    assertThat((String) fixture.answer(id).get("reason_detail"))
        .startsWith("HTTP 503")
        .endsWith("(run 3 times)");
  }

  @Test
  void completesOnALaterRunWhenTheEngineStopsTurningRequestsAway() {
    fake.answering(429, OVERLOADED).answering(200, HITS);
    UUID id = enqueue();

    ExecutionOutcome first = runNext(SearchFixture.engine(fake.url()));
    fixture.readyNow(id);
    ExecutionOutcome second = runNext(SearchFixture.engine(fake.url()));

    assertThat(first)
        .isInstanceOfSatisfying(
            ExecutionOutcome.RetryScheduled.class,
            retry -> assertThat(retry.reason()).startsWith("rejected_execution_exception"));
    assertThat(second).isEqualTo(new ExecutionOutcome.Completed(false));
    assertThat(fixture.request(id))
        .containsEntry("status", "completed")
        .containsEntry("attempts", 2);
  }

  @Test
  void retriesLaterWhenTheEngineDoesNotAnswerInTime() {
    fake.answering(200, HITS, Duration.ofSeconds(2));
    enqueue();

    ExecutionOutcome outcome = runNext(SearchFixture.engine(fake.url(), Duration.ofMillis(150)));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ExecutionOutcome.RetryScheduled.class,
            retry -> assertThat(retry.reason()).startsWith("no answer within 150 ms"));
  }

  @Test
  void retriesLaterWhenNothingListens() {
    enqueue();

    ExecutionOutcome outcome = runNext(SearchFixture.engine(SearchFixture.closedPort()));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ExecutionOutcome.RetryScheduled.class,
            retry -> assertThat(retry.reason()).startsWith("connection failed"));
  }

  @Test
  void failsAtOnceWhenTheEngineRefusesTheRequest() {
    fake.answering(
        400, "{\"error\":{\"type\":\"parsing_exception\",\"reason\":\"unknown query\"}}");
    UUID id = enqueue();

    ExecutionOutcome outcome = runNext(SearchFixture.engine(fake.url()));

    assertThat(outcome)
        .isEqualTo(new ExecutionOutcome.Failed("bad_query", "parsing_exception: unknown query"));
    assertThat(fake.calls()).hasSize(1);
    assertThat(fixture.answer(id)).containsEntry("reason_code", "bad_query");
  }

  @Test
  void failsAtOnceWhenTheEngineRefusesAccess() {
    fake.answering(
        403, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"no permissions\"}}");
    UUID id = enqueue();

    runNext(SearchFixture.engine(fake.url()));

    assertThat(fixture.answer(id)).containsEntry("reason_code", "search_failed");
  }

  @Test
  void failsAtOnceWithAReasonWhenTheResultHoldsWhatCannotBeStored() {
    fake.answering(
        200,
        "{\"took\":1,\"hits\":{\"total\":{\"value\":1},"
            + "\"hits\":[{\"_source\":{\"title\":\"nul \\u0000 inside\"}}]}}");
    UUID id = enqueue();

    ExecutionOutcome outcome = runNext(SearchFixture.engine(fake.url()));

    assertThat(outcome).isInstanceOf(ExecutionOutcome.Failed.class);
    assertThat(fixture.request(id)).containsEntry("status", "failed").containsEntry("attempts", 1);
    assertThat(fixture.answer(id)).containsEntry("reason_code", "result_unstorable");
  }

  // Unique, so that no cached result answers it before the engine is asked.
  private UUID enqueue() {
    return fixture.enqueue(
        "incidents",
        QueryType.SEARCH,
        "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID()),
        0);
  }

  private ExecutionOutcome runNext(SearchEngine engine) {
    List<ClaimedRequest> claimed = queue.claim("test-worker", 1, Duration.ofMinutes(1));
    return new QueryExecution(
            queue,
            cache,
            engine,
            QueryRules.standard(),
            json,
            ExecutorFixture.properties(),
            GapTracing.none())
        .run(queue.start(claimed.get(0), Duration.ofMinutes(1)).orElseThrow());
  }
}
