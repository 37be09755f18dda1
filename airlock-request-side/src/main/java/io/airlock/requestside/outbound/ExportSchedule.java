package io.airlock.requestside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.transfer.ExportTrigger;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.transfer.Channel;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the exporter when requests, cancellations or account changes commit, at once unless a
 * requests batch still waits in the outbox ({@link ExportTrigger}); checked often as well.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "airlock.export.enabled", matchIfMissing = true)
class ExportSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExportSchedule.class);
  private static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final ExportQueue queue;
  private final ExportProperties properties;
  private final DatabaseSignals signals;
  private final ExportTrigger trigger;

  ExportSchedule(
      RequestExporter exporter,
      ExportQueue queue,
      ExportProperties properties,
      SingletonJobs jobs,
      OutboundBatches outbound,
      DatabaseSignals signals,
      TaskScheduler scheduler) {
    this.queue = queue;
    this.properties = properties;
    this.signals = signals;
    this.trigger =
        new ExportTrigger(
            "request-export",
            jobs,
            queue::due,
            () -> outbound.waitingInOutbox(Channel.REQUESTS),
            exporter::export,
            properties.batchTrigger(),
            properties.linger(),
            task -> scheduler.schedule(task, Instant.now()));
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    trigger.checkOnSignal(signals);
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
