package io.airlock.requestside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.transfer.ExportTrigger;
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

  private final ExportProperties properties;
  private final ExportTrigger trigger;

  ExportSchedule(
      RequestExporter exporter,
      ExportQueue queue,
      ExportProperties properties,
      SingletonJobs jobs) {
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
  }

  void check() {
    trigger.check();
  }
}
