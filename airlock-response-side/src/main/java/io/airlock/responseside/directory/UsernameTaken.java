package io.airlock.responseside.directory;

/** A new user was to get a username another user already has. */
class UsernameTaken extends RuntimeException {

  UsernameTaken(String username) {
    super("The username '" + username + "' is taken.");
  }
}
