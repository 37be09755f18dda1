package io.airlock.requestside.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionRun;
import io.airlock.platform.testing.MovableClock;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.notifications.NotificationDeliveries;
import io.airlock.requestside.requests.EndedRequests;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The request side's retention as it is wired, with a clock the test moves: requests that ended
 * long ago go with what hangs off them, young ones and those still waiting for an answer stay, and
 * each run is recorded in the audit log.
 */
@RequestSideIntegrationTest
@Import(RequestSideRetentionIntegrationTests.Time.class)
class RequestSideRetentionIntegrationTests {

  static final MovableClock CLOCK = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @TestConfiguration
  static class Time {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @Autowired RequestSideRetention retention;
  @Autowired RequestSideRetentionProperties properties;
  @Autowired EndedRequests endedRequests;
  @Autowired NotificationDeliveries deliveries;
  @Autowired AuditLog auditLog;
  @Autowired SingletonJobs jobs;
  @Autowired JdbcClient jdbc;

  UUID owner;

  @BeforeEach
  void setUp() {
    owner = UUID.randomUUID();
    jdbc.sql(
            """
            insert into users (id, username, role, profile_type, active, password_hash, version)
            values (:id, :name, 'user', 'standard', true, 'x', 1)""")
        .param("id", owner)
        .param("name", "retention-" + owner)
        .update();
  }

  @Test
  void bindsItsKindsNextToThePlatformsWithTheirDefaults() {
    assertThat(properties.requests()).isEqualTo(Duration.ofDays(90));
    assertThat(properties.audit()).isEqualTo(Duration.ofDays(365));
    assertThat(properties.notifications()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void removesNotificationDeliveriesFinishedLongAgoButNoneStillBeingTried() throws Exception {
    UUID request = request("completed", 10, 10);
    UUID sentLongAgo = delivery(request, "sent", 31);
    UUID deadLongAgo = delivery(request, "dead", 40);
    UUID sentRecently = delivery(request, "sent", 29);
    UUID pending = delivery(request, "pending", null);

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed).containsEntry("notifications", 2L);
    assertThat(
            jdbc.sql("select id from notification_deliveries where request_id = :id")
                .param("id", request)
                .query(UUID.class)
                .list())
        .containsExactlyInAnyOrder(sentRecently, pending)
        .doesNotContain(sentLongAgo, deadLongAgo);
  }

  @Test
  void removesRequestsThatEndedLongAgoWithTheirResponsesCancellationsAndKeys() throws Exception {
    UUID completed = request("completed", 200, 100); // answered 100 days ago
    response(completed);
    idempotencyKey(completed);
    UUID cancelled = request("cancelled", 150, 120);
    cancellation(cancelled);
    UUID expired = request("expired", 120, null); // its deadline passed 119 days ago
    UUID failed = request("failed", 95, 91);
    UUID answeredRecently = request("completed", 200, 80);
    response(answeredRecently);
    UUID pending = request("pending", 400, null);
    UUID exported = request("exported", 400, null);
    UUID cancelling = request("cancelling", 400, null);
    cancellation(cancelling);

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed).containsEntry("requests", 4L);
    assertThat(existing(List.of(completed, cancelled, expired, failed))).isEmpty();
    assertThat(existing(List.of(answeredRecently, pending, exported, cancelling)))
        .containsExactlyInAnyOrder(answeredRecently, pending, exported, cancelling);
    assertThat(count("select count(*) from responses where request_id = '" + completed + "'"))
        .isZero();
    assertThat(
            count("select count(*) from idempotency_keys where request_id = '" + completed + "'"))
        .isZero();
    assertThat(
            count(
                "select count(*) from request_cancellations where request_id = '"
                    + cancelled
                    + "'"))
        .isZero();
    assertThat(
            count("select count(*) from responses where request_id = '" + answeredRecently + "'"))
        .isOne();
    assertThat(
            count(
                "select count(*) from request_cancellations where request_id = '"
                    + cancelling
                    + "'"))
        .isOne();
    assertThat(
            jdbc.sql(
                    """
                    select actor || ' ' || detail from audit_logs
                    where action = 'retention.removed' and resource = 'retention:requests'
                    order by id desc limit 1""")
                .query(String.class)
                .single())
        .isEqualTo("system 4 older than " + CLOCK.instant().minus(Duration.ofDays(90)));
  }

  @Test
  void removesAuditEntriesPastTheRetentionAndDeletesInSmallBatches() throws Exception {
    String marker = "retention-test-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into audit_logs (actor, action, resource, outcome, at)
            select 'someone', 'test.old', :marker, 'success', :at
            from generate_series(1, :count)""")
        .param("marker", marker)
        .param("at", Timestamp.from(daysAgo(366)))
        .param("count", RetentionRun.BATCH * 2 + 1)
        .update();
    jdbc.sql(
            """
            insert into audit_logs (actor, action, resource, outcome, at)
            values ('someone', 'test.young', :marker, 'success', :at)""")
        .param("marker", marker)
        .param("at", Timestamp.from(daysAgo(364)))
        .update();

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed).containsEntry("audit", (long) RetentionRun.BATCH * 2 + 1);
    assertThat(
            jdbc.sql("select action from audit_logs where resource = :marker")
                .param("marker", marker)
                .query(String.class)
                .list())
        .containsExactly("test.young");
    assertThat(
            count(
                "select count(*) from audit_logs where action = 'retention.removed'"
                    + " and resource = 'retention:audit'"))
        .isOne();
  }

  @Test
  void keepsAKindWhoseRetentionIsZeroAndRecordsNothingWhenNothingWent() throws Exception {
    UUID ended = request("completed", 1000, 1000);
    List<RetentionApplied> recorded = new ArrayList<>();
    RequestSideRetention forever =
        new RequestSideRetention(
            endedRequests,
            deliveries,
            auditLog,
            jobs,
            new RequestSideRetentionProperties(Duration.ZERO, Duration.ZERO, Duration.ZERO),
            CLOCK,
            recorded::add);

    Map<String, Long> removed = forever.runNow().orElseThrow();

    assertThat(removed).isEmpty();
    assertThat(existing(List.of(ended))).containsExactly(ended);
    assertThat(recorded).isEmpty();
  }

  private Instant daysAgo(int days) {
    return CLOCK.instant().minus(Duration.ofDays(days));
  }

  /**
   * A request submitted {@code submittedDaysAgo}, with its deadline a day later, maybe answered.
   */
  private UUID request(String status, int submittedDaysAgo, Integer answeredDaysAgo) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                status, deadline, submitted_at, exported_at, result_received_at,
                cancel_requested_at, trace_id)
            values (:id, :owner, 'incidents', 'search', '{}'::jsonb, 1, :status, :deadline,
                :submitted, :submitted, :answered, :cancelRequested, 'trace')""")
        .param("id", id)
        .param("owner", owner)
        .param("status", status)
        .param("submitted", Timestamp.from(daysAgo(submittedDaysAgo)))
        .param("deadline", Timestamp.from(daysAgo(submittedDaysAgo - 1)))
        .param(
            "answered", answeredDaysAgo == null ? null : Timestamp.from(daysAgo(answeredDaysAgo)))
        .param(
            "cancelRequested",
            status.startsWith("cancel") ? Timestamp.from(daysAgo(submittedDaysAgo)) : null)
        .update();
    return id;
  }

  /** A delivery about the request, finished {@code finishedDaysAgo} (null: still pending). */
  private UUID delivery(UUID request, String status, Integer finishedDaysAgo) {
    return jdbc.sql(
            """
            insert into notification_deliveries (request_id, user_id, channel, target,
                request_status, stages, status, attempts, finished_at)
            values (:request, :owner, 'email', 'someone@example.org', 'completed', '{}'::jsonb,
                :status, 1, :finished)
            returning id""")
        .param("request", request)
        .param("owner", owner)
        .param("status", status)
        .param(
            "finished", finishedDaysAgo == null ? null : Timestamp.from(daysAgo(finishedDaysAgo)))
        .query(UUID.class)
        .single();
  }

  private void response(UUID request) {
    jdbc.sql(
            """
            insert into responses (request_id, result, execution_ms, cache_hit, result_sha256)
            values (:id, '{}'::jsonb, 1, false, 'sha')""")
        .param("id", request)
        .update();
  }

  private void idempotencyKey(UUID request) {
    jdbc.sql(
            """
            insert into idempotency_keys (owner_id, key, fingerprint, request_id, created_at)
            values (:owner, :key, 'f', :id, now())""")
        .param("owner", owner)
        .param("key", "key-" + request)
        .param("id", request)
        .update();
  }

  private void cancellation(UUID request) {
    jdbc.sql(
            """
            insert into request_cancellations (id, request_id, user_id, requested_at)
            values (gen_random_uuid(), :id, :owner, now())""")
        .param("id", request)
        .param("owner", owner)
        .update();
  }

  private List<UUID> existing(List<UUID> ids) {
    return jdbc.sql("select id from requests where id in (:ids)")
        .param("ids", ids)
        .query(UUID.class)
        .list();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
