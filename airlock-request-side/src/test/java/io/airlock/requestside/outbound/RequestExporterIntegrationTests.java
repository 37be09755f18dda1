package io.airlock.requestside.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The exporter against a database of its own (the trigger settings make the context its own), its
 * batches read back from {@code outbox/sent} and verified with this side's own key. The schedule is
 * off in tests; each test runs the exporter, or one schedule check, itself.
 */
@RequestSideIntegrationTest
@TestPropertySource(properties = {"airlock.export.batch-trigger=3", "airlock.export.linger=1h"})
class RequestExporterIntegrationTests {

  /** A profile type of these tests' own, so other tests' profile types change nothing here. */
  static final String PROFILE = "export-tests";

  @LocalServerPort int port;
  @Autowired RequestExporter exporter;
  @Autowired ExportQueue queue;
  @Autowired ExportProperties properties;
  @Autowired TransferFolders folders;
  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;
  @Autowired SingletonJobs jobs;
  @Autowired OutboundBatches outbound;
  @Autowired DatabaseSignals signals;
  @Autowired TaskScheduler scheduler;
  @Autowired PasswordEncoder passwords;
  User user;

  @BeforeEach
  void user() {
    jdbc.sql(
            """
            insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                                       allowed_indices, max_result_size, version)
            values (:name, 100, 1000, 10000, 10, '{logs}', 500, 1)
            on conflict (name) do nothing""")
        .param("name", PROFILE)
        .update();
    user = new UserFixture(jdbc, passwords, null).user();
    jdbc.sql("update users set profile_type = :profile where id = :id")
        .param("profile", PROFILE)
        .param("id", user.id())
        .update();
  }

  @Test
  void exportsByPriorityThenOldestFirst() throws IOException {
    UUID lowOld = request(1, Duration.ofSeconds(30));
    UUID highNew = request(5, Duration.ofSeconds(10));
    UUID highOld = request(5, Duration.ofSeconds(20));
    UUID lowNew = request(1, Duration.ofSeconds(5));

    exporter.export();

    List<UUID> mine = List.of(lowOld, highNew, highOld, lowNew);
    List<List<TransferRecord>> batches = batchesWith(mine);
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).stream().map(r -> UUID.fromString(r.id())).filter(mine::contains))
        .containsExactly(highOld, highNew, lowOld, lowNew);
    RequestRecord record =
        (RequestRecord)
            batches.get(0).stream()
                .filter(r -> r.id().equals(highOld.toString()))
                .findFirst()
                .get();
    assertThat(record.userId()).isEqualTo(user.id().toString());
    assertThat(record.index()).isEqualTo("logs");
    assertThat(record.queryType()).isEqualTo(QueryType.SEARCH);
    assertThat(record.queryParams().path("size").asInt()).isEqualTo(5);
    assertThat(record.priority()).isEqualTo(5);
    assertThat(record.traceId()).isEqualTo("trace-" + highOld);
    assertThat(record.deadline()).isAfter(Instant.now());
    for (UUID id : mine) {
      assertThat(status(id)).isEqualTo("exported");
      assertThat(exportedAt(id)).isNotNull();
    }
  }

  @Test
  void capsABatchAt500Records() throws IOException {
    List<UUID> bulk =
        jdbc.sql(
                """
                insert into requests (id, owner_id, index_name, query_type, query_params,
                                      priority, status, deadline, trace_id)
                select gen_random_uuid(), :owner, 'logs', 'search', '{"size": 1}', 1, 'pending',
                       now() + interval '1 hour', 'bulk'
                from generate_series(1, 501)
                returning id""")
            .param("owner", user.id())
            .query(UUID.class)
            .list();

    exporter.export();

    List<List<TransferRecord>> batches = batchesWith(bulk);
    assertThat(batches)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(500));
    assertThat(batches).anySatisfy(b -> assertThat(b).hasSize(500));
    assertThat(batches.stream().flatMap(List::stream).filter(r -> isOneOf(r, bulk))).hasSize(501);
    assertThat(
            jdbc.sql("select count(*) from requests where id in (:ids) and status = 'exported'")
                .param("ids", bulk)
                .query(Integer.class)
                .single())
        .isEqualTo(501);
  }

  @Test
  void expiresRequestsPastTheirDeadlineInsteadOfExportingThem() throws IOException {
    UUID overdue = request(1, Duration.ofHours(2), Duration.ofHours(-1));

    exporter.export();

    assertThat(status(overdue)).isEqualTo("expired");
    assertThat(
            jdbc.sql("select status_reason from requests where id = :id")
                .param("id", overdue)
                .query(String.class)
                .single())
        .isEqualTo("deadline passed before export");
    assertThat(exportedAt(overdue)).isNull();
    assertThat(batchesWith(List.of(overdue))).isEmpty();
  }

  @Test
  void exportsARequestExactlyOnceAcrossRuns() throws IOException {
    UUID id = request(2, Duration.ofSeconds(1));

    exporter.export();
    Instant first = exportedAt(id);
    exporter.export();

    assertThat(occurrences(id)).isOne();
    assertThat(exportedAt(id)).isEqualTo(first);
  }

  @Test
  void leavesRequestsPendingWhileTheOutboxIsUnwritableAndExportsThemOnceItIsBack()
      throws IOException {
    exporter.export();
    UUID id = request(3, Duration.ofSeconds(1));
    UUID cancelled = request(3, Duration.ofSeconds(1));
    Path aside = folders.outbox().resolveSibling("outbox-unmounted");
    Files.move(folders.outbox(), aside);
    try {
      assertThatThrownBy(exporter::export).isInstanceOf(IOException.class);
      assertThatThrownBy(exporter::export).isInstanceOf(IOException.class);
      assertThat(status(id)).isEqualTo("pending");
      assertThat(exportedAt(id)).isNull();
      // Taken by the interrupted batch, so it will leave: cancelling it needs a cancel record.
      cancel(cancelled).expectStatus().isAccepted();
      assertThat(status(cancelled)).isEqualTo("cancelling");
    } finally {
      Files.move(aside, folders.outbox());
    }

    exporter.export();

    assertThat(status(id)).isEqualTo("exported");
    assertThat(occurrences(id)).isOne();
    assertThat(occurrences(cancelled)).isOne();
    assertThat(status(cancelled)).isEqualTo("cancelling");
    assertThat(exportedAt(cancelled)).isNotNull();
    assertThat(
            sent().stream()
                .flatMap(List::stream)
                .filter(
                    r -> r instanceof CancelRecord c && c.requestId().equals(cancelled.toString())))
        .singleElement()
        .extracting(r -> ((CancelRecord) r).traceId())
        .as("the X-Request-ID of the cancelling call")
        .isEqualTo("trace-cancel-" + cancelled);
  }

  @Test
  void marksExportedWhatWasPublishedBeforeACrashKeptItPending() throws IOException {
    UUID id = request(1, Duration.ofSeconds(1));
    UUID cancelled = request(1, Duration.ofSeconds(1), Duration.ofHours(1), "exported");
    UUID cancellation = cancellation(cancelled);
    exporter.export();
    // The state a crash between publishing the batch and marking its records leaves.
    jdbc.sql("update requests set status = 'pending', exported_at = null where id = :id")
        .param("id", id)
        .update();
    jdbc.sql("update request_cancellations set exported_at = null where id = :id")
        .param("id", cancellation)
        .update();

    exporter.repairOnStartUp();

    assertThat(status(id)).isEqualTo("exported");
    assertThat(exportedAt(id)).isNotNull();
    assertThat(
            jdbc.sql("select exported_at from request_cancellations where id = :id")
                .param("id", cancellation)
                .query(Instant.class)
                .single())
        .isNotNull();
    exporter.export();
    assertThat(occurrences(id)).isOne();
    assertThat(occurrences(cancellation)).isOne();
  }

  @Test
  void aRequestAnsweredBeforeItsPublicationWasMarkedIsExportedNoLaterThanItsAnswerArrived()
      throws IOException {
    UUID id = request(1, Duration.ofSeconds(1));
    exporter.export();
    // The batch crossed and its answer came back before the restart marked it published again.
    jdbc.sql(
            """
            update requests set status = 'completed', exported_at = null,
                result_received_at = now() - interval '1 minute'
            where id = :id""")
        .param("id", id)
        .update();
    jdbc.sql(
            """
            update outbound_batches set published_at = now()
            where channel = 'requests' and sequence = (select export_sequence from requests
                                                       where id = :id)""")
        .param("id", id)
        .update();

    exporter.repairOnStartUp();

    assertThat(status(id)).isEqualTo("completed");
    assertThat(exportedAt(id))
        .isEqualTo(
            jdbc.sql("select result_received_at from requests where id = :id")
                .param("id", id)
                .query(Instant.class)
                .single());
  }

  @Test
  void exportsCancellationsAndAccountChangesOnce() throws IOException {
    UUID request = request(1, Duration.ofMinutes(1), Duration.ofHours(1), "exported");
    UUID cancellation = cancellation(request);
    UUID change = UUID.randomUUID();
    jdbc.sql(
            """
            insert into account_changes (id, user_id, display_name)
            values (:id, :user, 'New Name')""")
        .param("id", change)
        .param("user", user.id())
        .update();

    exporter.export();
    exporter.export();

    List<TransferRecord> records = batchesWith(List.of(cancellation, change)).get(0);
    assertThat(records)
        .filteredOn(r -> r.id().equals(cancellation.toString()))
        .singleElement()
        .isInstanceOfSatisfying(
            CancelRecord.class,
            c -> {
              assertThat(c.requestId()).isEqualTo(request.toString());
              assertThat(c.userId()).isEqualTo(user.id().toString());
            });
    assertThat(records)
        .filteredOn(r -> r.id().equals(change.toString()))
        .singleElement()
        .isInstanceOfSatisfying(
            AccountChangeRecord.class,
            c -> {
              assertThat(c.displayName()).isEqualTo("New Name");
              assertThat(c.email()).isNull();
            });
    assertThat(occurrences(cancellation)).isOne();
    assertThat(occurrences(change)).isOne();
    for (String table : List.of("request_cancellations", "account_changes")) {
      assertThat(
              jdbc.sql("select count(*) from " + table + " where exported_at is null")
                  .query(Integer.class)
                  .single())
          .as(table)
          .isZero();
    }
  }

  @Test
  void expiresAnExportedRequestThatStaysUnansweredPastItsDeadlineAndGrace() {
    Duration grace = Duration.ofMinutes(30);
    UUID unanswered = request(1, Duration.ofHours(3), Duration.ofHours(-1), "exported");
    UUID cancelling = request(1, Duration.ofHours(3), Duration.ofHours(-1), "cancelling");
    UUID withinGrace = request(1, Duration.ofHours(3), Duration.ofMinutes(-10), "exported");
    UUID answered = request(1, Duration.ofHours(3), Duration.ofHours(-1), "exported");
    jdbc.sql(
            """
            insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
            values (:id, '{}', 1, false, 'sha')""")
        .param("id", answered)
        .update();

    assertThat(queue.expireUnanswered(grace)).isEqualTo(2);

    assertThat(status(unanswered)).isEqualTo("expired");
    assertThat(status(cancelling)).isEqualTo("expired");
    assertThat(status(withinGrace)).isEqualTo("exported");
    assertThat(status(answered)).isEqualTo("exported");
  }

  @Test
  void leavesTheExportToAnotherInstanceThatIsExporting() throws IOException {
    exporter.export();
    ExportSchedule schedule = schedule();
    UUID id = request(1, Duration.ZERO);
    jdbc.sql(
            """
            insert into shedlock (name, lock_until, locked_at, locked_by)
            values ('request-export', now() + interval '1 minute', now(), 'other')
            on conflict (name) do update
            set lock_until = excluded.lock_until, locked_by = excluded.locked_by""")
        .update();
    request(1, Duration.ZERO);
    request(1, Duration.ZERO);

    schedule.check();
    assertThat(status(id)).isEqualTo("pending");

    // The other instance finishes and releases its lock.
    jdbc.sql("update shedlock set lock_until = now() where name = 'request-export'").update();
    schedule.check();
    assertThat(status(id)).isEqualTo("exported");
  }

  @Test
  void runsAtOnceWhileTheGapKeepsUpAndLingersOnlyWhileABatchWaitsInTheOutbox() throws IOException {
    exporter.export();
    clearOutbox();
    ExportSchedule schedule = schedule();
    UUID alone = request(1, Duration.ZERO);

    schedule.check();
    assertThat(status(alone)).as("the outbox was empty: no lingering").isEqualTo("exported");

    // Its batch waits in the outbox (no shuttle here): the next requests linger.
    UUID first = request(1, Duration.ZERO);
    UUID second = request(1, Duration.ZERO);
    schedule.check();
    assertThat(status(first)).as("2 pending, trigger 3, linger 1h").isEqualTo("pending");

    UUID third = request(1, Duration.ZERO);
    schedule.check();
    for (UUID id : List.of(first, second, third)) {
      assertThat(status(id)).isEqualTo("exported");
    }

    UUID lingering = request(1, Duration.ofHours(2));
    schedule.check();
    assertThat(status(lingering)).isEqualTo("exported");
  }

  private ExportSchedule schedule() {
    return new ExportSchedule(exporter, queue, properties, jobs, outbound, signals, scheduler);
  }

  /** What the shuttle does: takes every batch out of the outbox. */
  private void clearOutbox() throws IOException {
    try (var files = Files.list(folders.outbox())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }
  }

  private UUID request(int priority, Duration age) {
    return request(priority, age, Duration.ofHours(1));
  }

  private UUID request(int priority, Duration age, Duration deadlineFromNow) {
    return request(priority, age, deadlineFromNow, "pending");
  }

  private UUID request(int priority, Duration age, Duration deadlineFromNow, String status) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                                  status, submitted_at, deadline, trace_id)
            values (:id, :owner, 'logs', 'search', '{"query": {"match_all": {}}, "size": 5}',
                    :priority, :status, now() - :ageMs * interval '1 millisecond',
                    now() + :deadlineMs * interval '1 millisecond', :trace)""")
        .param("id", id)
        .param("owner", user.id())
        .param("priority", priority)
        .param("status", status)
        .param("ageMs", age.toMillis())
        .param("deadlineMs", deadlineFromNow.toMillis())
        .param("trace", "trace-" + id)
        .update();
    return id;
  }

  private RestTestClient.ResponseSpec cancel(UUID request) {
    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    String token = new UserFixture(jdbc, passwords, client).accessToken(user);
    return client
        .delete()
        .uri("/requests/{id}", request)
        .header("Authorization", "Bearer " + token)
        .header("X-Request-ID", "trace-cancel-" + request)
        .exchange();
  }

  private UUID cancellation(UUID request) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into request_cancellations (id, request_id, user_id, requested_at)
            values (:id, :request, :user, now())""")
        .param("id", id)
        .param("request", request)
        .param("user", user.id())
        .update();
    return id;
  }

  private String status(UUID id) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private Instant exportedAt(UUID id) {
    return jdbc.sql("select exported_at from requests where id = :id")
        .param("id", id)
        .query(Instant.class)
        .optional()
        .orElse(null);
  }

  private long occurrences(UUID id) throws IOException {
    return sent().stream().flatMap(List::stream).filter(r -> r.id().equals(id.toString())).count();
  }

  private List<List<TransferRecord>> batchesWith(List<UUID> ids) throws IOException {
    return sent().stream().filter(b -> b.stream().anyMatch(r -> isOneOf(r, ids))).toList();
  }

  private static boolean isOneOf(TransferRecord record, List<UUID> ids) {
    return Set.copyOf(ids).contains(UUID.fromString(record.id()));
  }

  /** Every requests-channel batch this side has published, verified with its own key. */
  private List<List<TransferRecord>> sent() throws IOException {
    Path ownKey =
        Path.of(environment.getRequiredProperty("airlock.data-dir")).resolve("keys/request.pub");
    BatchReader reader =
        new BatchReader(
            SignaturePolicy.required(TrustedKeys.of(List.of(PemKeys.readPublicKey(ownKey)))),
            ReceiveLimits.DEFAULTS);
    List<List<TransferRecord>> batches = new ArrayList<>();
    try (DirectoryStream<Path> manifests =
        Files.newDirectoryStream(folders.sent(), "requests-*.manifest.json")) {
      for (Path manifest : manifests) {
        VerifyResult result = reader.verify(manifest);
        assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
        List<TransferRecord> records = new ArrayList<>();
        try (RecordCursor cursor = ((VerifyResult.Accepted) result).batch().openRecords()) {
          cursor.forEachRemaining(line -> records.add(((RecordLine.Valid) line).record()));
        }
        batches.add(records);
      }
    }
    return batches;
  }
}
