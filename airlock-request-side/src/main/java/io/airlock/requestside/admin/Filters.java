package io.airlock.requestside.admin;

import io.airlock.platform.web.InvalidField;
import io.airlock.transfer.Channel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Checks of the admin listings' query parameters, each naming the parameter it refuses. */
final class Filters {

  private Filters() {}

  /** The text stripped; null when it is null or blank (a form's empty field means any). */
  static String given(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

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

  static void range(String fromField, Instant from, Instant to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidField(fromField, "must not be after the end of the range");
    }
  }
}
