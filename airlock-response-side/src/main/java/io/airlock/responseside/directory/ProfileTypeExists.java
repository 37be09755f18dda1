package io.airlock.responseside.directory;

/** A new profile type was to get the name of an existing one. */
class ProfileTypeExists extends RuntimeException {

  ProfileTypeExists(String name) {
    super("A profile type named '" + name + "' exists already.");
  }
}
