package io.airlock.requestside.users;

import java.util.UUID;

/**
 * Who is asking: an active user, authenticated by an access token or an API key. Controllers take
 * it with {@code @AuthenticationPrincipal}.
 */
public record Caller(UUID id, String username, String role) {

  public static Caller of(User user) {
    return new Caller(user.id(), user.username(), user.role());
  }
}
