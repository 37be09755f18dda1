package io.airlock.responseside.inbound;

import io.airlock.responseside.inbound.InboundAudit.Subject;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.FailureRecord;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes in a cancel: a queued request of the cancel's user is cancelled and answered so; one that
 * is already running or ended is left to finish (its answer goes back anyway); a request not seen
 * yet gets a tombstone that cancels it on arrival.
 */
@Component
class CancelImport {

  private final IncomingRequests requests;
  private final RequestTombstones tombstones;
  private final QueryResults results;
  private final InboundAudit audit;

  CancelImport(
      IncomingRequests requests,
      RequestTombstones tombstones,
      QueryResults results,
      InboundAudit audit) {
    this.requests = requests;
    this.tombstones = tombstones;
    this.results = results;
    this.audit = audit;
  }

  void apply(CancelRecord cancel, Arrival arrival) {
    Subject subject =
        new Subject(cancel.userId(), cancel.id(), cancel.requestId(), cancel.traceId());
    Optional<UUID> cancelId = WireText.uuid(cancel.id());
    Optional<UUID> requestId = WireText.uuid(cancel.requestId());
    Optional<UUID> userId = WireText.uuid(cancel.userId());
    if (cancelId.isEmpty() || requestId.isEmpty() || userId.isEmpty()) {
      audit.refused(
          arrival,
          subject,
          "cancel.refused",
          "invalid_record",
          "id, request_id and user_id must be UUIDs");
      return;
    }
    if (!WireText.storable(cancel.requestedAt())) {
      audit.refused(
          arrival,
          subject,
          "cancel.refused",
          "invalid_record",
          "requested_at must be within the years 1 to 9999");
      return;
    }
    Optional<IncomingRequests.Stored> stored = requests.lock(requestId.get());
    if (stored.isEmpty()) {
      if (tombstones.add(requestId.get(), cancelId.get(), userId.get(), cancel.requestedAt())) {
        audit.applied(arrival, subject, "cancel.tombstoned");
      } else {
        audit.ignored(
            arrival, subject, "cancel.duplicate", "duplicate", "the request has a tombstone");
      }
      return;
    }
    IncomingRequests.Stored request = stored.get();
    // A request refused as unreadable has no owner on record; it has ended anyway.
    if (request.userId() != null && !request.userId().equals(userId.get())) {
      audit.refused(
          arrival,
          subject,
          "cancel.refused",
          "not_owner",
          "user_id: the request belongs to another user");
      return;
    }
    if (!requests.cancelIfQueued(requestId.get())) {
      audit.ignored(
          arrival,
          subject,
          "cancel.ignored",
          "already_" + request.status(),
          "the request was already " + request.status());
      return;
    }
    results.ended(
        requestId.get(),
        request.traceId(),
        FailureRecord.Outcome.CANCELLED,
        "cancelled",
        "cancelled by its user",
        request.receivedAt());
    audit.applied(arrival, subject, "cancel.applied");
  }
}
