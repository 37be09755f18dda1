package io.airlock.responseside.inbound;

import io.airlock.responseside.audit.AuditLog;
import io.airlock.responseside.audit.AuditLog.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The audit entries of the requests channel, with the text of the records made storable. */
@Component
class InboundAudit {

  /**
   * What an entry is about, as the record sent it.
   *
   * @param actor the user the record speaks for
   * @param recordId the record's own id
   * @param resourceId the request or user the record is about
   */
  record Subject(String actor, String recordId, String resourceId, String traceId) {}

  private final AuditLog log;

  InboundAudit(AuditLog log) {
    this.log = log;
  }

  void applied(Arrival arrival, Subject subject, String action) {
    entries().applied(arrival, subject, action).write();
  }

  void refused(Arrival arrival, Subject subject, String action, String code, String detail) {
    entries().refused(arrival, subject, action, code, detail).write();
  }

  void ignored(Arrival arrival, Subject subject, String action, String code, String detail) {
    entries().ignored(arrival, subject, action, code, detail).write();
  }

  /** Entries gathered for a run of records, written together by {@link Entries#write()}. */
  Entries entries() {
    return new Entries();
  }

  final class Entries {
    private final List<AuditLog.Entry> entries = new ArrayList<>();

    Entries applied(Arrival arrival, Subject subject, String action) {
      return add(arrival, subject, action, Outcome.APPLIED, null, null);
    }

    Entries refused(Arrival arrival, Subject subject, String action, String code, String detail) {
      return add(arrival, subject, action, Outcome.REFUSED, code, detail);
    }

    Entries ignored(Arrival arrival, Subject subject, String action, String code, String detail) {
      return add(arrival, subject, action, Outcome.IGNORED, code, detail);
    }

    void write() {
      log.recordAll(entries);
      entries.clear();
    }

    private Entries add(
        Arrival arrival,
        Subject subject,
        String action,
        Outcome outcome,
        String code,
        String detail) {
      entries.add(
          new AuditLog.Entry(
              WireText.storable(subject.actor()),
              WireText.storable(arrival.senderNodeId()),
              action,
              WireText.storable(subject.recordId()),
              WireText.storable(subject.resourceId()),
              outcome,
              code,
              WireText.storable(detail),
              arrival.inboundBatchId(),
              WireText.storable(subject.traceId())));
      return this;
    }
  }
}
