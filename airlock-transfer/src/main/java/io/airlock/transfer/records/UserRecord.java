package io.airlock.transfer.records;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user of the directory, as the response side (the source of truth) exports it. The higher {@code
 * version} wins; {@code echoedChangeIds} lists the request side's account changes already applied
 * to this version, so the request side can drop its pending copies of them.
 *
 * @param id the user id
 * @param username login name
 * @param email email address, or null
 * @param displayName display name, or null
 * @param role {@code user} or {@code admin}
 * @param profileType name of the user's profile type
 * @param active false when the user is deactivated
 * @param passwordHash the BCrypt hash
 * @param version monotonically increasing per user
 * @param limits the user's own limits, overriding the profile's where set
 * @param echoedChangeIds account-change ids applied up to this version
 * @param updatedAt when this version was made (high clock)
 */
public record UserRecord(
    String id,
    String username,
    String email,
    String displayName,
    String role,
    String profileType,
    boolean active,
    String passwordHash,
    long version,
    Limits limits,
    List<String> echoedChangeIds,
    Instant updatedAt)
    implements TransferRecord {

  public UserRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(profileType, "profileType");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(updatedAt, "updatedAt");
    echoedChangeIds = List.copyOf(echoedChangeIds);
    limits = limits == null ? Limits.NONE : limits;
  }

  @Override
  public RecordType type() {
    return RecordType.USER;
  }
}
