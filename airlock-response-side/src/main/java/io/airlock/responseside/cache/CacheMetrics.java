package io.airlock.responseside.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.airlock.platform.metrics.Sampled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The result cache's meters: lookups by the level that answered them, entries removed and why, and
 * the table's fresh entries and their bytes. Lookups are counted once, here, for the meters and for
 * {@link CacheStats} alike.
 */
final class CacheMetrics {

  private final LongAdder memoryHits = new LongAdder();
  private final LongAdder databaseHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Counter expiredInMemory;
  private final Counter evictedForSize;
  private final Counter expiredRows;
  private final Counter invalidatedRows;

  /**
   * @param table reads the table's fresh entries; asked at most every 5 seconds, whatever the
   *     number of scrapes
   */
  CacheMetrics(MeterRegistry registry, Supplier<CacheStats.Level> table) {
    hits(registry, "memory", memoryHits);
    hits(registry, "database", databaseHits);
    FunctionCounter.builder("airlock.cache.misses", misses, LongAdder::sum)
        .description("Lookups on this instance neither level could answer")
        .register(registry);
    this.expiredInMemory = evictions(registry, "memory", "expired");
    this.evictedForSize = evictions(registry, "memory", "size");
    this.expiredRows = evictions(registry, "database", "expired");
    this.invalidatedRows = evictions(registry, "database", "invalidated");
    Sampled<CacheStats.Level> size =
        new Sampled<>(table, Duration.ofSeconds(5), new CacheStats.Level(0, 0, 0));
    Gauge.builder("airlock.cache.entries", () -> size.get().entries())
        .description("Fresh entries in the cache table")
        .register(registry);
    Gauge.builder("airlock.cache.bytes", () -> size.get().bytes())
        .description("Result bytes of the fresh entries in the cache table")
        .baseUnit("bytes")
        .register(registry);
  }

  void hit(ResultCache.Level level) {
    (level == ResultCache.Level.MEMORY ? memoryHits : databaseHits).increment();
  }

  void missed() {
    misses.increment();
  }

  long hits(ResultCache.Level level) {
    return (level == ResultCache.Level.MEMORY ? memoryHits : databaseHits).sum();
  }

  long misses() {
    return misses.sum();
  }

  /** An entry the in-process level dropped on its own: expired, or for room. */
  void evicted(RemovalCause cause) {
    (cause == RemovalCause.SIZE ? evictedForSize : expiredInMemory).increment();
  }

  void purged(int rows) {
    expiredRows.increment(rows);
  }

  void invalidated(int rows) {
    invalidatedRows.increment(rows);
  }

  private static void hits(MeterRegistry registry, String level, LongAdder hits) {
    FunctionCounter.builder("airlock.cache.hits", hits, LongAdder::sum)
        .description("Lookups on this instance answered, by the level that answered")
        .tag("level", level)
        .register(registry);
  }

  private static Counter evictions(MeterRegistry registry, String level, String cause) {
    return Counter.builder("airlock.cache.evictions")
        .description("Entries removed: expired, dropped for room, or invalidated by an operator")
        .tag("level", level)
        .tag("cause", cause)
        .register(registry);
  }
}
