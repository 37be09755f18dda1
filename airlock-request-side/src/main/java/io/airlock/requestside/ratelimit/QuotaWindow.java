package io.airlock.requestside.ratelimit;

import java.time.Duration;
import java.time.Instant;

/** A fixed quota window, aligned to the clock in UTC: each minute, hour and day starts afresh. */
public enum QuotaWindow {
  MINUTE("minute", Duration.ofMinutes(1)),
  HOUR("hour", Duration.ofHours(1)),
  DAY("day", Duration.ofDays(1));

  private final String wireName;
  private final Duration length;

  QuotaWindow(String wireName, Duration length) {
    this.wireName = wireName;
    this.length = length;
  }

  public String wireName() {
    return wireName;
  }

  Duration length() {
    return length;
  }

  /** When the window that holds {@code now} began. */
  Instant start(Instant now) {
    long millis = length.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
  }

  /** When the window that holds {@code now} ends and the next begins. */
  Instant end(Instant now) {
    return start(now).plus(length);
  }
}
