package io.airlock.requestside.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;

/**
 * The headers that tell a client where its submission quotas stand: {@code X-Quota-Limit}, {@code
 * -Remaining} and {@code -Reset} (seconds) for the tightest window; {@code X-Quota-Warning} for
 * every window 80% used; {@code X-Quota-Grace} while past 100% in the grace; and {@code
 * Retry-After} on a refusal. ({@code X-RateLimit-*} are the API-wide limits' headers.)
 */
public final class QuotaHeaders {

  public static final String LIMIT = "X-Quota-Limit";
  public static final String REMAINING = "X-Quota-Remaining";
  public static final String RESET = "X-Quota-Reset";
  public static final String WARNING = "X-Quota-Warning";
  public static final String GRACE = "X-Quota-Grace";

  private QuotaHeaders() {}

  /** Adds the headers of a decision to a response's. */
  public static void add(HttpHeaders headers, QuotaDecision decision, Clock clock) {
    Instant now = clock.instant();
    if (decision instanceof QuotaDecision.Refused refused) {
      limit(headers, refused.window(), now);
      headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(secondsUntil(refused.window(), now)));
      return;
    }
    QuotaDecision.Allowed allowed = (QuotaDecision.Allowed) decision;
    if (!allowed.windows().isEmpty()) {
      limit(headers, allowed.windows().get(0), now);
    }
    if (!allowed.nearlyUsed().isEmpty()) {
      headers.set(
          WARNING,
          allowed.nearlyUsed().stream()
              .map(
                  w ->
                      "window=%s; remaining=%d; limit=%d"
                          .formatted(w.window().wireName(), w.remaining(), w.limit()))
              .collect(Collectors.joining(", ")));
    }
    if (allowed.grace() != null) {
      QuotaDecision.Grace grace = allowed.grace();
      headers.set(
          GRACE,
          "window=%s; remaining=%d; until=%s"
              .formatted(grace.window().wireName(), grace.remaining(), grace.until()));
    }
  }

  private static void limit(HttpHeaders headers, QuotaDecision.Window window, Instant now) {
    headers.set(LIMIT, String.valueOf(window.limit()));
    headers.set(REMAINING, String.valueOf(window.remaining()));
    headers.set(RESET, String.valueOf(secondsUntil(window, now)));
  }

  private static long secondsUntil(QuotaDecision.Window window, Instant now) {
    // Rounded up: a client that waits this long finds the window reset.
    long millis = Math.max(0, Duration.between(now, window.resetsAt()).toMillis());
    return (millis + 999) / 1000;
  }
}
