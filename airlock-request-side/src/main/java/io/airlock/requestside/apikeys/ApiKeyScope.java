package io.airlock.requestside.apikeys;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do on its owner's behalf. A key does only what its scopes name (and what its
 * owner may do); every key may ask whose it is ({@code GET /users/me}). A caller with an access
 * token acts as the user and is not limited by scopes.
 */
public enum ApiKeyScope {
  /** List and read requests and their responses. */
  REQUESTS_READ("requests:read"),
  /** Submit and cancel requests. */
  REQUESTS_WRITE("requests:write"),
  /** Change the account and manage API keys. */
  ACCOUNT("account"),
  /** Use the admin API (the owner must be an admin too). */
  ADMIN("admin");

  private final String wireName;

  ApiKeyScope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ApiKeyScope> fromWireName(String name) {
    return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
  }
}
