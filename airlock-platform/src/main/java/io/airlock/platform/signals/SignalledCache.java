package io.airlock.platform.signals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An in-process cache of facts kept in the database, emptied on every instance at once when a
 * {@link DatabaseSignals} channel says they changed (a trigger's {@code NOTIFY}), with a time to
 * live as the backstop. While the signals are not {@link DatabaseSignals#listening() listening} it
 * reads through, so what it answers is never staler than {@link DatabaseSignals#STALE_AFTER} plus
 * the notification's delivery.
 *
 * <p>Only found values are kept: an unknown key is looked up every time. A value loaded while a
 * signal arrived is not kept, since it may have been read before the change.
 */
public final class SignalledCache<K, V> {

  private record Entry<V>(V value, long generation) {}

  private final DatabaseSignals signals;
  private final Cache<K, Entry<V>> entries;
  private final AtomicLong generation = new AtomicLong();

  public SignalledCache(
      DatabaseSignals signals, String channel, Duration timeToLive, long maximumSize) {
    this.signals = signals;
    this.entries =
        Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).build();
    signals.subscribe(channel, this::invalidateAll);
  }

  /** The value for {@code key}, from the cache or else from {@code loader}. */
  public Optional<V> get(K key, Function<K, Optional<V>> loader) {
    if (!signals.listening()) {
      return loader.apply(key);
    }
    long current = generation.get();
    Entry<V> cached = entries.getIfPresent(key);
    if (cached != null && cached.generation() == current) {
      return Optional.of(cached.value());
    }
    Optional<V> loaded = loader.apply(key);
    if (loaded.isPresent() && generation.get() == current) {
      entries.put(key, new Entry<>(loaded.get(), current));
    }
    return loaded;
  }

  /**
   * For a change this instance has just written, so that its own next call need not wait for the
   * notification to come back: empties the cache now, and once more when the current transaction
   * (if any) commits.
   */
  public void invalidateAfterCommit() {
    invalidateAll();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              invalidateAll();
            }
          });
    }
  }

  /** Empties the cache; loads under way when it is called are not kept. */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  /** How many times the cache has been emptied: for tests that wait for a signal to arrive. */
  public long generation() {
    return generation.get();
  }
}
