package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's cancellation of an exported request. A cancel that arrives before its request leaves a
 * tombstone that cancels the request on arrival.
 *
 * @param id the cancellation's own id
 * @param traceId the request id of the HTTP call that cancelled, for following it across the gap
 * @param requestId the request to cancel
 * @param userId the user asking; must own the request
 * @param requestedAt when the user cancelled (request-side clock)
 */
public record CancelRecord(
    String id, String traceId, String requestId, String userId, Instant requestedAt)
    implements TransferRecord {

  public CancelRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  @Override
  public RecordType type() {
    return RecordType.CANCEL;
  }
}
