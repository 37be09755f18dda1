package io.airlock.responseside.directory;

import io.airlock.transfer.records.Limits;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the directory keeps it; {@code limits} are the user's own overrides. */
public record User(
    UUID id,
    String username,
    String email,
    String displayName,
    String role,
    String profileType,
    boolean active,
    String passwordHash,
    long version,
    Limits limits,
    boolean highSideOnly,
    List<String> echoedChangeIds,
    Instant createdAt,
    Instant updatedAt) {

  public User {
    echoedChangeIds = List.copyOf(echoedChangeIds);
  }
}
