package io.airlock.requestside.admin;

import io.airlock.platform.web.InvalidField;
import io.airlock.transfer.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks of the admin listings' query parameters, each naming the parameter it refuses, and the
 * conversions of their values to and from SQL.
 */
final class Filters {

  private Filters() {}

  /** The value, lower-cased, if it is one of {@code allowed}; null if not given. */
  static String oneOf(String field, String value, List<String> allowed) {
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new InvalidField(field, "must be one of " + String.join(", ", allowed));
    }
    return lower;
  }

  static String channel(String value) {
    return oneOf("channel", value, Arrays.stream(Channel.values()).map(Channel::wireName).toList());
  }

  /** A {@code LIKE} pattern matching what starts with {@code prefix}, wildcards taken literally. */
  static String startingWith(String prefix) {
    if (prefix == null) {
      return null;
    }
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  static void range(String fromField, Instant from, Instant to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidField(fromField, "must not be after the end of the range");
    }
  }

  static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
