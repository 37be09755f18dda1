package io.airlock.requestside.users;

import java.io.Serializable;
import java.util.UUID;

/**
 * Who is asking: an active user, authenticated by an access token or an API key. Controllers take
 * it with {@code @AuthenticationPrincipal}. Serializable, as a browser session keeps it.
 */
public record Caller(UUID id, String username, String role) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static Caller of(User user) {
    return new Caller(user.id(), user.username(), user.role());
  }
}
