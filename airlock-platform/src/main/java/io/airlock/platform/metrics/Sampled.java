package io.airlock.platform.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges, read at most once per {@code maxAge}: a scrape reads
 * many gauges of one query (queue depth by priority and status), and scrapes from several
 * Prometheus servers must not multiply the queries. When a read fails (the database is gone) the
 * gauges keep the last value read; readiness says the database is down.
 */
public final class Sampled<T> implements Supplier<T> {

  private static final Logger log = LoggerFactory.getLogger(Sampled.class);

  private final Supplier<T> source;
  private final long maxAgeNanos;
  private volatile T value;
  private volatile long readAt;
  private volatile boolean read;

  /**
   * @param initial the value before the first successful read
   */
  public Sampled(Supplier<T> source, Duration maxAge, T initial) {
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
    this.value = initial;
  }

  @Override
  public T get() {
    long now = System.nanoTime();
    if (!read || now - readAt >= maxAgeNanos) {
      synchronized (this) {
        if (!read || now - readAt >= maxAgeNanos) {
          try {
            value = source.get();
          } catch (RuntimeException e) {
            log.debug("Could not read a metric's value; keeping the last one: {}", e.toString());
          }
          readAt = now;
          read = true;
        }
      }
    }
    return value;
  }
}
