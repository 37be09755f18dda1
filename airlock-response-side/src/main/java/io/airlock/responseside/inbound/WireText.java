package io.airlock.responseside.inbound;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Text from the other side made fit to store. PostgreSQL refuses the NUL character in text and JSON
 * alike, and one refused write would roll back the whole batch, every time it is retried: so
 * nothing read from a record reaches the database unchecked.
 */
final class WireText {

  static final int MAX_STORED = 1000;

  // Years 1 to 9999: what every database and Timestamp take, far wider than any real request.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private WireText() {}

  /** {@code text} without NUL characters and at most {@value #MAX_STORED} characters long. */
  static String storable(String text) {
    if (text == null) {
      return null;
    }
    String cleaned = text.replace('\u0000', '\uFFFD');
    return cleaned.length() <= MAX_STORED ? cleaned : cleaned.substring(0, MAX_STORED) + "…";
  }

  /** Whether {@code instant} can be stored (a timestamp out of range would fail the write). */
  static boolean storable(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /** The UUID {@code text} spells in canonical form, or empty. */
  static Optional<UUID> uuid(String text) {
    if (text == null || text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
