package io.airlock.responseside.security;

import java.util.UUID;

/** An admin addressed an API key that does not exist. */
class ApiKeyNotFound extends RuntimeException {

  ApiKeyNotFound(UUID id) {
    super("No API key has id " + id + ".");
  }
}
