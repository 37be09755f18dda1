package io.airlock.requestside.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.airlock.platform.database.GroupCommit;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Per-minute limits on anything, by key: fixed minute windows aligned to the clock, counted in the
 * shared {@link RateCounts} so that every instance sees the same counts. Calls on one key that
 * overlap in time, such as one program's many calls at once, share one take from the store (see
 * {@link GroupCommit}): the first of them are allowed, as many as the minute has left.
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

  private static final List<QuotaWindow> WINDOW = List.of(QuotaWindow.MINUTE);

  /** The most calls one take from the store answers. */
  private static final int MAX_SHARED = 256;

  private final RateCounts counts;
  private final Clock clock;
  // One group per key and limit, kept while it is used: its callers share takes.
  private final Cache<String, GroupCommit<String, Taken>> groups =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

  MinuteLimits(RateCounts counts, Clock clock) {
    this.counts = counts;
    this.clock = clock;
  }

  /** Takes one call from {@code key}'s minute of {@code perMinute} calls. */
  public Taken take(String key, int perMinute) {
    if (perMinute <= 0) {
      return new Taken(false, perMinute, 0, QuotaWindow.MINUTE.end(clock.instant()));
    }
    // The limit is part of the key: a changed setting starts new counts instead of reusing old.
    String counted = key + ":" + perMinute;
    return groups
        .get(
            counted,
            k -> new GroupCommit<>(calls -> takeShared(counted, perMinute, calls), MAX_SHARED))
        .write(counted);
  }

  /**
   * One take for {@code calls}: the first are allowed, as many as the minute has left, each seeing
   * what is left after it.
   */
  private List<Taken> takeShared(String key, int perMinute, List<String> calls) {
    Instant now = clock.instant();
    Instant resetsAt = QuotaWindow.MINUTE.end(now);
    RateCounts.Taken taken = counts.take(key, 0, new long[] {perMinute}, WINDOW, calls.size(), now);
    long left = taken.remaining()[0];
    List<Taken> answers = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      boolean allowed = i < taken.taken();
      answers.add(
          new Taken(allowed, perMinute, allowed ? left + taken.taken() - 1 - i : left, resetsAt));
    }
    return answers;
  }
}
