package io.airlock.requestside.requests;

/** What a user's DELETE did to their request. */
sealed interface Cancellation
    permits Cancellation.Cancelled,
        Cancellation.Cancelling,
        Cancellation.NotFound,
        Cancellation.AlreadyFinished {

  /** It had not left this side yet, so it is cancelled at once. */
  record Cancelled() implements Cancellation {}

  /** It has crossed the gap: a cancel record follows it, and the status waits for the answer. */
  record Cancelling() implements Cancellation {}

  /** The caller has no request with that id. */
  record NotFound() implements Cancellation {}

  /** It already ended with this status. */
  record AlreadyFinished(RequestStatus status) implements Cancellation {}
}
