package io.airlock.transfer.records;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's self-service change made on the request side, forwarded to the response side (the source
 * of truth), which echoes {@code id} in the next directory record for that user. Only the fields a
 * user may change exist here; a {@code null} field is unchanged.
 *
 * @param id the change id
 * @param userId the user whose account changed
 * @param displayName new display name, or null
 * @param email new email, or null
 * @param passwordHash new password hash (BCrypt), or null
 * @param changedAt when the user made the change (request-side clock)
 */
public record AccountChangeRecord(
    String id,
    String userId,
    String displayName,
    String email,
    String passwordHash,
    Instant changedAt)
    implements TransferRecord {

  public AccountChangeRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(changedAt, "changedAt");
  }

  @Override
  public RecordType type() {
    return RecordType.ACCOUNT_CHANGE;
  }
}
