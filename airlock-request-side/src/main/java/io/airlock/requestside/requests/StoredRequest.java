package io.airlock.requestside.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * A request as stored, with a summary of its response when one has arrived.
 *
 * @param queryParams the params as canonical JSON text
 * @param response null until the response side's answer has been imported
 */
record StoredRequest(
    UUID id,
    String index,
    String queryType,
    String queryParams,
    int priority,
    String status,
    String statusReason,
    Instant deadline,
    String traceId,
    Instant cancelRequestedAt,
    Stages stages,
    ResponseSummary response) {

  record ResponseSummary(
      long executionMs, boolean cacheHit, String resultSha256, Instant receivedAt) {}
}
