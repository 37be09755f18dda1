package io.airlock.requestside.requests;

import io.airlock.platform.web.RequestId;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a user's request. The row is locked first, so a concurrent export cannot slip between
 * reading the status and changing it: a request is either cancelled before it leaves, or followed
 * by a cancel record.
 */
@Service
class RequestCancelling {

  static final String CANCELLED_BY_OWNER = "cancelled by its owner";

  private final Requests requests;
  private final RequestCancellations cancellations;
  private final AuditLog audit;
  private final Clock clock;

  RequestCancelling(
      Requests requests, RequestCancellations cancellations, AuditLog audit, Clock clock) {
    this.requests = requests;
    this.cancellations = cancellations;
    this.audit = audit;
    this.clock = clock;
  }

  /** Cancels one of the caller's requests, audited unless it is not theirs (or not there). */
  @Transactional
  Cancellation cancel(Caller caller, UUID id) {
    return cancelFor(caller, caller, id);
  }

  /**
   * Cancels one of {@code owner}'s requests, by {@code actor}: the owner, or an admin, who is
   * audited as the one who cancelled it.
   */
  @Transactional
  Cancellation cancelFor(Caller actor, Caller owner, UUID id) {
    Cancellation outcome = decide(owner, id);
    String onBehalf = actor.id().equals(owner.id()) ? null : "for " + owner.username();
    if (outcome instanceof Cancellation.AlreadyFinished finished) {
      audit.record(
          actor.username(),
          "request.cancel",
          "request:" + id,
          AuditLog.Outcome.FAILURE,
          "already " + finished.status().wireName() + (onBehalf == null ? "" : ", " + onBehalf));
    } else if (!(outcome instanceof Cancellation.NotFound)) {
      audit.record(
          actor.username(), "request.cancel", "request:" + id, AuditLog.Outcome.SUCCESS, onBehalf);
    }
    return outcome;
  }

  private Cancellation decide(Caller caller, UUID id) {
    Optional<RequestStatus> status = requests.lockStatus(caller.id(), id);
    if (status.isEmpty()) {
      return new Cancellation.NotFound();
    }
    Instant now = clock.instant();
    switch (status.get()) {
      case PENDING:
        requests.cancelled(id, RequestStatus.CANCELLED, CANCELLED_BY_OWNER, now);
        return new Cancellation.Cancelled();
      case EXPORTED:
        requests.cancelled(id, RequestStatus.CANCELLING, null, now);
        cancellations.add(id, caller.id(), now, RequestId.current().orElse(null));
        return new Cancellation.Cancelling();
      case CANCELLING:
        // Asked twice: the first cancel record is already on its way.
        return new Cancellation.Cancelling();
      default:
        return new Cancellation.AlreadyFinished(status.get());
    }
  }
}
