package io.airlock.requestside.ratelimit;

import java.time.Instant;
import java.util.List;

/**
 * Counts of use in fixed windows aligned to the clock (see {@link QuotaWindow}), shared by every
 * instance of this side: in its PostgreSQL by default, in Redis when {@code
 * airlock.rate-limits.redis-url} is set (see {@link QuotaConfiguration}). One take is one statement
 * to the store, exact however many threads and instances take at once.
 */
interface RateCounts {

  /**
   * What a take took (or gave back), and what each window has left after it, in the order the
   * windows were asked for.
   */
  record Taken(int taken, long[] remaining) {}

  /**
   * Takes up to {@code wanted} from every window of {@code key} at once: as many as the fullest
   * window has left, from all windows or none. A negative {@code wanted} gives that many back to
   * the windows still current. Capacities with a {@code version} above the stored one replace the
   * stored ones: a raised capacity keeps what was used, a lowered one caps what is left; an older
   * version takes the stored capacities.
   *
   * @param capacities what each of {@code windows} holds
   */
  Taken take(
      String key,
      long version,
      long[] capacities,
      List<QuotaWindow> windows,
      int wanted,
      Instant now);

  /** Forgets {@code key}'s counts: its next take starts afresh. */
  void remove(String key);

  /**
   * Deletes up to {@code limit} counts whose windows are all over; returns how many went. A store
   * that expires them itself deletes none.
   */
  int removeExpired(Instant now, int limit);
}
