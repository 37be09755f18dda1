package io.airlock.responseside.directory;

/** An admin addressed a profile type that does not exist. */
class ProfileTypeNotFound extends RuntimeException {

  ProfileTypeNotFound(String name) {
    super("No profile type is named '" + name + "'.");
  }
}
