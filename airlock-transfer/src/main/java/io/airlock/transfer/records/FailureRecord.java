package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;

/**
 * A request that ended without a result: refused on re-validation, failed on execution, expired or
 * cancelled. The request side shows the reason to the user; nothing is ever left unanswered.
 *
 * @param id the request id
 * @param traceId the trace id the request carried, or null if the request was unreadable
 * @param outcome how the request ended
 * @param reasonCode a stable machine-readable code, e.g. {@code index_not_allowed}
 * @param detail a human-readable explanation
 * @param receivedAt when the response side received the request (high clock), or null
 * @param decidedAt when the response side decided the outcome (high clock)
 */
public record FailureRecord(
    String id,
    String traceId,
    Outcome outcome,
    String reasonCode,
    String detail,
    Instant receivedAt,
    Instant decidedAt)
    implements TransferRecord {

  public FailureRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  @Override
  public RecordType type() {
    return RecordType.FAILURE;
  }

  /** How a request ended without a result. */
  public enum Outcome {
    FAILED("failed"),
    EXPIRED("expired"),
    CANCELLED("cancelled");

    private final String wireName;

    Outcome(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static java.util.Optional<Outcome> fromWireName(String name) {
      for (Outcome outcome : values()) {
        if (outcome.wireName.equals(name)) {
          return java.util.Optional.of(outcome);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
