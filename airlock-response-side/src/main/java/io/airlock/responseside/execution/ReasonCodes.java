package io.airlock.responseside.execution;

import io.airlock.transfer.query.QueryCheck;
import java.util.List;

/**
 * The stable reason codes of requests the executor ends without a result, as the request side shows
 * them (the detail says more). {@code deadline_passed} comes from the queue, for a request claimed
 * after its deadline.
 */
final class ReasonCodes {

  /** The engine refused the query as malformed (HTTP 400: parsing, unknown field...). */
  static final String BAD_QUERY = "bad_query";

  /** The index does not exist on the engine. */
  static final String INDEX_NOT_FOUND = "index_not_found";

  /** The engine refused the request for another reason (authorisation, an unreadable answer). */
  static final String SEARCH_FAILED = "search_failed";

  /** The engine was unreachable, too slow or overloaded on every run. */
  static final String SEARCH_UNAVAILABLE = "search_unavailable";

  /** The result is larger than a results batch may carry. */
  static final String RESULT_TOO_LARGE = "result_too_large";

  /** The result holds what PostgreSQL cannot store as JSON (a NUL character in a string). */
  static final String RESULT_UNSTORABLE = "result_unstorable";

  /** The request was claimed as often as allowed and every worker lost it (e.g. died). */
  static final String ATTEMPTS_EXHAUSTED = "attempts_exhausted";

  /** Every code a run fails with: these, and the query rules' when a request breaks them. */
  static final List<String> RUN_FAILURES =
      List.of(
          BAD_QUERY,
          INDEX_NOT_FOUND,
          SEARCH_FAILED,
          SEARCH_UNAVAILABLE,
          RESULT_TOO_LARGE,
          RESULT_UNSTORABLE,
          ATTEMPTS_EXHAUSTED,
          QueryCheck.Invalid.REASON_CODE);

  private ReasonCodes() {}
}
