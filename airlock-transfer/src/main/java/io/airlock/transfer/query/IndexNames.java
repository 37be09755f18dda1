package io.airlock.transfer.query;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Elasticsearch's rules for a concrete index name (the same in OpenSearch). A request names one
 * index, never a pattern or a list, so that the allow-list check on both sides means what it says.
 */
final class IndexNames {

  /** Characters Elasticsearch refuses in an index name, plus the pattern and list characters. */
  private static final String FORBIDDEN = "\\/*?\"<>| ,#:";

  static final int MAX_BYTES = 255;

  private IndexNames() {}

  /** Why {@code name} is not a valid concrete index name, or empty if it is. */
  static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is required");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("must be at most " + MAX_BYTES + " bytes");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("must not be '.' or '..'");
    }
    char first = name.charAt(0);
    if (first == '-' || first == '_' || first == '+') {
      return Optional.of("must not start with '-', '_' or '+'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0) {
        return Optional.of(
            "must not contain '"
                + c
                + "' (one concrete index: no wildcards, lists, spaces or any of \\ / \" < > | # :)");
      }
      if (Character.isUpperCase(c)) {
        return Optional.of("must be lower case");
      }
      if (Character.isISOControl(c)) {
        return Optional.of("must not contain control characters");
      }
    }
    return Optional.empty();
  }
}
