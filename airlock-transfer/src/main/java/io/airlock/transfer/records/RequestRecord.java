package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;
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
    Instant deadline)
    implements TransferRecord {

  public RequestRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(queryType, "queryType");
    Objects.requireNonNull(queryParams, "queryParams");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(deadline, "deadline");
  }

  @Override
  public RecordType type() {
    return RecordType.REQUEST;
  }
}
