package io.airlock.responseside.queue;

import java.time.Duration;

/**
 * How a run ends a claimed request, for {@link RequestQueue#settleAll}: each the batch form of one
 * of the queue's single settling writes, and like them only while the lease is still the run's.
 */
public sealed interface Settlement {

  /** The request settled. */
  ClaimedRequest request();

  /** Answered with a result ({@link RequestQueue#complete}). */
  record Completion(ClaimedRequest request, Answer answer) implements Settlement {}

  /** Answered as failed, for good ({@link RequestQueue#fail}). */
  record Failure(ClaimedRequest request, String reasonCode, String detail) implements Settlement {}

  /**
   * Answered as failed because no results batch can carry the result, kept here for operators
   * ({@link RequestQueue#failTooLarge}).
   */
  record Oversized(ClaimedRequest request, Answer answer, String reasonCode, String detail)
      implements Settlement {}

  /** Back in the queue, to run again after {@code delay} ({@link RequestQueue#retryLater}). */
  record Retry(ClaimedRequest request, Duration delay, String reasonCode, String why)
      implements Settlement {}
}
