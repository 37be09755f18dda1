package io.airlock.responseside.retention;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionRun;
import io.airlock.responseside.audit.AuditLog;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the response side's own rows past their retention: acknowledged results with the incoming
 * requests they answered, the audit log and the system log. Each run is recorded in the system log
 * (by kind, not by row). One instance at a time.
 */
public final class ResponseSideRetention {

  private static final String JOB = "response-side-retention";
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  private final QueryResults results;
  private final IncomingRequests requests;
  private final AuditLog auditLog;
  private final SystemLog systemLog;
  private final TransactionTemplate transactions;
  private final SingletonJobs jobs;
  private final ResponseSideRetentionProperties properties;
  private final Clock clock;
  private final Consumer<RetentionApplied> events;

  ResponseSideRetention(
      QueryResults results,
      IncomingRequests requests,
      AuditLog auditLog,
      SystemLog systemLog,
      TransactionTemplate transactions,
      SingletonJobs jobs,
      ResponseSideRetentionProperties properties,
      Clock clock,
      Consumer<RetentionApplied> events) {
    this.results = results;
    this.requests = requests;
    this.auditLog = auditLog;
    this.systemLog = systemLog;
    this.transactions = transactions;
    this.jobs = jobs;
    this.properties = properties;
    this.clock = clock;
    this.events = events;
  }

  /** One run now, by kind what it removed; empty if another instance is running it. */
  public Optional<Map<String, Long>> runNow() throws IOException {
    return jobs.runExclusively(
        JOB,
        LOCK_AT_MOST,
        () ->
            new RetentionRun(clock, events)
                .remove(
                    "acknowledged-results", properties.acknowledgedResults(), this::removeAnswered)
                .remove("audit", properties.audit(), auditLog::removeBefore)
                .remove("system-log", properties.systemLog(), systemLog::removeBefore)
                .removed());
  }

  /** A batch of acknowledged results and their requests, together: no request is left orphaned. */
  private int removeAnswered(Instant before, int limit) {
    return transactions.execute(
        status -> {
          List<UUID> answered = results.removeAcknowledgedBefore(before, limit);
          requests.removeAnswered(answered);
          return answered.size();
        });
  }
}
