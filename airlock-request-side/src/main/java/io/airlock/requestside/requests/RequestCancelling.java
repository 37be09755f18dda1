package io.airlock.requestside.requests;

import io.airlock.platform.web.RequestId;
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
  private final Clock clock;

  RequestCancelling(Requests requests, RequestCancellations cancellations, Clock clock) {
    this.requests = requests;
    this.cancellations = cancellations;
    this.clock = clock;
  }

  @Transactional
  Cancellation cancel(Caller caller, UUID id) {
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
