package io.airlock.console;

import java.util.Optional;
import java.util.UUID;

/** What a user typed into a page's search box. */
public final class SearchTerms {

  private SearchTerms() {}

  /** The id typed, if what was typed is one; nothing otherwise (a page then finds nothing). */
  public static Optional<UUID> uuid(String typed) {
    try {
      return Optional.of(UUID.fromString(typed.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
