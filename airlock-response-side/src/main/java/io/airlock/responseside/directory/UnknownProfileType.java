package io.airlock.responseside.directory;

/** A user was to be given a profile type that does not exist. */
class UnknownProfileType extends RuntimeException {

  UnknownProfileType(String name) {
    super("No profile type is named '" + name + "'.");
  }
}
