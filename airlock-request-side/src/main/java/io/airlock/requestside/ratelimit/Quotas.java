package io.airlock.requestside.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-user submission quotas: fixed minute, hour and day windows aligned to the clock, counted
 * under one key per user so that a request is taken from all three windows or from none, by one
 * statement to the {@link RateCounts} for all of a user's requests taken together. Each window
 * holds its limit plus the grace ({@code grace-share} more): past 100% a user goes on in the grace,
 * which starts with the first request over the limit, once per window, and ends after {@code
 * grace-duration}; after it, or past 110%, they wait for the window to reset. Counts live in the
 * counts, the grace periods in the database, both shared by every instance. Called in a
 * transaction, with the counts in PostgreSQL, the takes are part of it.
 */
@Service
public class Quotas {

  private static final List<QuotaWindow> WINDOWS = List.of(QuotaWindow.values());

  private final RateCounts counts;
  private final QuotaLimits.Directory directory;
  private final JdbcClient jdbc;
  private final QuotaProperties properties;
  private final Clock clock;

  Quotas(
      RateCounts counts,
      QuotaLimits.Directory directory,
      JdbcClient jdbc,
      QuotaProperties properties,
      Clock clock) {
    this.counts = counts;
    this.directory = directory;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Takes one request from the user's quotas, or says why not. */
  public QuotaDecision take(UUID userId) {
    return takeAll(List.of(userId)).get(0);
  }

  /**
   * Takes one request for each of {@code userIds} (a user may come several times: their requests in
   * that order) from their quotas, or says why not; the decisions in the same order. The users are
   * taken in the order of their keys, so that concurrent transactions lock them in one order.
   */
  public List<QuotaDecision> takeAll(List<UUID> userIds) {
    Map<String, List<Integer>> positions = new TreeMap<>();
    for (int i = 0; i < userIds.size(); i++) {
      positions.computeIfAbsent(key(userIds.get(i)), k -> new ArrayList<>()).add(i);
    }
    Instant now = clock.instant();
    QuotaDecision[] decisions = new QuotaDecision[userIds.size()];
    for (List<Integer> ofUser : positions.values()) {
      List<QuotaDecision> taken = take(userIds.get(ofUser.get(0)), ofUser.size(), now);
      for (int i = 0; i < ofUser.size(); i++) {
        decisions[ofUser.get(i)] = taken.get(i);
      }
    }
    return List.of(decisions);
  }

  /** Takes {@code requests} of the user's requests at once: one take from the counts. */
  private List<QuotaDecision> take(UUID userId, int requests, Instant now) {
    Optional<QuotaLimits> found = directory.of(userId);
    if (found.isEmpty()) {
      // No profile type yet: the request is refused further on for that reason.
      return Collections.nCopies(requests, new QuotaDecision.Allowed(List.of(), List.of(), null));
    }
    QuotaLimits limits = found.get();
    for (QuotaWindow window : WINDOWS) {
      if (limits.of(window) == 0) {
        return Collections.nCopies(
            requests, new QuotaDecision.Refused(state(window, limits, 0, now), false));
      }
    }
    long[] capacities = capacities(limits);
    RateCounts.Taken taken =
        counts.take(key(userId), limits.version(), capacities, WINDOWS, requests, now);
    Map<QuotaWindow, Optional<Instant>> graceStarts = new EnumMap<>(QuotaWindow.class);
    List<QuotaDecision> decisions = new ArrayList<>(requests);
    int givenBack = 0;
    for (int i = 0; i < requests; i++) {
      boolean consumed = i < taken.taken();
      long[] left = taken.remaining().clone();
      if (consumed) {
        // What was left after this one: the ones after it took the rest.
        for (int w = 0; w < left.length; w++) {
          left[w] += taken.taken() - 1 - i;
        }
      }
      QuotaDecision decision = decide(userId, limits, left, consumed, now, graceStarts);
      if (consumed && decision instanceof QuotaDecision.Refused) {
        givenBack++;
      }
      decisions.add(decision);
    }
    if (givenBack > 0) {
      // Refused after all: those requests must not count.
      counts.take(key(userId), limits.version(), capacities, WINDOWS, -givenBack, now);
    }
    return decisions;
  }

  /**
   * What the quotas say to one request, from what each window has {@code left} after it (or, not
   * {@code consumed}, with no room for it): windows in grace, graces begun or over.
   */
  private QuotaDecision decide(
      UUID userId,
      QuotaLimits limits,
      long[] left,
      boolean consumed,
      Instant now,
      Map<QuotaWindow, Optional<Instant>> graceStarts) {
    List<QuotaDecision.Window> windows = new ArrayList<>();
    List<QuotaDecision.Window> empty = new ArrayList<>();
    List<QuotaDecision.Window> inGrace = new ArrayList<>();
    for (int i = 0; i < WINDOWS.size(); i++) {
      QuotaWindow window = WINDOWS.get(i);
      long extra = extra(limits, window);
      // Each window holds limit + grace: what is left beyond the grace is what is left of the
      // limit.
      QuotaDecision.Window state = state(window, limits, Math.max(0, left[i] - extra), now);
      windows.add(state);
      if (!consumed && left[i] == 0) {
        empty.add(state);
      } else if (consumed && left[i] < extra) {
        inGrace.add(state);
      }
    }
    if (!consumed) {
      QuotaDecision.Window refusing = latestReset(empty);
      return new QuotaDecision.Refused(refusing, extra(limits, refusing.window()) > 0);
    }
    // A grace already over refuses the request before any other window's grace is begun by it: a
    // refused request must not use up a grace the user would have later.
    List<QuotaDecision.Window> graceOver = new ArrayList<>();
    for (QuotaDecision.Window window : inGrace) {
      Optional<Instant> since =
          graceStarts.computeIfAbsent(window.window(), w -> graceStartedAt(userId, w, now));
      if (since.isPresent() && !now.isBefore(since.get().plus(properties.graceDuration()))) {
        graceOver.add(window);
      }
    }
    if (!graceOver.isEmpty()) {
      return new QuotaDecision.Refused(latestReset(graceOver), true);
    }
    QuotaDecision.Grace grace = null;
    for (QuotaDecision.Window window : inGrace) {
      Instant since =
          graceStarts
              .get(window.window())
              .orElseGet(() -> graceStarted(userId, window.window(), now));
      graceStarts.put(window.window(), Optional.of(since));
      Instant until = since.plus(properties.graceDuration());
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

  /**
   * How one window stands for a user.
   *
   * @param used requests counted in the window, past {@code limit} while in the grace
   * @param warning used at or past the warning share ({@code warn-at})
   * @param graceUntil when the grace past the limit ends, while the user is in it
   */
  public record Standing(
      QuotaWindow window,
      int limit,
      long used,
      long remaining,
      Instant resetsAt,
      boolean warning,
      Instant graceUntil) {}

  /**
   * How each of the user's windows stands now, minute first, without counting a request; empty
   * while the user has no profile type.
   */
  public Optional<List<Standing>> standing(UUID userId) {
    Optional<QuotaLimits> found = directory.of(userId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    QuotaLimits limits = found.get();
    Instant now = clock.instant();
    RateCounts.Taken counted =
        counts.take(key(userId), limits.version(), capacities(limits), WINDOWS, 0, now);
    List<Standing> windows = new ArrayList<>();
    for (int i = 0; i < WINDOWS.size(); i++) {
      QuotaWindow window = WINDOWS.get(i);
      int limit = limits.of(window);
      long extra = extra(limits, window);
      long used = limit + extra - counted.remaining()[i];
      Instant graceUntil =
          used > limit
              ? graceStartedAt(userId, window, now)
                  .map(since -> since.plus(properties.graceDuration()))
                  .filter(now::isBefore)
                  .orElse(null)
              : null;
      windows.add(
          new Standing(
              window,
              limit,
              used,
              Math.max(0, limit - used),
              window.end(now),
              limit == 0 || used >= limit * properties.warnAt(),
              graceUntil));
    }
    return Optional.of(windows);
  }

  /** The share of a window's quota from which a user is warned. */
  public double warnAt() {
    return properties.warnAt();
  }

  /** Clears the user's counts and grace in every window: a fresh start. */
  public void reset(UUID userId) {
    counts.remove(key(userId));
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

  /** What each window holds: its limit and its grace. */
  private long[] capacities(QuotaLimits limits) {
    return WINDOWS.stream()
        .mapToLong(window -> limits.of(window) + extra(limits, window))
        .toArray();
  }

  private static QuotaDecision.Window state(
      QuotaWindow window, QuotaLimits limits, long remaining, Instant now) {
    return new QuotaDecision.Window(window, limits.of(window), remaining, window.end(now));
  }

  private static String key(UUID userId) {
    return "quota:" + userId;
  }
}
