package io.airlock.platform.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a side's retention job: each kind's rows past its retention are removed a batch at a
 * time, so no statement holds its locks for long, and what went is published once per kind.
 */
public final class RetentionRun {

  /** Rows per statement. */
  public static final int BATCH = 1000;

  /** Removes at most {@code limit} rows older than {@code before}; returns how many went. */
  @FunctionalInterface
  public interface Batch {
    int remove(Instant before, int limit);
  }

  private static final Logger log = LoggerFactory.getLogger(RetentionRun.class);

  private final Instant now;
  private final Consumer<RetentionApplied> events;
  private final Map<String, Long> removed = new LinkedHashMap<>();

  public RetentionRun(Clock clock, Consumer<RetentionApplied> events) {
    this.now = clock.instant();
    this.events = events;
  }

  /** Removes the kind's rows older than its retention, unless it is kept for ever. */
  public RetentionRun remove(String kind, Duration retention, Batch batch) {
    if (RetentionProperties.keptForever(retention)) {
      return this;
    }
    Instant before = now.minus(retention);
    long total = 0;
    int deleted;
    do {
      deleted = batch.remove(before, BATCH);
      total += deleted;
    } while (deleted == BATCH);
    removed.put(kind, total);
    if (total > 0) {
      log.info("Retention removed {} {} older than {}", total, kind, before);
      events.accept(new RetentionApplied(kind, total, before));
    }
    return this;
  }

  /** By kind, how many rows went; a kind kept for ever is not there. */
  public Map<String, Long> removed() {
    return removed;
  }
}
