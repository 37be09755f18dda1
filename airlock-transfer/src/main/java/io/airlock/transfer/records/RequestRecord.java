package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A search request submitted on the request side. The response side re-validates every field: it
 * trusts nothing that arrives from the request side.
 *
 * @param id the request id (a UUID chosen by the request side)
 * @param traceId the request id of the HTTP call that submitted it, for following it across the gap
 * @param userId the submitting user
 * @param index the index to query
 * @param queryType search or count
 * @param queryParams the Query DSL body (a JSON object)
 * @param priority the requested priority; the response side caps it by the user's profile
 * @param submittedAt when the user submitted it (request-side clock)
 * @param deadline after this the response side answers {@code expired} instead of executing it
 * @param traceparent the W3C trace context of the submission ({@code
 *     00-<trace-id>-<parent-id>-<flags>}), so that what the response side does with the request
 *     joins its trace; null when there is none. A value not in that form never reaches a record:
 *     the codec drops it, since a trace is no reason to refuse a request.
 */
public record RequestRecord(
    String id,
    String traceId,
    String userId,
    String index,
    QueryType queryType,
    JsonNode queryParams,
    int priority,
    Instant submittedAt,
    Instant deadline,
    String traceparent)
    implements TransferRecord {

  /** W3C trace context, version 00: the only form a {@code traceparent} may take. */
  public static final Pattern TRACEPARENT =
      Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

  /** A request with no trace context. */
  public RequestRecord(
      String id,
      String traceId,
      String userId,
      String index,
      QueryType queryType,
      JsonNode queryParams,
      int priority,
      Instant submittedAt,
      Instant deadline) {
    this(id, traceId, userId, index, queryType, queryParams, priority, submittedAt, deadline, null);
  }

  public RequestRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(queryType, "queryType");
    Objects.requireNonNull(queryParams, "queryParams");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(deadline, "deadline");
    if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
      throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
    }
  }

  @Override
  public RecordType type() {
    return RecordType.REQUEST;
  }
}
