package io.airlock.responseside.inbound;

import io.airlock.responseside.inbound.InboundAudit.Subject;
import io.airlock.responseside.inbound.RequestTombstones.Tombstone;
import io.airlock.responseside.queue.IncomingRequests;
import io.airlock.responseside.results.QueryResults;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.RequestRecord;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes in a request: once per request id, re-validated, then queued, or answered at once with the
 * reason it was refused. A tombstone left by an earlier cancel of its owner cancels it on arrival.
 */
@Component
class RequestImport {

  private final IncomingRequests requests;
  private final RequestTombstones tombstones;
  private final RequestScreening screening;
  private final QueryResults results;
  private final InboundAudit audit;

  RequestImport(
      IncomingRequests requests,
      RequestTombstones tombstones,
      RequestScreening screening,
      QueryResults results,
      InboundAudit audit) {
    this.requests = requests;
    this.tombstones = tombstones;
    this.screening = screening;
    this.results = results;
    this.audit = audit;
  }

  void apply(RequestRecord request, Arrival arrival) {
    Subject subject = new Subject(request.userId(), request.id(), request.id(), request.traceId());
    Optional<UUID> id = WireText.uuid(request.id());
    if (id.isEmpty()) {
      // Nothing to answer: the request side names every request by a UUID.
      audit.refused(arrival, subject, "request.refused", "invalid_record", "id: must be a UUID");
      return;
    }
    // Checked before anything is written; the inbox is imported by one instance at a time, so no
    // other import stores the same id in between.
    if (requests.exists(id.get())) {
      audit.ignored(
          arrival, subject, "request.duplicate", "duplicate", "the request was received before");
      return;
    }
    Screening screened = screening.screen(request, arrival.receivedAt());
    Optional<Tombstone> tombstone = tombstones.take(id.get());
    if (screened instanceof Screening.Refused refused) {
      end(id.get(), request, arrival, null, refused.outcome(), refused.code(), refused.detail());
      audit.refused(arrival, subject, "request.refused", refused.code(), refused.detail());
      return;
    }
    Screening.Accepted accepted = (Screening.Accepted) screened;
    if (tombstone.isPresent()) {
      Subject cancel =
          new Subject(
              tombstone.get().userId().toString(),
              tombstone.get().cancelId().toString(),
              request.id(),
              request.traceId());
      if (tombstone.get().userId().equals(accepted.userId())) {
        end(
            id.get(),
            request,
            arrival,
            accepted,
            FailureRecord.Outcome.CANCELLED,
            "cancelled",
            "cancelled by its user before it arrived");
        audit.applied(arrival, cancel, "cancel.applied");
        audit.applied(arrival, subject, "request.cancelled");
        return;
      }
      audit.refused(
          arrival,
          cancel,
          "cancel.refused",
          "not_owner",
          "user_id: the request belongs to another user");
    }
    requests.insert(row(id.get(), request, arrival, accepted, "queued", null, null));
    audit.applied(arrival, subject, "request.accepted");
  }

  /** Answers a request whose record could not be read, if it is not known already. */
  void refuseUnreadable(UUID id, String reason, Arrival arrival) {
    String detail = WireText.storable("record: " + reason);
    Subject subject = new Subject(null, id.toString(), id.toString(), null);
    boolean inserted =
        requests.insert(
            new IncomingRequests.Row(
                id,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                "failed",
                "invalid_record",
                detail,
                null,
                null,
                arrival.receivedAt(),
                arrival.inboundBatchId()));
    if (!inserted) {
      audit.ignored(arrival, subject, "request.duplicate", "invalid_record", detail);
      return;
    }
    results.ended(
        id, null, FailureRecord.Outcome.FAILED, "invalid_record", detail, arrival.receivedAt());
    audit.refused(arrival, subject, "request.refused", "invalid_record", detail);
  }

  /** Stores the request as ended and answers it. */
  private void end(
      UUID id,
      RequestRecord request,
      Arrival arrival,
      Screening.Accepted accepted,
      FailureRecord.Outcome outcome,
      String code,
      String detail) {
    String storable = WireText.storable(detail);
    requests.insert(row(id, request, arrival, accepted, outcome.wireName(), code, storable));
    results.ended(
        id, WireText.storable(request.traceId()), outcome, code, storable, arrival.receivedAt());
  }

  private static IncomingRequests.Row row(
      UUID id,
      RequestRecord request,
      Arrival arrival,
      Screening.Accepted accepted,
      String status,
      String reasonCode,
      String reasonDetail) {
    return new IncomingRequests.Row(
        id,
        WireText.storable(request.traceId()),
        WireText.uuid(request.userId()).orElse(null),
        WireText.storable(request.index()),
        request.queryType().wireName(),
        accepted == null ? null : accepted.params(),
        request.priority(),
        accepted == null ? 0 : accepted.priority(),
        accepted == null ? null : accepted.cacheKey(),
        status,
        reasonCode,
        reasonDetail,
        WireText.storable(request.submittedAt()) ? request.submittedAt() : null,
        WireText.storable(request.deadline()) ? request.deadline() : null,
        arrival.receivedAt(),
        arrival.inboundBatchId());
  }
}
