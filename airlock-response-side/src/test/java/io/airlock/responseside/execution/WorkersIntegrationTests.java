package io.airlock.responseside.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.signals.DatabaseSignals;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Worker threads of two executors on one database, against the real OpenSearch node. */
@ResponseSideIntegrationTest
class WorkersIntegrationTests {

  @Autowired RequestQueue queue;
  @Autowired ResultCache cache;
  @Autowired SearchEngine engine;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired Workers contextWorkers;
  @Autowired DatabaseSignals signals;
  QueueFixture fixture;

  @BeforeEach
  void emptyQueue() {
    fixture = new QueueFixture(jdbc);
    fixture.drain();
  }

  @Test
  void theTestContextsOwnWorkersAreOff() {
    assertThat(contextWorkers.isRunning()).isFalse();
    assertThat(contextWorkers.alive()).isZero();
  }

  @Test
  void twoExecutorsOnOneDatabaseAnswerEveryRequestExactlyOnce() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String count =
          "{\"query\":{\"bool\":{\"must_not\":{\"term\":{\"id\":\"%s\"}}}}}"
              .formatted(UUID.randomUUID());
      ids.add(fixture.enqueue(i % 2 == 0 ? "assets" : "incidents", QueryType.COUNT, count, i % 5));
    }
    Counted first = counted("instance-a");
    Counted second = counted("instance-b");
    first.workers().start();
    second.workers().start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> answered(ids) == ids.size() && finished(ids) == ids.size());
    } finally {
      first.workers().stop();
      second.workers().stop();
    }

    assertThat(answered(ids)).isEqualTo(200);
    assertThat(first.runs() + second.runs()).as("runs in all").isEqualTo(200);
    assertThat(first.runs()).as("both executors took part").isPositive();
    assertThat(second.runs()).isPositive();
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from incoming_requests
                    where request_id = any(:ids) and status = 'completed' and attempts = 1""")
                .param("ids", ids.toArray(UUID[]::new))
                .query(Long.class)
                .single())
        .as("each claimed once and completed")
        .isEqualTo(200);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from query_results
                    where request_id = any(:ids) and outcome = 'completed' and not cache_hit""")
                .param("ids", ids.toArray(UUID[]::new))
                .query(Long.class)
                .single())
        .isEqualTo(200);
  }

  @Test
  void anIdleWorkerRunsAQueuedRequestWhenTheQueueSignalsNotAfterItsPollInterval() {
    ExecutorProperties defaults = ExecutorFixture.properties();
    ExecutorProperties slowPolling =
        new ExecutorProperties(
            true,
            1,
            Duration.ofMinutes(10),
            defaults.batchSize(),
            defaults.lease(),
            defaults.maxAttempts(),
            defaults.retryBackoff(),
            defaults.maxRetryBackoff(),
            defaults.maxResultBytes(),
            defaults.shutdownGrace());
    Workers workers =
        new Workers(
            queue,
            new QueryExecution(
                queue, cache, engine, QueryRules.standard(), json, slowPolling, GapTracing.none()),
            slowPolling,
            "instance-d",
            new SimpleMeterRegistry());
    AtomicInteger heard = new AtomicInteger();
    signals.subscribe(Workers.QUEUE_CHANNEL, workers::wake);
    signals.subscribe(Workers.QUEUE_CHANNEL, heard::incrementAndGet);
    // Subscribing reconnects the listener, which then calls every subscriber once.
    await().atMost(Duration.ofSeconds(10)).until(() -> heard.get() > 0 && signals.listening());
    workers.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> workers.waiting() == 1);

      UUID id =
          fixture.enqueue(
              "assets",
              QueryType.COUNT,
              "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID()),
              0);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> answered(List.of(id)) == 1 && finished(List.of(id)) == 1);
    } finally {
      workers.stop();
    }
  }

  @Test
  void aClaimsRequestsRunTogetherAndStoppingLetsThemFinish() {
    try (FakeEngine slow = new FakeEngine()) {
      // Short of the engine timeout and the shutdown grace (both 10 s).
      slow.answering(200, "{\"count\":1}", Duration.ofSeconds(4));
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(
            fixture.enqueue(
                "assets",
                QueryType.COUNT,
                "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID()),
                0));
      }
      Workers workers = workers("instance-c", SearchFixture.engine(slow.url()), 1, 4);
      workers.start();
      // One worker, its four engine calls in flight at once: all four reach the engine before the
      // first is answered.
      await().atMost(Duration.ofSeconds(10)).until(() -> workers.busy() == 1);
      await().atMost(Duration.ofSeconds(3)).until(() -> slow.calls().size() == 4);
      long stopping = System.nanoTime();
      workers.stop();

      assertThat(workers.alive()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - stopping))
          .as("the four ran side by side, not one after another")
          .isLessThan(Duration.ofSeconds(8));
      assertThat(ids.stream().map(fixture::status))
          .as("every running query finished within the grace")
          .containsExactly("completed", "completed", "completed", "completed");
      assertThat(answered(ids)).isEqualTo(4);
    }
  }

  @Test
  void aClaimThatThrowsLeavesItsWorkerRunning() {
    ExecutorProperties properties = ExecutorFixture.properties(1, 5, DataSize.ofMegabytes(8));
    AtomicBoolean thrown = new AtomicBoolean();
    QueryExecution execution =
        new QueryExecution(
            queue, cache, engine, QueryRules.standard(), json, properties, GapTracing.none()) {
          @Override
          List<Executed> runAll(List<ClaimedRequest> started) {
            if (thrown.compareAndSet(false, true)) {
              throw new IllegalStateException("the cache's table is gone");
            }
            return super.runAll(started);
          }
        };
    Workers workers =
        new Workers(queue, execution, properties, "instance-t", new SimpleMeterRegistry());
    fixture.enqueue(
        "assets",
        QueryType.COUNT,
        "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID()),
        0);
    workers.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(thrown::get);
      UUID next =
          fixture.enqueue(
              "assets",
              QueryType.COUNT,
              "{\"query\":{\"term\":{\"id\":\"%s\"}}}".formatted(UUID.randomUUID()),
              0);
      await().atMost(Duration.ofSeconds(10)).until(() -> finished(List.of(next)) == 1);
      assertThat(workers.alive()).isEqualTo(1);
    } finally {
      workers.stop();
    }
  }

  /** An executor that counts the requests it runs. */
  private record Counted(Workers workers, AtomicInteger counter) {
    int runs() {
      return counter.get();
    }
  }

  private Counted counted(String instance) {
    ExecutorProperties properties = ExecutorFixture.properties(2, 5, DataSize.ofMegabytes(8));
    AtomicInteger runs = new AtomicInteger();
    QueryExecution execution =
        new QueryExecution(
            queue, cache, engine, QueryRules.standard(), json, properties, GapTracing.none()) {
          @Override
          List<Executed> runAll(List<ClaimedRequest> started) {
            runs.addAndGet(started.size());
            return super.runAll(started);
          }
        };
    return new Counted(
        new Workers(queue, execution, properties, instance, new SimpleMeterRegistry()), runs);
  }

  private Workers workers(String instance, SearchEngine engine, int threads, int batch) {
    ExecutorProperties properties =
        ExecutorFixture.properties(threads, batch, DataSize.ofMegabytes(8));
    return new Workers(
        queue,
        new QueryExecution(
            queue, cache, engine, QueryRules.standard(), json, properties, GapTracing.none()),
        properties,
        instance,
        new SimpleMeterRegistry());
  }

  private long answered(List<UUID> ids) {
    return jdbc.sql("select count(*) from query_results where request_id = any(:ids)")
        .param("ids", ids.toArray(UUID[]::new))
        .query(Long.class)
        .single();
  }

  private long finished(List<UUID> ids) {
    return jdbc.sql(
            "select count(*) from incoming_requests where request_id = any(:ids)"
                + " and status = 'completed'")
        .param("ids", ids.toArray(UUID[]::new))
        .query(Long.class)
        .single();
  }
}
