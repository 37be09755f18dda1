package io.airlock.responseside.monitoring;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.node.NodeProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the system checks every interval and writes each one's outcome to the system log, where
 * admins read how the side has been doing. One instance runs them at a time, so instances sharing a
 * database do not fill the log with copies; each entry names the node that wrote it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "airlock.monitoring.enabled", matchIfMissing = true)
class MonitoringSchedule implements SchedulingConfigurer {

  static final String COMPONENT = "monitoring";

  private static final Logger log = LoggerFactory.getLogger(MonitoringSchedule.class);
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(5);

  private final SystemChecks checks;
  private final SystemLog systemLog;
  private final SingletonJobs jobs;
  private final NodeProperties node;
  private final MonitoringProperties properties;

  MonitoringSchedule(
      SystemChecks checks,
      SystemLog systemLog,
      SingletonJobs jobs,
      NodeProperties node,
      MonitoringProperties properties) {
    this.checks = checks;
    this.systemLog = systemLog;
    this.jobs = jobs;
    this.node = node;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        new FixedDelayTask(this::runChecks, properties.interval(), properties.interval()));
  }

  void runChecks() {
    try {
      jobs.runExclusivelyUnchecked("monitoring", LOCK_AT_MOST, this::writeChecks);
    } catch (RuntimeException e) {
      // Most likely the database is gone, which also takes the lock and the system log with it.
      log.error("System checks could not run: {}", e.toString());
    }
  }

  private Void writeChecks() {
    for (SystemCheck check : checks.run()) {
      Map<String, Object> details = new HashMap<>(check.details());
      details.put("check", check.name());
      details.put("node", node.nodeId());
      if (check.level() != SystemLog.Level.INFO) {
        log.warn("System check {}: {} {}", check.name(), check.message(), check.details());
      }
      try {
        systemLog.record(check.level(), COMPONENT, check.message(), details);
      } catch (RuntimeException e) {
        log.error("System check {} could not be logged: {}", check.name(), e.toString());
      }
    }
    return null;
  }
}
