package io.airlock.platform.transfer;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this node's last attempt to write a batch to its outbox failed, and since when: a full
 * disk or a failing share is seen where it happens, by the writes themselves, and turns readiness
 * DOWN until a write succeeds again.
 */
public final class OutboxFailures {

  /** The outbox has failed every write since {@code since}; the last error was {@code reason}. */
  public record Failure(Instant since, String reason) {}

  private final Clock clock;
  private volatile Failure current;

  public OutboxFailures(Clock clock) {
    this.clock = clock;
  }

  void failed(IOException e) {
    Failure previous = current;
    current = new Failure(previous == null ? clock.instant() : previous.since(), e.toString());
  }

  void succeeded() {
    current = null;
  }

  public Optional<Failure> current() {
    return Optional.ofNullable(current);
  }
}
