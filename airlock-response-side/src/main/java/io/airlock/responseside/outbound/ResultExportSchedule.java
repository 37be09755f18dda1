package io.airlock.responseside.outbound;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.transfer.ExportTrigger;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.responseside.results.ResultExports;
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
 * Runs the results exporter when answers commit, at once unless a results batch still waits in the
 * outbox ({@link ExportTrigger}); checked often as well. A slower pass marks answers delivered as
 * the request side's acks reach the ledger, also when nothing new is exported.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "airlock.results-export.enabled", matchIfMissing = true)
class ResultExportSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ResultExportSchedule.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

  private final ResultExporter exporter;
  private final ResultExportProperties properties;
  private final SingletonJobs jobs;
  private final DatabaseSignals signals;
  private final ExportTrigger trigger;

  ResultExportSchedule(
      ResultExporter exporter,
      ResultExports exports,
      ResultExportProperties properties,
      SingletonJobs jobs,
      OutboundBatches outbound,
      DatabaseSignals signals,
      TaskScheduler scheduler) {
    this.exporter = exporter;
    this.properties = properties;
    this.jobs = jobs;
    this.signals = signals;
    this.trigger =
        new ExportTrigger(
            "result-export",
            jobs,
            exports::due,
            () -> outbound.waitingInOutbox(Channel.RESULTS),
            exporter::export,
            properties.batchTrigger(),
            properties.linger(),
            task -> scheduler.schedule(task, Instant.now()));
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    trigger.checkOnSignal(signals);
    registrar.addFixedDelayTask(this::check, properties.checkInterval());
    registrar.addFixedDelayTask(this::markAcknowledged, properties.ackCheckInterval());
  }

  void check() {
    trigger.check();
  }

  void markAcknowledged() {
    try {
      jobs.runExclusivelyUnchecked(
          "result-acknowledgement", LOCK_AT_MOST, exporter::markAcknowledged);
    } catch (RuntimeException e) {
      log.debug("Marking acknowledged results failed; retrying: {}", e.toString());
    }
  }
}
