package io.airlock.responseside.execution;

import java.time.Duration;

/** What running one claimed request came to. */
sealed interface ExecutionOutcome {

  /** Answered with a result. */
  record Completed(boolean cacheHit) implements ExecutionOutcome {}

  /** Answered as failed, for good. */
  record Failed(String reasonCode, String detail) implements ExecutionOutcome {}

  /** Back in the queue, to run again after {@code delay}. */
  record RetryScheduled(Duration delay, String reason) implements ExecutionOutcome {}

  /** The lease was taken over meanwhile: whatever this run found was dropped. */
  record LeaseLost() implements ExecutionOutcome {}
}
