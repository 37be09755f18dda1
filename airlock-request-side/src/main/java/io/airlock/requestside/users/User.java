package io.airlock.requestside.users;

import java.time.Instant;
import java.util.UUID;

/** A user of this side as the directory replica holds them. */
public record User(
    UUID id,
    String username,
    String email,
    String displayName,
    String role,
    String profileType,
    boolean active,
    String passwordHash,
    Instant lastLoginAt) {

  public boolean isAdmin() {
    return "admin".equals(role);
  }
}
