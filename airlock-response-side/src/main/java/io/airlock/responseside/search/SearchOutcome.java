package io.airlock.responseside.search;

import tools.jackson.databind.JsonNode;

/** What a call to the search engine came to: an answer, or a failure that says whether to retry. */
public sealed interface SearchOutcome permits SearchOutcome.Answered, SearchOutcome.Failed {

  /**
   * The engine's answer.
   *
   * @param body the response body as the engine sent it
   * @param tookMs wall-clock milliseconds the call took here: what the caller waited, network
   *     included, which the engine's own {@code took} leaves out
   */
  record Answered(JsonNode body, long tookMs) implements SearchOutcome {}

  /**
   * The call failed; it was tried once, and {@code kind} tells the caller whether to try again.
   *
   * @param kind whether trying again later may succeed
   * @param status the HTTP status, or 0 when no answer came (connection failure, timeout)
   * @param reason the engine's {@code error.type} and {@code error.reason} when it gave them
   */
  record Failed(Kind kind, int status, String reason) implements SearchOutcome {}

  enum Kind {
    /** The request itself is wrong (bad query, unknown index): the same request fails again. */
    PERMANENT,
    /** The engine was unreachable, too slow, overloaded or failing: a later try may succeed. */
    TRANSIENT
  }
}
