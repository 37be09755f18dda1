package io.airlock.requestside.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-user submission quotas: fixed minute, hour and day windows aligned to the clock, counted in
 * one bucket per user so that a request is taken from all three windows or from none. Past 100% of
 * a window a user gets, once per window, a grace of {@code grace-share} more requests for {@code
 * grace-duration}; after it, or past it, they wait for the window to reset. Counts and grace live
 * in the database, shared by every instance.
 */
@Service
public class Quotas {

  private static final QuotaWindow[] WINDOWS = QuotaWindow.values();

  private final ProxyManager<String> buckets;
  private final QuotaLimits.Directory directory;
  private final JdbcClient jdbc;
  private final QuotaProperties properties;
  private final Clock clock;

  Quotas(
      ProxyManager<String> buckets,
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
        bucket(key(userId), limits.version(), () -> quotaConfiguration(limits))
            .asVerbose()
            .tryConsumeAndReturnRemaining(1);
    long[] left = taken.getDiagnostics().getAvailableTokensPerEachBandwidth();
    List<QuotaDecision.Window> windows = new ArrayList<>();
    for (int i = 0; i < WINDOWS.length; i++) {
      windows.add(state(WINDOWS[i], limits, left[i], now));
    }
    QuotaDecision.Grace grace = null;
    if (!taken.getValue().isConsumed()) {
      for (QuotaDecision.Window used : windows) {
        if (used.remaining() == 0) {
          long extra = (long) Math.floor(limits.of(used.window()) * properties.graceShare());
          if (extra == 0) {
            return new QuotaDecision.Refused(used, false); // too small a quota for a grace
          }
          Optional<QuotaDecision.Grace> granted = grace(userId, used, extra, limits.version(), now);
          if (granted.isEmpty()) {
            return new QuotaDecision.Refused(used, true);
          }
          grace = grace == null ? granted.get() : grace;
        }
      }
    }
    windows.sort(Comparator.comparingLong(QuotaDecision.Window::remaining));
    List<QuotaDecision.Window> nearlyUsed =
        windows.stream().filter(w -> w.used() >= properties.warnAt()).toList();
    return new QuotaDecision.Allowed(List.copyOf(windows), nearlyUsed, grace);
  }

  /** Clears the user's counts and grace in every window: a fresh start. */
  public void reset(UUID userId) {
    buckets.removeProxy(key(userId));
    for (QuotaWindow window : WINDOWS) {
      buckets.removeProxy(graceKey(userId, window));
    }
    jdbc.sql("delete from quota_grace where user_id = :id").param("id", userId).update();
  }

  /**
   * The grace past a used-up window: started by the first request over the limit in this window,
   * over once {@code grace-duration} has passed or {@code grace-share} more requests were taken.
   */
  private Optional<QuotaDecision.Grace> grace(
      UUID userId, QuotaDecision.Window used, long extra, long version, Instant now) {
    QuotaWindow window = used.window();
    Instant started = graceStarted(userId, window, now);
    Instant until = started.plus(properties.graceDuration());
    if (!now.isBefore(until)) {
      return Optional.empty();
    }
    ConsumptionProbe probe =
        bucket(graceKey(userId, window), version, () -> graceConfiguration(window, extra))
            .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      return Optional.empty();
    }
    Instant ends = until.isBefore(used.resetsAt()) ? until : used.resetsAt();
    return Optional.of(new QuotaDecision.Grace(window, ends, probe.getRemainingTokens()));
  }

  private Instant graceStarted(UUID userId, QuotaWindow window, Instant now) {
    Timestamp windowStart = Timestamp.from(window.start(now));
    jdbc.sql(
            """
            insert into quota_grace (user_id, window_name, window_start, started_at)
            values (:user, :window, :windowStart, :now) on conflict do nothing""")
        .param("user", userId)
        .param("window", window.wireName())
        .param("windowStart", windowStart)
        .param("now", Timestamp.from(now))
        .update();
    return jdbc.sql(
            """
            select started_at from quota_grace
            where user_id = :user and window_name = :window and window_start = :windowStart""")
        .param("user", userId)
        .param("window", window.wireName())
        .param("windowStart", windowStart)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private BucketProxy bucket(String key, long version, Supplier<BucketConfiguration> config) {
    // A higher directory version carries new limits, which the stored bucket takes: a raised limit
    // keeps what was used in the window used, a lowered one caps what is left at the new limit.
    return buckets
        .builder()
        .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
        .build(key, config);
  }

  private static BucketConfiguration quotaConfiguration(QuotaLimits limits) {
    var builder = BucketConfiguration.builder();
    for (QuotaWindow window : WINDOWS) {
      builder.addLimit(aligned(window, limits.of(window)));
    }
    return builder.build();
  }

  private static BucketConfiguration graceConfiguration(QuotaWindow window, long extra) {
    return BucketConfiguration.builder().addLimit(aligned(window, extra)).build();
  }

  /** A window of {@code tokens} that refills whole at each boundary of the UTC clock. */
  private static Bandwidth aligned(QuotaWindow window, long tokens) {
    return Bandwidth.builder()
        .capacity(tokens)
        .refillIntervallyAligned(tokens, window.length(), Instant.EPOCH)
        .id(window.wireName())
        .build();
  }

  private static QuotaDecision.Window state(
      QuotaWindow window, QuotaLimits limits, long remaining, Instant now) {
    return new QuotaDecision.Window(window, limits.of(window), remaining, window.end(now));
  }

  private static String key(UUID userId) {
    return "quota:" + userId;
  }

  private static String graceKey(UUID userId, QuotaWindow window) {
    return "quota-grace:" + userId + ":" + window.wireName();
  }
}
