package io.airlock.responseside.queue;

import io.airlock.transfer.records.QueryType;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A queued request a worker holds the lease of. {@code leaseOwner} and {@code attempts} together
 * are the lease's fencing token: a worker whose lease was taken over cannot settle the request,
 * even when the same owner name claimed it again.
 *
 * @param traceparent the W3C trace context the request brought across the gap, which its run
 *     continues; null when it brought none
 * @param cacheKey null only for a row written without one; such a request skips the cache
 * @param attempts how many times the request has been claimed, this time included
 * @param runs how many times a worker began to run it: this run included once {@link
 *     RequestQueue#start} returned it
 */
public record ClaimedRequest(
    UUID requestId,
    String traceId,
    String traceparent,
    String indexName,
    QueryType queryType,
    JsonNode queryParams,
    int priority,
    String cacheKey,
    int attempts,
    int runs,
    Instant receivedAt,
    Instant deadline,
    String leaseOwner) {

  ClaimedRequest startedAs(int run) {
    return new ClaimedRequest(
        requestId,
        traceId,
        traceparent,
        indexName,
        queryType,
        queryParams,
        priority,
        cacheKey,
        attempts,
        run,
        receivedAt,
        deadline,
        leaseOwner);
  }
}
