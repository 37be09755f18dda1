package io.airlock.responseside.inbound;

import io.airlock.transfer.records.FailureRecord;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What re-validation made of an imported request. */
sealed interface Screening {

  /**
   * May be queued.
   *
   * @param priority the requested priority capped by the user's profile type
   * @param params the query params in canonical form
   */
  record Accepted(UUID userId, int priority, JsonNode params, String cacheKey)
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
