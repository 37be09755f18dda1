package io.airlock.responseside.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionRun;
import io.airlock.platform.testing.MovableClock;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.audit.AuditLog;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The response side's retention as it is wired, with a clock the test moves: acknowledged results
 * go with the requests they answered, nothing unacknowledged or unanswered goes, the logs lose only
 * their old lines, and each run is recorded in the system log.
 */
@ResponseSideIntegrationTest
@Import(ResponseSideRetentionIntegrationTests.Time.class)
class ResponseSideRetentionIntegrationTests {

  static final MovableClock CLOCK = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @TestConfiguration
  static class Time {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @Autowired ResponseSideRetention retention;
  @Autowired ResponseSideRetentionProperties properties;
  @Autowired QueryResults results;
  @Autowired IncomingRequests incomingRequests;
  @Autowired AuditLog auditLog;
  @Autowired SystemLog systemLog;
  @Autowired TransactionTemplate transactions;
  @Autowired SingletonJobs jobs;
  @Autowired JdbcClient jdbc;

  @Test
  void bindsItsKindsNextToThePlatformsWithTheirDefaults() {
    assertThat(properties.audit()).isEqualTo(Duration.ofDays(365));
    assertThat(properties.systemLog()).isEqualTo(Duration.ofDays(90));
    assertThat(properties.acknowledgedResults()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void removesResultsAcknowledgedLongAgoWithTheRequestsTheyAnsweredAndNothingUnacknowledged()
      throws Exception {
    UUID old = request("completed", 400);
    result(old, 400, 31);
    oversized(old);
    UUID young = request("completed", 400);
    result(young, 400, 29);
    UUID unacknowledged = request("completed", 400);
    result(unacknowledged, 400, null);
    UUID runAfresh = request("queued", 400); // failed, acknowledged, then run again by an operator
    result(runAfresh, 400, 100);
    UUID unanswered = request("processing", 400);

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed).containsEntry("acknowledged-results", 2L);
    assertThat(ids("select request_id from query_results"))
        .contains(young, unacknowledged)
        .doesNotContain(old, runAfresh);
    assertThat(ids("select request_id from incoming_requests"))
        .contains(young, unacknowledged, runAfresh, unanswered)
        .doesNotContain(old);
    assertThat(ids("select request_id from oversized_results")).doesNotContain(old);
    assertThat(
            jdbc.sql(
                    """
                    select message from system_logs
                    where component = 'retention' and details ->> 'kind' = 'acknowledged-results'
                    order by id desc limit 1""")
                .query(String.class)
                .single())
        .isEqualTo("Removed 2 acknowledged-results past their retention");
  }

  @Test
  void removesAuditAndSystemLogLinesPastTheirRetentionInSmallBatches() throws Exception {
    String marker = "retention-test-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into audit_logs (action, resource_id, outcome, at)
            select 'test.old', :marker, 'applied', :at from generate_series(1, :count)""")
        .param("marker", marker)
        .param("at", Timestamp.from(daysAgo(366)))
        .param("count", RetentionRun.BATCH + 1)
        .update();
    jdbc.sql(
            """
            insert into audit_logs (action, resource_id, outcome, at)
            values ('test.young', :marker, 'applied', :at)""")
        .param("marker", marker)
        .param("at", Timestamp.from(daysAgo(364)))
        .update();
    jdbc.sql(
            """
            insert into system_logs (level, component, message, at)
            values ('INFO', :marker, 'old', :old), ('INFO', :marker, 'young', :young)""")
        .param("marker", marker)
        .param("old", Timestamp.from(daysAgo(91)))
        .param("young", Timestamp.from(daysAgo(89)))
        .update();

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed)
        .containsEntry("audit", (long) RetentionRun.BATCH + 1)
        .containsEntry("system-log", 1L);
    assertThat(
            jdbc.sql("select action from audit_logs where resource_id = :marker")
                .param("marker", marker)
                .query(String.class)
                .list())
        .containsExactly("test.young");
    assertThat(
            jdbc.sql("select message from system_logs where component = :marker")
                .param("marker", marker)
                .query(String.class)
                .list())
        .containsExactly("young");
  }

  @Test
  void keepsAKindWhoseRetentionIsZeroAndRecordsNothingWhenNothingWent() throws Exception {
    UUID answered = request("completed", 1000);
    result(answered, 1000, 1000);
    List<RetentionApplied> recorded = new ArrayList<>();
    ResponseSideRetention forever =
        new ResponseSideRetention(
            results,
            incomingRequests,
            auditLog,
            systemLog,
            transactions,
            jobs,
            new ResponseSideRetentionProperties(Duration.ZERO, Duration.ZERO, Duration.ZERO),
            CLOCK,
            recorded::add);

    Map<String, Long> removed = forever.runNow().orElseThrow();

    assertThat(removed).isEmpty();
    assertThat(ids("select request_id from query_results")).contains(answered);
    assertThat(ids("select request_id from incoming_requests")).contains(answered);
    assertThat(recorded).isEmpty();
  }

  private Instant daysAgo(int days) {
    return CLOCK.instant().minus(Duration.ofDays(days));
  }

  private UUID request(String status, int receivedDaysAgo) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into incoming_requests (request_id, status, lease_owner, received_at)
            values (:id, :status, :owner, :received)""")
        .param("id", id)
        .param("status", status)
        // A request is processing only in a worker's hands.
        .param("owner", "processing".equals(status) ? "a-worker" : null)
        .param("received", Timestamp.from(daysAgo(receivedDaysAgo)))
        .update();
    return id;
  }

  private void result(UUID request, int decidedDaysAgo, Integer acknowledgedDaysAgo) {
    jdbc.sql(
            """
            insert into query_results (request_id, outcome, result, decided_at, export_sequence,
                exported_at, acknowledged_at)
            values (:id, 'completed', '{}'::jsonb, :decided, 1, :decided, :acknowledged)""")
        .param("id", request)
        .param("decided", Timestamp.from(daysAgo(decidedDaysAgo)))
        .param(
            "acknowledged",
            acknowledgedDaysAgo == null ? null : Timestamp.from(daysAgo(acknowledgedDaysAgo)))
        .update();
  }

  private void oversized(UUID request) {
    jdbc.sql(
            """
            insert into oversized_results (request_id, result, result_sha256, bytes)
            values (:id, '{}'::jsonb, 'sha', 2)""")
        .param("id", request)
        .update();
  }

  private List<UUID> ids(String sql) {
    return jdbc.sql(sql).query(UUID.class).list();
  }
}
