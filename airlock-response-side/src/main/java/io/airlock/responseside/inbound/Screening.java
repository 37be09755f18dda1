package io.airlock.responseside.inbound;

import io.airlock.transfer.records.FailureRecord;
import java.util.UUID;

/** What re-validation made of an imported request. */
sealed interface Screening {

  /**
   * May be queued.
   *
   * @param priority the requested priority capped by the user's profile type
   * @param paramsJson the query params as they passed the query rules, as JSON
   */
  record Accepted(UUID userId, int priority, String paramsJson, String cacheKey)
      implements Screening {}

  /**
   * Answered at once, never queued.
   *
   * @param outcome {@code FAILED}, or {@code EXPIRED} for a request whose deadline passed
   * @param code a stable snake_case reason
   * @param detail what was wrong, naming the field
   */
  record Refused(FailureRecord.Outcome outcome, String code, String detail) implements Screening {

    static Refused failed(String code, String detail) {
      return new Refused(FailureRecord.Outcome.FAILED, code, detail);
    }
  }
}
