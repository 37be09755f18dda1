package io.airlock.platform.retention;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * When a retention job runs: every {@code airlock.retention.interval}, and soon after start too, so
 * that a node restarted more often than the interval still runs it. A failed run is logged and the
 * next one tries again.
 */
public final class RetentionSchedule {

  private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
  private static final Duration FIRST_RUN_AT_MOST = Duration.ofMinutes(5);

  /** One run of a retention job. */
  @FunctionalInterface
  public interface Job {
    void run() throws IOException;
  }

  private RetentionSchedule() {}

  /** The job on the retention schedule, unless retention is off ({@code enabled: false}). */
  public static SchedulingConfigurer of(RetentionProperties properties, String name, Job job) {
    return registrar -> {
      if (properties.enabled()) {
        Duration interval = properties.interval();
        registrar.addFixedDelayTask(
            new FixedDelayTask(
                () -> runLogged(name, job),
                interval,
                interval.compareTo(FIRST_RUN_AT_MOST) < 0 ? interval : FIRST_RUN_AT_MOST));
      }
    };
  }

  private static void runLogged(String name, Job job) {
    try {
      job.run();
    } catch (IOException | RuntimeException e) {
      log.warn("{} failed, tried again next run: {}", name, e.toString());
    }
  }
}
