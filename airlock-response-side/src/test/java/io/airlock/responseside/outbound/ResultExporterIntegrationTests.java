package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.results.ResultExports;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.context.TestPropertySource;

/**
 * The results exporter against a database of its own (the trigger settings make the context its
 * own), its batches read back from {@code outbox/sent} and verified with this side's own key. The
 * schedule is off in tests; each test runs the exporter, or one schedule check, itself, after
 * exporting whatever an earlier test left waiting.
 */
@ResponseSideIntegrationTest
@TestPropertySource(
    properties = {"airlock.results-export.batch-trigger=3", "airlock.results-export.linger=1h"})
class ResultExporterIntegrationTests {

  @Autowired ResultExporter exporter;
  @Autowired ResultExports exports;
  @Autowired ResultExportProperties properties;
  @Autowired SingletonJobs jobs;
  @Autowired OutboundBatches outbound;
  @Autowired DatabaseSignals signals;
  @Autowired TaskScheduler scheduler;
  @Autowired TransferFolders folders;
  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;
  ResultFixture results;

  @BeforeEach
  void nothingWaiting() throws IOException {
    results = new ResultFixture(jdbc);
    exporter.export();
  }

  @Test
  void exportsOldestFirstAtMost500ABatch() throws IOException {
    List<UUID> bulk = results.completedInOrder(1_201, Duration.ofHours(1));

    assertThat(exporter.export()).isEqualTo(3);

    List<SentBatches.Sent> batches = batchesWith(bulk);
    assertThat(batches).extracting(b -> b.records().size()).containsExactly(500, 500, 201);
    assertThat(
            batches.stream().flatMap(b -> b.records().stream()).map(r -> UUID.fromString(r.id())))
        .containsExactlyElementsOf(bulk);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from query_results
                    where request_id in (:ids) and exported_at is not null
                      and acknowledged_at is null""")
                .param("ids", bulk)
                .query(Integer.class)
                .single())
        .isEqualTo(1_201);
  }

  @Test
  void sendsResultsAndFailuresAsTheRequestSideReadsThem() throws IOException {
    UUID completed = results.completed(Duration.ofMinutes(3));
    UUID failed = results.ended(Duration.ofMinutes(2), "failed", "index_not_allowed", true);
    UUID cancelled = results.ended(Duration.ofMinutes(1), "cancelled", "cancelled", false);

    exporter.export();

    List<TransferRecord> records = records(List.of(completed, failed, cancelled));
    assertThat(records)
        .extracting(TransferRecord::id)
        .containsExactly(completed.toString(), failed.toString(), cancelled.toString());
    Map<String, Object> row =
        jdbc.sql("select received_at, decided_at from query_results where request_id = :id")
            .param("id", completed)
            .query()
            .singleRow();
    assertThat(records.get(0))
        .isInstanceOfSatisfying(
            ResultRecord.class,
            r -> {
              assertThat(r.traceId()).isEqualTo("trace-" + completed);
              assertThat(r.result().path("hits").path("total").path("value").asInt()).isEqualTo(3);
              assertThat(r.resultSha256()).isEqualTo("ab".repeat(32));
              assertThat(r.executionMs()).isEqualTo(12);
              assertThat(r.cacheHit()).isTrue();
              assertThat(r.receivedAt()).isEqualTo(instant(row.get("received_at")));
              assertThat(r.executedAt()).isEqualTo(instant(row.get("decided_at")));
            });
    assertThat(records.get(1))
        .isInstanceOfSatisfying(
            FailureRecord.class,
            f -> {
              assertThat(f.outcome()).isEqualTo(FailureRecord.Outcome.FAILED);
              assertThat(f.reasonCode()).isEqualTo("index_not_allowed");
              assertThat(f.detail()).isEqualTo("because index_not_allowed");
              assertThat(f.receivedAt()).isNotNull();
              assertThat(f.decidedAt()).isBefore(Instant.now());
            });
    assertThat(records.get(2))
        .isInstanceOfSatisfying(
            FailureRecord.class,
            f -> {
              assertThat(f.outcome()).isEqualTo(FailureRecord.Outcome.CANCELLED);
              assertThat(f.receivedAt()).as("cancelled before it arrived").isNull();
            });
  }

  @Test
  void exportsAnAnswerExactlyOnceAcrossRuns() throws IOException {
    UUID id = results.completed(Duration.ofSeconds(1));

    exporter.export();
    Instant first = exportedAt(id);
    assertThat(exporter.export()).isZero();

    assertThat(occurrences(id)).isOne();
    assertThat(exportedAt(id)).isEqualTo(first);
  }

  @Test
  void marksNothingWhileTheOutboxIsUnwritableAndPublishesTheSameBatchOnceItIsBack()
      throws IOException {
    UUID id = results.completed(Duration.ofSeconds(1));
    Path aside = folders.outbox().resolveSibling("outbox-unmounted");
    Files.move(folders.outbox(), aside);
    try {
      assertThatThrownBy(exporter::export).isInstanceOf(IOException.class);
      assertThatThrownBy(exporter::export).isInstanceOf(IOException.class);
      assertThat(exportedAt(id)).isNull();
    } finally {
      Files.move(aside, folders.outbox());
    }
    long claimedBy = exportSequence(id);
    assertThat(ledgerState(claimedBy)).isEqualTo("ALLOCATED");

    exporter.export();

    assertThat(exportedAt(id)).isNotNull();
    assertThat(exportSequence(id)).isEqualTo(claimedBy);
    SentBatches.Sent batch = batchesWith(List.of(id)).get(0);
    assertThat(batch.manifest().sequence()).isEqualTo(claimedBy);
    assertThat(batch.records()).extracting(TransferRecord::id).containsExactly(id.toString());
    // Written from the ledger's record of the allocation, byte for byte what was allocated.
    assertThat(batch.manifest().batchId())
        .isEqualTo(
            jdbc.sql(
                    "select batch_id from outbound_batches"
                        + " where channel = 'results' and sequence = :sequence")
                .param("sequence", claimedBy)
                .query(UUID.class)
                .single());
    assertThat(occurrences(id)).isOne();
  }

  @Test
  void marksExportedWhatWasPublishedBeforeACrashKeptItUnmarked() throws IOException {
    UUID id = results.completed(Duration.ofSeconds(1));
    exporter.export();
    // The state a crash between publishing the batch and marking its answers leaves.
    jdbc.sql("update query_results set exported_at = null where request_id = :id")
        .param("id", id)
        .update();

    exporter.repairOnStartUp();

    assertThat(exportedAt(id)).isNotNull();
    exporter.export();
    assertThat(occurrences(id)).isOne();
  }

  @Test
  void marksAnAnswerDeliveredOnlyOnceTheLedgerShowsItsBatchAcknowledged() throws IOException {
    UUID id = results.completed(Duration.ofSeconds(1));
    exporter.export();
    exporter.export();
    assertThat(exporter.markAcknowledged()).isZero();
    assertThat(acknowledgedAt(id)).isNull();

    // What the platform does when the request side's batch acks this one.
    jdbc.sql(
            """
            update outbound_batches set state = 'ACKNOWLEDGED', acknowledged_at = now()
            where channel = 'results' and sequence <= :sequence and state = 'PUBLISHED'""")
        .param("sequence", exportSequence(id))
        .update();
    schedule().markAcknowledged();

    assertThat(acknowledgedAt(id)).isNotNull().isAfterOrEqualTo(exportedAt(id));
  }

  @Test
  void sendsAResultTooLargeForAnyBatchAsAFailure() throws IOException {
    UUID huge =
        results.completed(
            Duration.ofSeconds(2), "{\"blob\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}");
    UUID small = results.completed(Duration.ofSeconds(1));

    exporter.export();

    assertThat(records(List.of(huge, small)))
        .extracting(TransferRecord::id)
        .containsExactly(huge.toString(), small.toString());
    assertThat(records(List.of(huge)).get(0))
        .isInstanceOfSatisfying(
            FailureRecord.class,
            f -> {
              assertThat(f.outcome()).isEqualTo(FailureRecord.Outcome.FAILED);
              assertThat(f.reasonCode()).isEqualTo("result_too_large");
              assertThat(f.detail()).contains("more than one transfer batch may carry");
            });
    assertThat(
            jdbc.sql(
                    "select outcome || ' ' || (result is null) from query_results"
                        + " where request_id = :id")
                .param("id", huge)
                .query(String.class)
                .single())
        .isEqualTo("failed true");
    assertThat(
            jdbc.sql("select bytes from oversized_results where request_id = :id")
                .param("id", huge)
                .query(Long.class)
                .single())
        .as("kept here for operators")
        .isGreaterThan(9L * 1024 * 1024);
    assertThat(
            jdbc.sql(
                    "select count(*) from system_logs where component = 'results-export'"
                        + " and details ->> 'request_id' = :id")
                .param("id", huge.toString())
                .query(Integer.class)
                .single())
        .isOne();
  }

  @Test
  void runsAtOnceWhileTheGapKeepsUpAndLingersOnlyWhileABatchWaitsInTheOutbox() throws IOException {
    exporter.export();
    clearOutbox();
    ResultExportSchedule schedule = schedule();
    UUID alone = results.completed(Duration.ZERO);

    schedule.check();
    assertThat(exportedAt(alone)).as("the outbox was empty: no lingering").isNotNull();

    // Its batch waits in the outbox (no shuttle here): the next answers linger.
    UUID first = results.completed(Duration.ZERO);
    UUID second = results.completed(Duration.ZERO);

    schedule.check();
    assertThat(exportedAt(first)).as("2 waiting, trigger 3, linger 1h").isNull();

    UUID third = results.completed(Duration.ZERO);
    schedule.check();
    for (UUID id : List.of(first, second, third)) {
      assertThat(exportedAt(id)).isNotNull();
    }

    UUID lingering = results.ended(Duration.ofHours(2), "expired", "deadline_passed", true);
    schedule.check();
    assertThat(exportedAt(lingering)).isNotNull();
  }

  @Test
  void leavesTheExportToAnotherInstanceThatIsExporting() throws IOException {
    ResultExportSchedule schedule = schedule();
    UUID id = results.completed(Duration.ofHours(2));
    jdbc.sql(
            """
            insert into shedlock (name, lock_until, locked_at, locked_by)
            values ('result-export', now() + interval '1 minute', now(), 'other')
            on conflict (name) do update
            set lock_until = excluded.lock_until, locked_by = excluded.locked_by""")
        .update();

    schedule.check();
    assertThat(exportedAt(id)).isNull();

    // The other instance finishes and releases its lock.
    jdbc.sql("update shedlock set lock_until = now() where name = 'result-export'").update();
    schedule.check();
    assertThat(exportedAt(id)).isNotNull();
  }

  private ResultExportSchedule schedule() {
    return new ResultExportSchedule(
        exporter, exports, properties, jobs, outbound, signals, scheduler);
  }

  /** What the shuttle does: takes every batch out of the outbox. */
  private void clearOutbox() throws IOException {
    try (var files = Files.list(folders.outbox())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }
  }

  private Instant exportedAt(UUID id) {
    return jdbc.sql("select exported_at from query_results where request_id = :id")
        .param("id", id)
        .query(Instant.class)
        .optional()
        .orElse(null);
  }

  private Instant acknowledgedAt(UUID id) {
    return jdbc.sql("select acknowledged_at from query_results where request_id = :id")
        .param("id", id)
        .query(Instant.class)
        .optional()
        .orElse(null);
  }

  private long exportSequence(UUID id) {
    return jdbc.sql("select export_sequence from query_results where request_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private String ledgerState(long sequence) {
    return jdbc.sql(
            "select state from outbound_batches where channel = 'results' and sequence = :sequence")
        .param("sequence", sequence)
        .query(String.class)
        .single();
  }

  private long occurrences(UUID id) throws IOException {
    return sent().recordsOn("results").stream().filter(r -> r.id().equals(id.toString())).count();
  }

  /** The records with these ids in the order they were sent. */
  private List<TransferRecord> records(List<UUID> ids) throws IOException {
    List<String> wanted = ids.stream().map(UUID::toString).toList();
    return sent().recordsOn("results").stream().filter(r -> wanted.contains(r.id())).toList();
  }

  private List<SentBatches.Sent> batchesWith(List<UUID> ids) throws IOException {
    List<String> wanted = ids.stream().map(UUID::toString).toList();
    return sent().on("results").stream()
        .filter(b -> b.records().stream().anyMatch(r -> wanted.contains(r.id())))
        .toList();
  }

  private SentBatches sent() {
    return new SentBatches(folders, environment);
  }

  private static Instant instant(Object timestamp) {
    return ((Timestamp) timestamp).toInstant();
  }
}
