package io.airlock.responseside.search;

import java.nio.file.Path;

/** The configured {@code airlock.search.ca-certificate} cannot be read or holds no certificate. */
class CaCertificateUnusable extends RuntimeException {

  CaCertificateUnusable(Path file, String problem, Throwable cause) {
    super("airlock.search.ca-certificate " + file + ": " + problem, cause);
  }
}
