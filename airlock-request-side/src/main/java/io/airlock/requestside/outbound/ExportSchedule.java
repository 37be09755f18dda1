package io.airlock.requestside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the exporter as soon as enough requests are pending or the oldest waiting record has
 * lingered long enough: checked often, so a request never waits for a fixed timer.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "airlock.export.enabled", matchIfMissing = true)
class ExportSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExportSchedule.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

  private final RequestExporter exporter;
  private final ExportQueue queue;
  private final ExportProperties properties;
  private final SingletonJobs jobs;
  private boolean failing;

  ExportSchedule(
      RequestExporter exporter,
      ExportQueue queue,
      ExportProperties properties,
      SingletonJobs jobs) {
    this.exporter = exporter;
    this.queue = queue;
    this.properties = properties;
    this.jobs = jobs;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::check, properties.checkInterval());
  }

  void check() {
    try {
      if (queue.due(properties.batchTrigger(), properties.linger())) {
        // With several instances on one database, one exports at a time; the others skip.
        jobs.runExclusively("request-export", LOCK_AT_MOST, exporter::export);
        if (failing) {
          log.info("Export works again");
          failing = false;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Nothing was marked exported; the next check tries again. Warn once per outage, not
      // every check interval.
      if (!failing) {
        log.warn("Export failed; retrying every {}: {}", properties.checkInterval(), e.toString());
        failing = true;
      } else {
        log.debug("Export still failing: {}", e.toString());
      }
    }
  }
}
