package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How requests wait, through the public APIs: a backlog that reaches the response side at once is
 * run highest priority first, and a request cancelled before it leaves is cancelled at once, while
 * one cancelled after it crossed is cancelled by the response side, whose answer comes back.
 *
 * <p>The request side's exporter sends at once while its outbox is empty, and lingers (ten seconds
 * here) while a batch still waits there; so a cancel right after a submit beats it when an earlier
 * batch is held in the outbox. The response side runs one worker claiming one request at a time, so
 * the order in which it runs a backlog is the order it chose.
 */
class BacklogAndCancellationIntegrationTests {

  @TempDir static Path root;

  private static TwoSides airlock;
  private static Analyst analyst;

  @BeforeAll
  static void start() throws Exception {
    airlock =
        TwoSides.start(
            root,
            new TwoSides.Settings(
                List.of("--airlock.export.linger=10s", "--airlock.export.batch-trigger=1000"),
                List.of("--airlock.executor.workers=1", "--airlock.executor.batch-size=1")));
    analyst =
        Analyst.signedIn(airlock, "queuer" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);
  }

  @AfterAll
  static void stop() {
    if (airlock != null) {
      airlock.close();
    }
  }

  @Test
  void aBacklogThatCrossesAtOnceRunsHighestPriorityFirst() throws Exception {
    // Submitted in an order that is neither ascending nor descending; each asks for a different
    // size, so no answer comes from the response side's cache.
    Map<Integer, String> byPriority = new LinkedHashMap<>();
    airlock.holdExecutor();
    try {
      for (int priority : new int[] {2, 5, 1, 4}) {
        byPriority.put(
            priority,
            analyst.submit(
                """
                {"index":"incidents","query_type":"search","priority":%d,
                 "query_params":{"query":{"term":{"severity":"critical"}},"size":%d}}"""
                    .formatted(priority, 10 + priority)));
      }
      HttpResponse<String> queue =
          TwoSides.eventually(
              () -> airlock.asAdmin("GET", "/stats/queue", ""), r -> queued(r) == 4);
      assertThat(queued(queue)).as("the whole backlog waits on the response side").isEqualTo(4);
    } finally {
      airlock.releaseExecutor();
    }

    List<Instant> executedByPriority = new ArrayList<>();
    for (int priority : new int[] {5, 4, 2, 1}) {
      JsonNode status = analyst.awaitFinished(byPriority.get(priority));
      assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("completed");
      StageTimes.assertCompleteAndOrdered(status);
      executedByPriority.add(StageTimes.stage(status.path("stages"), "executed"));
    }
    assertThat(executedByPriority)
        .as("executed times (response side's clock), highest priority first")
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void aRequestCancelledBeforeItIsExportedIsCancelledAtOnceAndNeverLeaves() throws Exception {
    String id;
    airlock.pauseShuttle();
    try {
      // An earlier batch held in the outbox makes the exporter linger.
      String earlier = submitCount("incidents", 2);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> analyst.status(earlier).path("status").asString().equals("exported"));
      id = submitCount("assets", 1);

      HttpResponse<String> cancel = analyst.cancel(id);
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
      assertThat(cancel.body()).contains("\"status\":\"cancelled\"");
      JsonNode status = analyst.status(id);
      assertThat(status.path("status").asString()).isEqualTo("cancelled");
      assertThat(status.path("status_reason").asString()).isNotBlank();
    } finally {
      airlock.resumeShuttle();
    }

    // A later request crossing both ways shows the exporter has run since, without this one.
    String later = submitCount("incidents", 1);
    assertThat(analyst.awaitFinished(later).path("status").asString()).isEqualTo("completed");
    JsonNode after = analyst.status(id);
    assertThat(after.path("status").asString()).isEqualTo("cancelled");
    assertThat(after.path("stages").path("exported").isNull())
        .as("never exported: " + after)
        .isTrue();
    assertThat(after.path("stages").path("received").isNull()).isTrue();
  }

  @Test
  void aRequestCancelledAfterItCrossedIsCancelledByTheResponseSide() throws Exception {
    String id;
    airlock.holdExecutor();
    try {
      id = submitCount("assets", 2);
      analyst.awaitStatus(id, "exported");
      HttpResponse<String> queue =
          TwoSides.eventually(
              () -> airlock.asAdmin("GET", "/stats/queue", ""), r -> queued(r) == 1);
      assertThat(queued(queue)).as("received and queued on the response side").isEqualTo(1);

      HttpResponse<String> cancel = analyst.cancel(id);
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
      assertThat(cancel.body()).contains("\"status\":\"cancelling\"");
      assertThat(analyst.status(id).path("status").asString()).isEqualTo("cancelling");

      JsonNode status = analyst.awaitFinished(id);
      assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("cancelled");
      JsonNode stages = status.path("stages");
      StageTimes.stage(stages, "exported");
      StageTimes.stage(stages, "received");
      StageTimes.stage(stages, "result_received");
      assertThat(stages.path("executed").isNull()).as("never executed: " + stages).isTrue();
      assertThat(queued(airlock.asAdmin("GET", "/stats/queue", ""))).isZero();
    } finally {
      airlock.releaseExecutor();
    }
  }

  private static String submitCount(String index, int priority) throws Exception {
    return analyst.submit(
        """
        {"index":"%s","query_type":"count","priority":%d,
         "query_params":{"query":{"match_all":{}}}}"""
            .formatted(index, priority));
  }

  private static long queued(HttpResponse<String> queue) {
    return JsonMapper.shared().readTree(queue.body()).path("queued").asLong(-1);
  }
}
