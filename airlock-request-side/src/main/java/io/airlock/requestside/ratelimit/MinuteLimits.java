package io.airlock.requestside.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Per-minute limits on anything, by key: fixed minute windows aligned to the clock, counted in the
 * shared quota buckets so that every instance sees the same counts.
 */
@Component
public class MinuteLimits {

  /** How a key stands after one more call: allowed or not, and what is left of the minute. */
  public record Taken(boolean allowed, int limit, long remaining, Instant resetsAt) {

    /**
     * Adds {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (seconds), and {@code
     * Retry-After} when the call was refused.
     */
    public void addTo(HttpHeaders headers, Clock clock) {
      headers.set("X-RateLimit-Limit", String.valueOf(limit));
      headers.set("X-RateLimit-Remaining", String.valueOf(remaining));
      headers.set("X-RateLimit-Reset", String.valueOf(secondsToReset(clock)));
      if (!allowed) {
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(secondsToReset(clock)));
      }
    }

    /** {@link #addTo(HttpHeaders, Clock)} for a response written by hand (filters). */
    public void addTo(HttpServletResponse response, Clock clock) {
      HttpHeaders headers = new HttpHeaders();
      addTo(headers, clock);
      headers.forEach((name, values) -> response.setHeader(name, values.get(0)));
    }

    /** Seconds until the window resets, rounded up. */
    public long secondsToReset(Clock clock) {
      long millis = Math.max(0, resetsAt.toEpochMilli() - clock.millis());
      return (millis + 999) / 1000;
    }
  }

  private final SharedBuckets buckets;
  private final Clock clock;

  MinuteLimits(SharedBuckets buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  /** Takes one call from {@code key}'s minute of {@code perMinute} calls. */
  public Taken take(String key, int perMinute) {
    Instant now = clock.instant();
    Instant resetsAt = QuotaWindow.MINUTE.end(now);
    if (perMinute <= 0) {
      return new Taken(false, perMinute, 0, resetsAt);
    }
    // The limit is part of the key: a changed setting starts new counts instead of reusing old.
    ConsumptionProbe probe =
        buckets.take(
            key + ":" + perMinute,
            () -> configuration(perMinute),
            bucket -> bucket.tryConsumeAndReturnRemaining(1));
    return new Taken(probe.isConsumed(), perMinute, probe.getRemainingTokens(), resetsAt);
  }

  private static BucketConfiguration configuration(int perMinute) {
    return BucketConfiguration.builder().addLimit(QuotaWindow.MINUTE.bandwidth(perMinute)).build();
  }
}
