package io.airlock.requestside.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-user submission quotas: fixed minute, hour and day windows aligned to the clock, counted in
 * one bucket per user so that a request is taken from all three windows or from none. Each window
 * holds its limit plus the grace ({@code grace-share} more): past 100% a user goes on in the grace,
 * which starts with the first request over the limit, once per window, and ends after {@code
 * grace-duration}; after it, or past 110%, they wait for the window to reset. Counts live in the
 * bucket store, the grace periods in the database, both shared by every instance.
 */
@Service
public class Quotas {

  private static final QuotaWindow[] WINDOWS = QuotaWindow.values();

  private final SharedBuckets buckets;
  private final QuotaLimits.Directory directory;
  private final JdbcClient jdbc;
  private final QuotaProperties properties;
  private final Clock clock;

  Quotas(
      SharedBuckets buckets,
      QuotaLimits.Directory directory,
      JdbcClient jdbc,
      QuotaProperties properties,
      Clock clock) {
    this.buckets = buckets;
    this.directory = directory;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Takes one request from the user's quotas, or says why not. */
  public QuotaDecision take(UUID userId) {
    Optional<QuotaLimits> found = directory.of(userId);
    if (found.isEmpty()) {
      // No profile type yet: the request is refused further on for that reason.
      return new QuotaDecision.Allowed(List.of(), List.of(), null);
    }
    QuotaLimits limits = found.get();
    Instant now = clock.instant();
    for (QuotaWindow window : WINDOWS) {
      if (limits.of(window) == 0) {
        return new QuotaDecision.Refused(state(window, limits, 0, now), false);
      }
    }
    VerboseResult<ConsumptionProbe> taken =
        buckets.take(
            key(userId),
            limits.version(),
            () -> configuration(limits),
            bucket -> bucket.asVerbose().tryConsumeAndReturnRemaining(1));
    long[] left = taken.getDiagnostics().getAvailableTokensPerEachBandwidth();
    boolean consumed = taken.getValue().isConsumed();
    List<QuotaDecision.Window> windows = new ArrayList<>();
    List<QuotaDecision.Window> empty = new ArrayList<>();
    List<QuotaDecision.Window> inGrace = new ArrayList<>();
    for (int i = 0; i < WINDOWS.length; i++) {
      long extra = extra(limits, WINDOWS[i]);
      // Each window holds limit + grace: what is left beyond the grace is what is left of the
      // limit.
      QuotaDecision.Window window = state(WINDOWS[i], limits, Math.max(0, left[i] - extra), now);
      windows.add(window);
      if (!consumed && left[i] == 0) {
        empty.add(window);
      } else if (consumed && left[i] < extra) {
        inGrace.add(window);
      }
    }
    if (!consumed) {
      QuotaDecision.Window refusing = latestReset(empty);
      return new QuotaDecision.Refused(refusing, extra(limits, refusing.window()) > 0);
    }
    // A grace already over refuses the request before any other window's grace is begun by it: a
    // refused request must not use up a grace the user would have later.
    Map<QuotaWindow, Optional<Instant>> started = new EnumMap<>(QuotaWindow.class);
    List<QuotaDecision.Window> graceOver = new ArrayList<>();
    for (QuotaDecision.Window window : inGrace) {
      Optional<Instant> since = graceStartedAt(userId, window.window(), now);
      started.put(window.window(), since);
      if (since.isPresent() && !now.isBefore(since.get().plus(properties.graceDuration()))) {
        graceOver.add(window);
      }
    }
    if (!graceOver.isEmpty()) {
      // Refused after all: the request must not count.
      buckets.bucket(key(userId), limits.version(), () -> configuration(limits)).addTokens(1);
      return new QuotaDecision.Refused(latestReset(graceOver), true);
    }
    QuotaDecision.Grace grace = null;
    for (QuotaDecision.Window window : inGrace) {
      Instant until =
          started
              .get(window.window())
              .orElseGet(() -> graceStarted(userId, window.window(), now))
              .plus(properties.graceDuration());
      long graceLeft = left[window.window().ordinal()];
      Instant ends = until.isBefore(window.resetsAt()) ? until : window.resetsAt();
      if (grace == null || graceLeft < grace.remaining()) {
        grace = new QuotaDecision.Grace(window.window(), ends, graceLeft);
      }
    }
    windows.sort(Comparator.comparingLong(QuotaDecision.Window::remaining));
    List<QuotaDecision.Window> nearlyUsed =
        windows.stream().filter(w -> w.used() >= properties.warnAt()).toList();
    return new QuotaDecision.Allowed(List.copyOf(windows), nearlyUsed, grace);
  }

  /** Clears the user's counts and grace in every window: a fresh start. */
  public void reset(UUID userId) {
    buckets.remove(key(userId));
    jdbc.sql("delete from quota_grace where user_id = :id").param("id", userId).update();
  }

  /** How far past its limit a window's grace goes: {@code grace-share} of it, rounded down. */
  private long extra(QuotaLimits limits, QuotaWindow window) {
    return (long) Math.floor(limits.of(window) * properties.graceShare());
  }

  /** Of the windows that refuse, the one that lets requests through last. */
  private static QuotaDecision.Window latestReset(List<QuotaDecision.Window> refusing) {
    return refusing.stream()
        .max(Comparator.comparing(QuotaDecision.Window::resetsAt))
        .orElseThrow();
  }

  /** Begins the user's grace in this window now unless it has begun; returns when it began. */
  private Instant graceStarted(UUID userId, QuotaWindow window, Instant now) {
    jdbc.sql(
            """
            insert into quota_grace (user_id, window_name, window_start, started_at)
            values (:user, :window, :windowStart, :now) on conflict do nothing""")
        .param("user", userId)
        .param("window", window.wireName())
        .param("windowStart", Timestamp.from(window.start(now)))
        .param("now", Timestamp.from(now))
        .update();
    return graceStartedAt(userId, window, now).orElseThrow();
  }

  /** When the user's grace in this window began, if it has. */
  private Optional<Instant> graceStartedAt(UUID userId, QuotaWindow window, Instant now) {
    return jdbc.sql(
            """
            select started_at from quota_grace
            where user_id = :user and window_name = :window and window_start = :windowStart""")
        .param("user", userId)
        .param("window", window.wireName())
        .param("windowStart", Timestamp.from(window.start(now)))
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  private BucketConfiguration configuration(QuotaLimits limits) {
    var builder = BucketConfiguration.builder();
    for (QuotaWindow window : WINDOWS) {
      builder.addLimit(window.bandwidth(limits.of(window) + extra(limits, window)));
    }
    return builder.build();
  }

  private static QuotaDecision.Window state(
      QuotaWindow window, QuotaLimits limits, long remaining, Instant now) {
    return new QuotaDecision.Window(window, limits.of(window), remaining, window.end(now));
  }

  private static String key(UUID userId) {
    return "quota:" + userId;
  }
}
