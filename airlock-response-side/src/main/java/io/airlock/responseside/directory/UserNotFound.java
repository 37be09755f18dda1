package io.airlock.responseside.directory;

import java.util.UUID;

/** An admin named a user the directory does not hold. */
class UserNotFound extends RuntimeException {

  UserNotFound(UUID id) {
    super("No user has id " + id + ".");
  }
}
