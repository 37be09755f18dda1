package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The answer to an executed request.
 *
 * @param id the request id
 * @param traceId the trace id the request carried
 * @param result the search engine's response body
 * @param executionMs how long the query took on the response side
 * @param cacheHit whether the result came from the cache
 * @param resultSha256 SHA-256 (hex) of the canonical result, used as the response's ETag
 * @param receivedAt when the response side received the request (high clock)
 * @param executedAt when the response side executed it (high clock)
 */
public record ResultRecord(
    String id,
    String traceId,
    JsonNode result,
    long executionMs,
    boolean cacheHit,
    String resultSha256,
    Instant receivedAt,
    Instant executedAt)
    implements TransferRecord {

  public ResultRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(resultSha256, "resultSha256");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(executedAt, "executedAt");
  }

  @Override
  public RecordType type() {
    return RecordType.RESULT;
  }
}
