package io.airlock.requestside.users;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import java.time.Duration;

/**
 * How this side caches what it reads from the directory for every call (a user, their API key,
 * their profile type's bounds and quotas): in process, and emptied on every instance when the
 * {@value #CHANNEL} signal says the directory changed (the request side's triggers send it when a
 * change to users, API keys or profile types commits). So a deactivated user, a revoked key or a
 * lowered quota takes effect on every instance as soon as the notification arrives, a few
 * milliseconds; should an instance stop hearing from the database for {@link
 * DatabaseSignals#STALE_AFTER} (1 s), it reads through until it hears again. That is the bound the
 * README states: within 1 s on every instance.
 */
public final class DirectoryCaching {

  /** The channel the directory's triggers notify. */
  public static final String CHANNEL = "airlock_directory";

  /** A backstop: no cached fact is older than this, whatever the signals. */
  public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

  private static final long MAXIMUM_SIZE = 100_000;

  private DirectoryCaching() {}

  /** A cache of directory facts, emptied by the directory's signal. */
  public static <K, V> SignalledCache<K, V> cache(DatabaseSignals signals, Duration timeToLive) {
    return new SignalledCache<>(signals, CHANNEL, timeToLive, MAXIMUM_SIZE);
  }
}
