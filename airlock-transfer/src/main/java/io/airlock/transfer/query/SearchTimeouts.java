package io.airlock.transfer.query;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Elasticsearch time values ({@code 500ms}, {@code 5s}, {@code 1m}) as a search timeout. */
final class SearchTimeouts {

  private static final Pattern TIME_VALUE =
      Pattern.compile("([0-9]{1,18})(nanos|micros|ms|s|m|h|d)");

  private SearchTimeouts() {}

  /** The duration {@code value} stands for, or empty if it is not an Elasticsearch time value. */
  static Optional<Duration> parse(String value) {
    Matcher matcher = TIME_VALUE.matcher(value);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigInteger amount = new BigInteger(matcher.group(1));
    BigInteger nanos = amount.multiply(BigInteger.valueOf(nanosPer(matcher.group(2))));
    // Anything beyond a long of nanoseconds is far past every limit; clamp rather than overflow.
    if (nanos.bitLength() >= 63) {
      return Optional.of(Duration.ofNanos(Long.MAX_VALUE));
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  private static long nanosPer(String unit) {
    switch (unit) {
      case "nanos":
        return 1L;
      case "micros":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      case "h":
        return 3_600_000_000_000L;
      default:
        return 86_400_000_000_000L;
    }
  }
}
