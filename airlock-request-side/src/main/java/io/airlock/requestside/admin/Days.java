package io.airlock.requestside.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The console's date fields (whole UTC days) as the instants the listings filter by. */
final class Days {

  private Days() {}

  /** The start of {@code day}; null for null. */
  static Instant from(LocalDate day) {
    return day == null ? null : day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The end of {@code day}, exclusive: the start of the next; null for null. */
  static Instant through(LocalDate day) {
    return day == null ? null : from(day.plusDays(1));
  }
}
