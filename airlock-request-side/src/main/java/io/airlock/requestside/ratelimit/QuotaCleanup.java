package io.airlock.requestside.ratelimit;

import io.airlock.platform.jobs.SingletonJobs;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes what no longer counts: counts whose windows are all over (every client address and
 * attempted username has some) and grace periods of windows long over. One instance at a time.
 */
@Component
class QuotaCleanup implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(QuotaCleanup.class);
  private static final int BATCH = 1000;

  private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

  /** How long the grace periods of a window are kept: longer than the longest window (a day). */
  private static final Duration GRACE_KEPT = Duration.ofDays(2);

  private final RateCounts counts;
  private final JdbcClient jdbc;
  private final SingletonJobs jobs;
  private final Clock clock;
  private final Duration interval;

  QuotaCleanup(
      RateCounts counts,
      JdbcClient jdbc,
      SingletonJobs jobs,
      Clock clock,
      @Value("${airlock.quotas.cleanup-interval:1h}") Duration interval) {
    this.interval = interval;
    this.counts = counts;
    this.jdbc = jdbc;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(this::scheduled, interval, FIRST_RUN_AFTER));
  }

  void scheduled() {
    try {
      jobs.runExclusively("quota-cleanup", Duration.ofMinutes(10), this::clean);
    } catch (RuntimeException | IOException e) {
      log.warn("Cleaning up quota counts failed; trying again later: {}", e.toString());
    }
  }

  /** Deletes what is over; returns how many rows went. */
  int clean() {
    int removed = 0;
    int batch;
    do {
      batch = counts.removeExpired(clock.instant(), BATCH);
      removed += batch;
    } while (batch == BATCH);
    removed +=
        jdbc.sql("delete from quota_grace where window_start < :before")
            .param("before", Timestamp.from(clock.instant().minus(GRACE_KEPT)))
            .update();
    if (removed > 0) {
      log.info("Deleted {} quota count(s) and grace period(s) that no longer count", removed);
    }
    return removed;
  }
}
