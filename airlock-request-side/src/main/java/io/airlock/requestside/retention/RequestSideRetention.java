package io.airlock.requestside.retention;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.retention.RetentionApplied;
import io.airlock.platform.retention.RetentionRun;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.notifications.NotificationDeliveries;
import io.airlock.requestside.requests.EndedRequests;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Removes the request side's own rows past their retention: requests that ended, with what hangs
 * off them, notification deliveries long finished, then the audit log. Each run is recorded in the
 * audit log (by kind, not by row). One instance at a time.
 */
public final class RequestSideRetention {

  private static final String JOB = "request-side-retention";
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  private final EndedRequests requests;
  private final NotificationDeliveries deliveries;
  private final AuditLog auditLog;
  private final SingletonJobs jobs;
  private final RequestSideRetentionProperties properties;
  private final Clock clock;
  private final Consumer<RetentionApplied> events;

  RequestSideRetention(
      EndedRequests requests,
      NotificationDeliveries deliveries,
      AuditLog auditLog,
      SingletonJobs jobs,
      RequestSideRetentionProperties properties,
      Clock clock,
      Consumer<RetentionApplied> events) {
    this.requests = requests;
    this.deliveries = deliveries;
    this.auditLog = auditLog;
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
                .remove("requests", properties.requests(), requests::removeEndedBefore)
                .remove(
                    "notifications", properties.notifications(), deliveries::removeFinishedBefore)
                .remove("audit", properties.audit(), auditLog::removeBefore)
                .removed());
  }
}
