package io.airlock.responseside.security;

import java.util.UUID;

/** An API key was to be made for a user the directory does not hold. */
class ApiKeyOwnerUnknown extends RuntimeException {

  ApiKeyOwnerUnknown(UUID userId) {
    super("No user has id " + userId + ".");
  }
}
