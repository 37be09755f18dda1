package io.airlock.responseside.search;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The {@code timeout} a query's params set, as an Elasticsearch time value ({@code 500ms}, {@code
 * 5s}, {@code 1m}). The transfer library's parser is internal to its query rules, and the rules
 * already refused anything unreadable or over 30 s, so this reads only what can still arrive.
 */
final class QueryTimeouts {

  private static final Pattern TIME_VALUE = Pattern.compile("([0-9]{1,9})(nanos|micros|ms|s|m)");

  private QueryTimeouts() {}

  /** The params' timeout, or empty when they set none (or one this side cannot read). */
  static Optional<Duration> of(JsonNode params) {
    JsonNode timeout = params.path("timeout");
    if (!timeout.isString()) {
      return Optional.empty();
    }
    Matcher matcher = TIME_VALUE.matcher(timeout.stringValue());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "nanos":
        return Optional.of(Duration.ofNanos(amount));
      case "micros":
        return Optional.of(Duration.ofNanos(amount * 1_000));
      case "ms":
        return Optional.of(Duration.ofMillis(amount));
      case "s":
        return Optional.of(Duration.ofSeconds(amount));
      default:
        return Optional.of(Duration.ofMinutes(amount));
    }
  }
}
