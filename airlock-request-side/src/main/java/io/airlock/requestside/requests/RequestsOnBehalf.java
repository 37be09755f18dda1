package io.airlock.requestside.requests;

import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.Caller;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.Users;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an admin does to another user's request: cancel it, or retry a failed or expired one by
 * submitting a copy for the same user (their rules and quotas apply, as to their own). Both are
 * audited as the admin's acts. For {@code /admin/requests} and the console's admin pages alike.
 */
@Service
public class RequestsOnBehalf {

  /** How an admin's act on a request ended. */
  public sealed interface Outcome {

    /** Done: {@code id} is the request acted on, or for a retry the new copy. */
    record Done(UUID id, String status) implements Outcome {}

    record NotFound() implements Outcome {}

    /** Not possible in the request's (or its owner's) state, which {@code why} names. */
    record Refused(String why) implements Outcome {}
  }

  private final RequestListing listing;
  private final RequestCancelling cancelling;
  private final RequestIntake intake;
  private final Users users;
  private final AuditLog audit;
  private final JsonMapper json;

  RequestsOnBehalf(
      RequestListing listing,
      RequestCancelling cancelling,
      RequestIntake intake,
      Users users,
      AuditLog audit,
      JsonMapper json) {
    this.listing = listing;
    this.cancelling = cancelling;
    this.intake = intake;
    this.users = users;
    this.audit = audit;
    this.json = json;
  }

  public Outcome cancel(Caller admin, UUID id) {
    Optional<Caller> owner = owner(id);
    if (owner.isEmpty()) {
      return new Outcome.NotFound();
    }
    Cancellation outcome = cancelling.cancelFor(admin, owner.get(), id);
    if (outcome instanceof Cancellation.NotFound) {
      return new Outcome.NotFound();
    }
    if (outcome instanceof Cancellation.AlreadyFinished finished) {
      return new Outcome.Refused("the request is already " + finished.status().wireName());
    }
    return new Outcome.Done(
        id,
        (outcome instanceof Cancellation.Cancelled
                ? RequestStatus.CANCELLED
                : RequestStatus.CANCELLING)
            .wireName());
  }

  /** Submits a copy of a failed or expired request as a new request of its owner. */
  public Outcome retry(Caller admin, UUID id) {
    Optional<RequestListing.Row> found = listing.byId(id);
    if (found.isEmpty()) {
      return new Outcome.NotFound();
    }
    RequestListing.Row request = found.get();
    if (!request.status().equals(RequestStatus.FAILED.wireName())
        && !request.status().equals(RequestStatus.EXPIRED.wireName())) {
      return new Outcome.Refused(
          "only a failed or expired request is retried; this one is " + request.status());
    }
    Optional<User> owner = users.byId(request.ownerId()).filter(User::active);
    if (owner.isEmpty()) {
      return new Outcome.Refused("its owner is no longer an active user");
    }
    UUID copy =
        intake
            .submit(
                Caller.of(owner.get()),
                request.index(),
                request.queryType(),
                json.readTree(request.queryParams()),
                request.priority(),
                Optional.empty())
            .id();
    audit.record(
        admin.username(),
        "request.retry",
        "request:" + copy,
        AuditLog.Outcome.SUCCESS,
        "copy of " + id + " for " + owner.get().username());
    return new Outcome.Done(copy, RequestStatus.PENDING.wireName());
  }

  private Optional<Caller> owner(UUID id) {
    return listing.byId(id).flatMap(row -> users.byId(row.ownerId())).map(Caller::of);
  }
}
