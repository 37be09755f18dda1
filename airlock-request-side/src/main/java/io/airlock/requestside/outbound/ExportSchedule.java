package io.airlock.requestside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.transfer.ExportTrigger;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the exporter as soon as enough requests are pending or the oldest waiting record has
 * lingered long enough: checked often, so a request never waits for a fixed timer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "airlock.export.enabled", matchIfMissing = true)
class ExportSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExportSchedule.class);
  private static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final ExportQueue queue;
  private final ExportProperties properties;
  private final ExportTrigger trigger;

  ExportSchedule(
      RequestExporter exporter,
      ExportQueue queue,
      ExportProperties properties,
      SingletonJobs jobs) {
    this.queue = queue;
    this.properties = properties;
    this.trigger =
        new ExportTrigger(
            "request-export",
            jobs,
            queue::due,
            exporter::export,
            properties.batchTrigger(),
            properties.linger());
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::check, properties.checkInterval());
    registrar.addFixedDelayTask(this::expireUnanswered, EXPIRY_CHECK_INTERVAL);
  }

  void check() {
    trigger.check();
  }

  /** Idempotent, so every instance may run it. */
  void expireUnanswered() {
    try {
      int expired = queue.expireUnanswered(properties.answerGrace());
      if (expired > 0) {
        log.info("{} exported request(s) expired without an answer", expired);
      }
    } catch (RuntimeException e) {
      log.debug("Expiring unanswered requests failed; retrying: {}", e.toString());
    }
  }
}
