package io.airlock.requestside.audit;

import io.airlock.platform.retention.RetentionApplied;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What a retention job removed, one audit line per run and kind, never one per row. */
@Component
class RetentionRecords {

  private final AuditLog auditLog;

  RetentionRecords(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @EventListener
  void applied(RetentionApplied applied) {
    auditLog.record(
        "system",
        "retention.removed",
        "retention:" + applied.kind(),
        AuditLog.Outcome.SUCCESS,
        applied.removed() + " older than " + applied.olderThan());
  }
}
